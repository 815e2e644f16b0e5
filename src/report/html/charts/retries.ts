/**
 * Throttles and retries over time: the attempts refused per second, the retries the SDK sent
 * per second and the operations that failed, so a reader sees retries pile up behind a spike
 * and drain after it. Retries and failures need the result's `timeline` (simulate --series);
 * without it the chart shows throttles only and says so.
 */
import type { RunResult } from "../../../metrics/result.js";
import { COLORS, cycleColor } from "../palette.js";
import { clock, closeUp, padTo, poolSeries, sumArrays, timeAxis, timelineOf } from "../timeSeries.js";
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

/**
 * One result's throttles, retries and failures per second. When they all fall in a short stretch
 * of a long run (a spike), the chart shows the minutes around it (closeUp) and says so.
 */
export function retriesChart(id: string, r: RunResult): ChartSpec | null {
  const t = timelineOf(r);
  const series = throttledSeries(r);
  if (t?.retriesPerSec) series.push({ label: "retries/s", values: t.retriesPerSec, color: COLORS.retries, style: "line" });
  if (t?.appFailedPerSec) series.push({ label: "failed operations/s", values: t.appFailedPerSec, color: COLORS.failed, style: "bars" });
  const n = length(series);
  if (n === 0) return null;
  const all = timeAxis(r, n);
  const activity = sumArrays(series.map((s) => s.values.map((v) => v ?? 0)));
  const near = closeUp(activity);
  const from = near?.from ?? 0, to = near?.to ?? n;
  const what = t?.retriesPerSec
    ? "Each throttled attempt is retried after a backoff while the client's retry budget lasts; failures are operations that ran out of attempts or budget."
    : "Retries and failures per second need a result with a timeline (simulate --series); throttles only.";
  return {
    id,
    kind: "time",
    title: near ? `Throttles, retries and failures per second, ${clock(all.values[from])}-${clock(all.values[from] + to - from)}` : "Throttles, retries and failures per second",
    caption: near ? `${what} None outside the seconds shown.` : what,
    x: { label: all.label, values: all.values.slice(from, to) },
    y: { label: "per second", unit: "perSec" },
    series: series.map((s) => ({ ...s, values: padTo(s.values, n).slice(from, to) })),
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
