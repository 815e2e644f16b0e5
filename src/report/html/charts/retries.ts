/**
 * Throttles and retries over time: the attempts refused per second, the retries the SDK sent
 * per second and the operations that failed, so a reader sees retries pile up behind a spike
 * and drain after it. Retries and failures need the result's `timeline` (simulate --series);
 * without it the chart shows throttles only and says so.
 */
import type { RunResult } from "../../../metrics/result.js";
import { COLORS, cycleColor } from "../palette.js";
import { padTo, poolSeries, timeAxis, timelineOf } from "../timeSeries.js";
import type { ChartSpec, SeriesSpec } from "../types.js";
import { chartablePools } from "./poolDemand.js";

/** Per pool that throttled at least once (or the first pool), its throttled-per-second series. */
function throttledSeries(r: RunResult, prefix = ""): SeriesSpec[] {
  const pools = chartablePools(r);
  const throttling = pools.filter((p) => p.throttled > 0);
  const shown = throttling.length > 0 ? throttling : pools.slice(0, 1);
  return shown.map((p, i) => ({
    label: `${prefix}throttled/s${pools.length > 1 ? ` (${p.pool})` : ""}`,
    values: poolSeries(r, p.pool)!.throttledPerSec,
    color: i === 0 ? COLORS.throttled : cycleColor(i + 3),
    style: "line" as const,
  }));
}

function length(series: SeriesSpec[]): number {
  return series.reduce((m, s) => Math.max(m, s.values.length), 0);
}

/** True when the chart would show something: a throttled pool, or retries or failures. */
export function hasRetryActivity(r: RunResult): boolean {
  const t = timelineOf(r);
  return r.kms.throttled > 0 || r.kms.retries > 0 || r.app.failed > 0 || Boolean(t?.retriesPerSec?.some((v) => v > 0));
}

export function retriesChart(id: string, r: RunResult): ChartSpec | null {
  const t = timelineOf(r);
  const series = throttledSeries(r);
  if (t?.retriesPerSec) series.push({ label: "retries/s", values: t.retriesPerSec, color: COLORS.retries, style: "line" });
  if (t?.appFailedPerSec) series.push({ label: "failed operations/s", values: t.appFailedPerSec, color: COLORS.failed, style: "bars" });
  const n = length(series);
  if (n === 0) return null;
  return {
    id,
    kind: "time",
    title: "Throttles, retries and failures per second",
    caption: t?.retriesPerSec
      ? "Each throttled attempt is retried after a backoff (up to the client's retry budget); failures are operations that ran out of attempts or budget."
      : "Retries and failures per second need a result with a timeline (simulate --series); throttles only.",
    x: timeAxis(r, n),
    y: { label: "per second", unit: "perSec" },
    series: series.map((s) => ({ ...s, values: padTo(s.values, n) })),
  };
}

/** Predicted and measured throttles (and retries, where both results have a timeline) overlaid. */
export function retriesCompareChart(id: string, predicted: RunResult, measured: RunResult): ChartSpec | null {
  const series = [...throttledSeries(predicted, "predicted "), ...throttledSeries(measured, "measured ")];
  series.forEach((s, i) => (s.color = s.label.startsWith("predicted") ? (i === 0 ? COLORS.predicted : cycleColor(i + 4)) : COLORS.measured));
  const tp = timelineOf(predicted), tm = timelineOf(measured);
  if (tp?.retriesPerSec) series.push({ label: "predicted retries/s", values: tp.retriesPerSec, color: COLORS.retries, style: "line" });
  if (tm?.retriesPerSec) series.push({ label: "measured retries/s", values: tm.retriesPerSec, color: COLORS.failed, style: "line" });
  const n = length(series);
  if (n === 0) return null;
  return {
    id,
    kind: "time",
    title: "Throttled attempts per second, predicted and measured",
    x: timeAxis(predicted, n),
    y: { label: "per second", unit: "perSec" },
    series: series.map((s) => ({ ...s, values: padTo(s.values, n) })),
  };
}
