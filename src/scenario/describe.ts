/**
 * Text helpers for messages: how a written value is shown ("got ..."), the "did you mean"
 * suggestion for misspelt keys and values, and what a run's rate actually does (from the same rate
 * curve the schedule follows, so a shape step past the end of the run is not described as reached).
 */
import { buildRateCurve, expectedArrivals, rateAt, type RateCurve } from "../plan/Schedule.js";
import type { Scenario } from "./types.js";
import { formatDuration } from "./units.js";

const MAX_SHOWN_CHARS = 60;

/** A written value as it appears in messages: -5, "per-tennant", true, a list, a mapping, nothing. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const shown = JSON.stringify(value);
    return shown.length > MAX_SHOWN_CHARS ? `${shown.slice(0, MAX_SHOWN_CHARS - 4)}..."` : shown;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.length ? `a list of ${value.length}` : "an empty list";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

/**
 * Levenshtein distance (insert, delete, substitute = 1 each), two-row table.
 * Example: distance("tenents", "tenants") = 1; distance("per-tennant", "per-tenant") = 1.
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The closest candidate when it is close enough to be a likely typo: distance <= 2 and at most a
 * third of the word (case-insensitive), else null. Example: closest("tenents", ["tenants", "keys"]) = "tenants".
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  if (word.length > 100) return null;
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.min(2, Math.max(1, Math.floor(word.length / 3))) ? best : null;
}

/** `; did you mean "x"?` or "" when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c !== null && c !== word ? `; did you mean "${c}"?` : "";
}

/** The rate a run actually follows over [0, duration], in operations per second. */
export interface RateProfile {
  startPerSec: number;
  endPerSec: number;
  peakPerSec: number;
  /** When the peak is first reached, ms. */
  peakAtMs: number;
  meanPerSec: number;
}

/** The rate just before `tSec` (a step exactly at `tSec` has not happened yet). */
function rateBefore(curve: RateCurve, tSec: number): number {
  const { atSec, ratePerSec } = curve;
  let i = 0;
  while (i + 1 < atSec.length && atSec[i + 1] < tSec) i++;
  if (i + 1 >= atSec.length) return ratePerSec[i];
  const d = atSec[i + 1] - atSec[i];
  return d > 0 ? ratePerSec[i] + ((ratePerSec[i + 1] - ratePerSec[i]) * Math.min(1, (tSec - atSec[i]) / d)) : ratePerSec[i];
}

export function rateProfile(s: Scenario): RateProfile {
  const curve = buildRateCurve(s.traffic.shape);
  const endSec = s.durationMs / 1000;
  const startPerSec = rateAt(curve, 0);
  const endPerSec = rateBefore(curve, endSec);
  let peakPerSec = startPerSec;
  let peakAtMs = 0;
  for (let i = 0; i < curve.atSec.length && curve.atSec[i] < endSec; i++) {
    if (curve.ratePerSec[i] > peakPerSec) [peakPerSec, peakAtMs] = [curve.ratePerSec[i], curve.atSec[i] * 1000];
  }
  if (endPerSec > peakPerSec) [peakPerSec, peakAtMs] = [endPerSec, s.durationMs];
  const meanPerSec = endSec > 0 ? expectedArrivals(curve, endSec) / endSec : startPerSec;
  return { startPerSec, endPerSec, peakPerSec, peakAtMs, meanPerSec };
}

/** 8000 -> "8,000 ops/s". */
export function opsPerSec(rate: number): string {
  return `${rate.toLocaleString("en-US", { maximumFractionDigits: 2 })} ops/s`;
}

/**
 * What the run's rate does, in one phrase. Examples: "9,000 ops/s for 10m";
 * "0 ops/s at the start, 8,000 ops/s at the end (20m), mean 4,000 ops/s";
 * "9,000 ops/s at the start, peak 11,000 ops/s at 5m, 9,000 ops/s at the end (10m), mean 9,050 ops/s".
 */
export function describeRate(s: Scenario): string {
  const p = rateProfile(s);
  const end = formatDuration(s.durationMs);
  if (p.startPerSec === p.peakPerSec && p.endPerSec === p.peakPerSec && Math.abs(p.meanPerSec - p.peakPerSec) <= 1e-9 * p.peakPerSec) return `${opsPerSec(p.peakPerSec)} for ${end}`;
  const peak = p.peakPerSec > Math.max(p.startPerSec, p.endPerSec) ? `, peak ${opsPerSec(p.peakPerSec)} at ${formatDuration(p.peakAtMs)}` : "";
  return `${opsPerSec(p.startPerSec)} at the start${peak}, ${opsPerSec(p.endPerSec)} at the end (${end}), mean ${opsPerSec(Math.round(p.meanPerSec))}`;
}
