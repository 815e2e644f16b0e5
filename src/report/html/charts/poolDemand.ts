/**
 * The chart a capacity plan is about: a quota pool's requests per second against its quota, the
 * seconds it throttled shaded, and the aligned per-minute average beside it - the only view
 * CloudWatch AWS/Usage gives, which hides a 15-second spike inside its minute. When the throttled
 * seconds are a short stretch of a long run, a close-up of the minutes around them follows.
 */
import type { PoolResult, RunResult } from "../../../metrics/result.js";
import { formatCount, formatPct, formatPerSec } from "../../format.js";
import { COLORS } from "../palette.js";
import { clock, closeUp, minuteAverages, padTo, poolSeries, positiveRanges, timeAxis } from "../timeSeries.js";
import type { ChartSpec } from "../types.js";

/** A result with the label it carries in the page (variant, or "predicted"/"measured"). */
export interface LabelledResult {
  label: string;
  result: RunResult;
}

/** Pools that received requests and have a per-second series, in the result's pool order. */
export function chartablePools(r: RunResult): PoolResult[] {
  return r.kms.pools.filter((p) => p.requests > 0 && r.series?.some((s) => s.pool === p.pool));
}

/** "Quota 10,000/s. Busiest second 16,377/s (163.8% of quota); busiest aligned minute ..." */
export function poolCaption(p: PoolResult): string {
  const share = (v: number) => (p.quotaPerSec > 0 ? ` (${formatPct(v / p.quotaPerSec)} of quota)` : "");
  const parts = [
    `Quota ${formatPerSec(p.quotaPerSec)}/s. Busiest second ${formatPerSec(p.peakPerSec)}/s${share(p.peakPerSec)}; busiest aligned minute ${formatPerSec(p.peakMinuteAvgPerSec)}/s${share(p.peakMinuteAvgPerSec)}.`,
  ];
  if (p.secondsThrottled > 0) {
    parts.push(`${formatCount(p.secondsThrottled)} second(s) throttled, ${formatCount(p.throttled)} attempt(s) refused.`);
    if (p.peakMinuteAvgPerSec < p.quotaPerSec) parts.push("The per-minute average, all that CloudWatch AWS/Usage shows, stays below the quota.");
  } else {
    parts.push("No second was throttled.");
  }
  return parts.join(" ");
}

/**
 * One pool of one result (or of several results whose series are identical), over the window or
 * over `range` (indexes of the window) for a close-up.
 */
export function poolDemandChart(id: string, pool: PoolResult, r: RunResult, range?: { from: number; to: number }): ChartSpec | null {
  const s = poolSeries(r, pool.pool);
  if (!s || s.requestsPerSec.length === 0) return null;
  const all = timeAxis(r, s.requestsPerSec.length);
  const from = range?.from ?? 0, to = range?.to ?? s.requestsPerSec.length;
  const cut = <T>(a: readonly T[]): T[] => a.slice(from, to);
  const n = to - from;
  const offScale = farBelowQuota(pool.quotaPerSec, pool.peakPerSec);

  return {
    id,
    kind: "time",
    heightPx: 300,
    title: range
      ? `${pool.pool} pool, close-up of ${clock(all.values[from])}-${clock(all.values[from] + n)}`
      : `${pool.pool} pool: KMS requests per second against the quota`,
    caption: range
      ? "The minutes around the throttled seconds, per second."
      : `${poolCaption(pool)}${offScale ? " The quota line is above the scale: the busiest second is far below it." : ""}`,
    x: { label: all.label, values: cut(all.values) },
    y: { label: "requests/s", unit: "perSec", ...(offScale ? { max: Math.max(1, pool.peakPerSec * 1.15) } : {}) },
    series: [
      { label: "requests/s (every attempt)", values: cut(s.requestsPerSec), color: COLORS.demand, style: "line", fill: true },
      { label: `quota ${formatPerSec(pool.quotaPerSec)}/s`, values: new Array<number>(n).fill(pool.quotaPerSec), color: COLORS.quota, style: "dash" },
      // Drawn over the quota line: in the flagship it runs just under it through the spike's minute.
      { label: "1-min average (the CloudWatch view)", values: cut(minuteAverages(s.requestsPerSec)), color: COLORS.minuteAverage, style: "step" },
      { label: "throttled/s", values: cut(s.throttledPerSec), color: COLORS.throttled, style: "bars" },
    ],
    // Shading marks out a few throttled seconds; over most of the window it would only tint it.
    ...(throttledShare(cut(s.throttledPerSec)) <= 0.5
      ? { marks: { label: "seconds throttled", color: COLORS.throttledBand, ranges: positiveRanges(cut(s.throttledPerSec), all.values[from] ?? 0) } }
      : {}),
  };
}

/**
 * Far below the quota (busiest second under a quarter of it), a y axis up to the quota would
 * flatten the demand into the x axis: the chart fits the demand and says the quota is off scale.
 */
function farBelowQuota(quotaPerSec: number, peakPerSec: number): boolean {
  return quotaPerSec > 0 && peakPerSec < quotaPerSec / 4;
}

/** Share of the seconds in which something was throttled. */
function throttledShare(perSec: readonly number[]): number {
  return perSec.length ? perSec.filter((v) => v > 0).length / perSec.length : 0;
}

/** The pool's chart, then its close-up when the throttled seconds are a short stretch of the run. */
export function poolDemandCharts(id: string, pool: PoolResult, r: RunResult): ChartSpec[] {
  const full = poolDemandChart(id, pool, r);
  if (!full) return [];
  const near = closeUp(poolSeries(r, pool.pool)!.throttledPerSec);
  const zoom = near ? poolDemandChart(`${id}-close-up`, pool, r, near) : null;
  return zoom ? [full, zoom] : [full];
}

/** Predicted and measured demand and throttles of one pool overlaid, against the quota. */
export function poolCompareChart(id: string, pool: PoolResult, predicted: RunResult, measured: RunResult): ChartSpec | null {
  const p = poolSeries(predicted, pool.pool);
  const m = poolSeries(measured, pool.pool);
  if (!p || !m) return null;
  const n = Math.max(p.requestsPerSec.length, m.requestsPerSec.length);
  if (n === 0) return null;
  const x = timeAxis(predicted, n);
  const peak = Math.max(...p.requestsPerSec, ...m.requestsPerSec);
  const offScale = farBelowQuota(pool.quotaPerSec, peak);
  return {
    id,
    kind: "time",
    title: `${pool.pool} pool: requests per second, predicted and measured`,
    caption: `Quota ${formatPerSec(pool.quotaPerSec)}/s. Busiest second predicted ${formatPerSec(pool.peakPerSec)}/s, measured ${formatPerSec(measured.kms.pools.find((x) => x.pool === pool.pool)?.peakPerSec)}/s.${offScale ? " The quota line is above the scale." : ""}`,
    x,
    y: { label: "requests/s", unit: "perSec", ...(offScale ? { max: Math.max(1, peak * 1.15) } : {}) },
    series: [
      { label: "predicted requests/s", values: padTo(p.requestsPerSec, n), color: COLORS.predicted, style: "line" },
      { label: "measured requests/s", values: padTo(m.requestsPerSec, n), color: COLORS.measured, style: "line" },
      { label: `quota ${formatPerSec(pool.quotaPerSec)}/s`, values: new Array<number>(n).fill(pool.quotaPerSec), color: COLORS.quota, style: "dash" },
      { label: "predicted throttled/s", values: padTo(p.throttledPerSec, n), color: COLORS.retries, style: "line" },
      { label: "measured throttled/s", values: padTo(m.throttledPerSec, n), color: COLORS.throttled, style: "line" },
    ],
  };
}
