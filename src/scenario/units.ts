/**
 * Units of the written scenario: durations and sizes, as numbers or strings with a unit.
 *
 * Durations: a number of milliseconds, or a string of one or more `<number><unit>` parts with units
 * ms, s, m, h, d (Go style, parts added up). Examples: "250ms" -> 250, "30s" -> 30,000,
 * "5m15s" -> 315,000, "1.5h" -> 5,400,000, "1d" -> 86,400,000.
 *
 * Sizes: a number of bytes, or a string `<number><unit>` with decimal units B, KB, MB, GB, TB
 * (powers of 1,000) or binary units KiB, MiB, GiB, TiB (powers of 1,024), rounded to whole bytes.
 * Examples: "4KiB" -> 4,096, "1MiB" -> 1,048,576, "1KB" -> 1,000, "1.5KiB" -> 1,536.
 *
 * The patterns below are also what the JSON Schema tells editors.
 */

/** Milliseconds per duration unit. */
export const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Bytes per size unit. */
export const SIZE_UNITS_BYTES: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

const NUMBER = "\\d+(?:\\.\\d+)?";
/** One or more `<number><unit>` parts: "250ms", "5m15s". */
export const DURATION_PATTERN = `^(?:${NUMBER}(?:ms|s|m|h|d))+$`;
/** `<number><unit>`: "4KiB", "1MB", "512B". */
export const SIZE_PATTERN = `^${NUMBER}(?:B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$`;

const DURATION_RE = new RegExp(DURATION_PATTERN);
const DURATION_PART_RE = new RegExp(`(${NUMBER})(ms|s|m|h|d)`, "g");
const SIZE_RE = new RegExp(`^(${NUMBER})(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$`);

/** Human description of the accepted duration forms, for error messages. */
export const DURATION_HINT = 'a duration: a number of ms or a string like "250ms", "30s", "5m", "2h", "1d"';
/** Human description of the accepted size forms, for error messages. */
export const SIZE_HINT = 'a size: a number of bytes or a string like "512B", "4KiB", "1MiB", "1GiB", "1KB"';

/** True for strings `durationMs` accepts. */
export function isDurationString(text: string): boolean {
  return DURATION_RE.test(text);
}

/** True for strings `sizeBytes` accepts. */
export function isSizeString(text: string): boolean {
  return SIZE_RE.test(text);
}

/**
 * Milliseconds of a written duration. Throws TypeError for anything the schema would have rejected
 * (callers validate first; see DURATION_PATTERN).
 */
export function durationMs(value: number | string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) throw new TypeError(`Expected a duration in ms >= 0, got ${value}`);
    return value;
  }
  if (typeof value !== "string" || !DURATION_RE.test(value)) {
    throw new TypeError(`Expected ${DURATION_HINT}, got ${JSON.stringify(value)}`);
  }
  let totalMs = 0;
  for (const m of value.matchAll(DURATION_PART_RE)) totalMs += Number(m[1]) * DURATION_UNITS_MS[m[2]];
  return totalMs;
}

/** Bytes of a written size, rounded to a whole byte. Throws TypeError like `durationMs`. */
export function sizeBytes(value: number | string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) throw new TypeError(`Expected a size in bytes >= 0, got ${value}`);
    return Math.round(value);
  }
  const m = typeof value === "string" ? SIZE_RE.exec(value) : null;
  if (!m) throw new TypeError(`Expected ${SIZE_HINT}, got ${JSON.stringify(value)}`);
  return Math.round(Number(m[1]) * SIZE_UNITS_BYTES[m[2]]);
}

/** Milliseconds as the shortest written duration: 315000 -> "5m15s", 250 -> "250ms", 0 -> "0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return "0s";
  if (!Number.isInteger(ms) || ms % 1000 !== 0) return `${ms}ms`;
  let rest = ms / 1000;
  let out = "";
  for (const [unit, sec] of [["d", 86_400], ["h", 3_600], ["m", 60], ["s", 1]] as const) {
    const n = Math.floor(rest / sec);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * sec;
  }
  return out;
}
