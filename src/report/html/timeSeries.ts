/**
 * Per-second arrays of a result, on one time axis: seconds of the measured window, so the charts
 * agree with the tables (whose peaks and averages are over the measured window).
 *
 * Where each array starts: pool `series` and `timeline` cover the measured window, entry i being
 * second `timeline.startSec + i` of the run. Results written before `timeline.startSec` existed
 * had simulated pool series from the start of the run, warm-up included: those are shifted by
 * their length minus the measured seconds (600 entries with `simulatedSeconds` 570 -> entries
 * 30.. are seconds 0..).
 */
import type { RunResult } from "../../metrics/result.js";
import type { XRange } from "./types.js";

/** Per-second arrays that `simulate --series` adds beside the pool series (when the engine provides them). */
export interface Timeline {
  appOpsPerSec?: number[];
  appFailedPerSec?: number[];
  retriesPerSec?: number[];
  cacheHitsPerSec?: number[];
  cacheMissesPerSec?: number[];
}

/** A result as the report reads it: the contract plus fields newer than some results. */
export type ReportedResult = RunResult & { timeline?: Timeline };

/** The result's timeline, if it holds one with at least one array. */
export function timelineOf(r: RunResult): Timeline | undefined {
  const t = (r as ReportedResult).timeline;
  return t && typeof t === "object" && Object.values(t).some(Array.isArray) ? t : undefined;
}

/** Entries of a pool series that precede the measured window (0 for live results). */
export function warmupEntries(r: RunResult, length: number): number {
  if (r.source === "live") return 0;
  return Math.max(0, length - Math.ceil(r.simulatedSeconds - 1e-9));
}

/** A pool series' requests and throttles over the measured window. */
export function poolSeries(r: RunResult, pool: string): { requestsPerSec: number[]; throttledPerSec: number[] } | undefined {
  const s = r.series?.find((x) => x.pool === pool);
  if (!s) return undefined;
  const from = warmupEntries(r, s.requestsPerSec.length);
  return { requestsPerSec: s.requestsPerSec.slice(from), throttledPerSec: s.throttledPerSec.slice(from) };
}

/** Seconds as m:ss: 75 -> "1:15". */
export function clock(sec: number): string {
  const m = Math.floor(sec / 60), s = Math.round(sec - m * 60);
  return `${m}:${s < 10 ? "0" : ""}${s}`;
}

/** 0, 1, ..., n - 1. */
export function secondsAxis(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * The x axis of n seconds of the measured window. For a simulated result with pool series it is
 * the time since the start of the run (warm-up excluded, so it starts at the warm-up's end) and
 * so matches the scenario's `shape` (a spike `at: 5m` is drawn at 5:00); otherwise the time into
 * the measured window (a live result does not record its warm-up).
 */
export function timeAxis(r: RunResult, n: number): { label: string; values: number[] } {
  const first = r.series?.[0];
  const startSec = r.timeline?.startSec;
  const origin = r.source === "live" ? 0 : typeof startSec === "number" ? startSec : first ? warmupEntries(r, first.requestsPerSec.length) : 0;
  return {
    label: origin > 0 || (r.source !== "live" && first) ? "time since the start of the run (m:ss), warm-up left out" : "time into the measured window (m:ss)",
    values: Array.from({ length: n }, (_, i) => origin + i),
  };
}

/**
 * Each second's aligned-minute average: what CloudWatch AWS/Usage (one datapoint a minute) shows,
 * drawn per second as a step. Minutes are aligned to the start of the window, as
 * `peakMinuteAvgPerSec` is; a trailing partial minute has no datapoint (null), unless the whole
 * window is shorter than a minute, which then is its own average.
 * Example: 120 s of 100/s with a 10-s spike to 400/s in the first minute -> 150 for 0-59, 100 for 60-119.
 */
export function minuteAverages(perSec: readonly number[]): (number | null)[] {
  const n = perSec.length;
  if (n === 0) return [];
  if (n < 60) {
    const mean = perSec.reduce((a, v) => a + v, 0) / n;
    return perSec.map(() => mean);
  }
  const out: (number | null)[] = new Array(n).fill(null);
  for (let m = 0; m + 60 <= n; m += 60) {
    let sum = 0;
    for (let i = m; i < m + 60; i++) sum += perSec[i];
    for (let i = m; i < m + 60; i++) out[i] = sum / 60;
  }
  return out;
}

/** Runs of consecutive seconds where `values[i] > 0`, as [from, to) ranges of `origin + i`. */
export function positiveRanges(values: readonly number[], origin = 0): XRange[] {
  const out: XRange[] = [];
  let start = -1;
  for (let i = 0; i <= values.length; i++) {
    const on = i < values.length && values[i] > 0;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      out.push({ from: origin + start, to: origin + i });
      start = -1;
    }
  }
  return out;
}

/**
 * The stretch of the window worth a close-up: whole minutes around the seconds where `values > 0`,
 * with at least `marginSec` either side; null when there are none, or when they already fill a
 * third of the window (the full chart shows them well). Indexes [from, to).
 * Example: 570 s with throttles in seconds 271-278 -> [180, 360).
 */
export function closeUp(values: readonly number[], marginSec = 45): { from: number; to: number } | null {
  const first = values.findIndex((v) => v > 0);
  if (first < 0) return null;
  let last = first;
  for (let i = values.length - 1; i > first; i--) if (values[i] > 0) { last = i; break; }
  if (last - first + 1 > values.length / 3) return null;
  const from = Math.max(0, Math.floor((first - marginSec) / 60) * 60);
  const to = Math.min(values.length, Math.ceil((last + 1 + marginSec) / 60) * 60);
  return to - from < values.length ? { from, to } : null;
}

/** Element-wise sum of equal-purpose arrays of possibly different lengths (missing = 0). */
export function sumArrays(arrays: readonly (readonly number[])[]): number[] {
  const n = arrays.reduce((m, a) => Math.max(m, a.length), 0);
  const out = new Array<number>(n).fill(0);
  for (const a of arrays) for (let i = 0; i < a.length; i++) out[i] += a[i];
  return out;
}

/** `values` padded with null (or cut) to length n. */
export function padTo(values: readonly (number | null)[], n: number): (number | null)[] {
  const out = values.slice(0, n);
  while (out.length < n) out.push(null);
  return out;
}
