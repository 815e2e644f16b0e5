/** Parsing helpers for command-line values, with UsageError messages that say what was expected. */
import { UsageError } from "../../errors.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "250ms" | "30s" | "5m" | "2h" | "1d" | "1500" (ms) -> milliseconds. */
export function parseDurationArg(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!m) throw new UsageError(`${flag}: expected a duration such as 250ms, 30s, 5m, 2h or 1d, got "${text}"`);
  return Number(m[1]) * UNITS[m[2] ?? "ms"];
}

export function parsePositiveNumber(text: string | number, flag: string): number {
  const n = typeof text === "number" ? text : Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag}: expected a number > 0, got "${text}"`);
  return n;
}
