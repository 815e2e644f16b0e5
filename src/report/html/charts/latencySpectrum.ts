/**
 * Latency percentile spectrum (the HdrHistogram percentile plot): latency on a log scale against
 * the percentile, spread so that each "nine" gets the same width - x = log10(1 / (1 - q)), so
 * x = 1 is p90, 2 is p99, 3 is p99.9 - up to the percentile the sample can support
 * (1 - 1/count) and ending at the maximum. Read from the encoded HDR histograms of the result;
 * a result without them (`--histograms` not given) falls back to its summary percentiles joined
 * by a line, and the caption says so.
 *
 * Example: 100,000 operations -> points at x = 0, 0.1, ..., 5.0 (p0 ... p99.999), then the max at 5.
 */
import { decodeHistogram, HISTOGRAM_UNIT_PER_MS } from "../../../metrics/histogram.js";
import type { LatencySummary } from "../../../metrics/result.js";
import type { ChartSpec, SeriesSpec } from "../types.js";

/** Points per decade of 1/(1 - q): 10 keeps the curve smooth at 60 points for 6 nines. */
export const POINTS_PER_NINE = 10;

/** The deepest percentile drawn: 6 nines (p99.9999), past which even long runs hold a handful of values. */
export const MAX_NINES = 6;

/** The smallest latency drawn on the log axis, ms (1 µs, the histograms' resolution). */
const FLOOR_MS = 0.001;

export interface SpectrumCurve {
  label: string;
  color: string;
  /** [nines, latency ms] pairs, by increasing nines. */
  points: [number, number][];
  /** True when read from a histogram, false when from the summary percentiles. */
  fromHistogram: boolean;
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/** The spectrum of an encoded histogram (microseconds); [] when it holds no value. */
export function histogramSpectrum(encoded: string): [number, number][] {
  const h = decodeHistogram(encoded);
  const count = h.totalCount;
  if (count === 0) return [];
  const deepest = Math.min(MAX_NINES, Math.log10(count));
  const out: [number, number][] = [];
  for (let k = 0; k / POINTS_PER_NINE <= deepest + 1e-12; k++) {
    const nines = k / POINTS_PER_NINE;
    const pct = 100 * (1 - 10 ** -nines);
    out.push([nines, Math.max(FLOOR_MS, h.getValueAtPercentile(pct) / HISTOGRAM_UNIT_PER_MS)]);
  }
  const maxAt = round3(Math.log10(count));
  if (maxAt > out[out.length - 1][0]) out.push([maxAt, Math.max(FLOOR_MS, h.maxValue / HISTOGRAM_UNIT_PER_MS)]);
  return out;
}

/** The summary percentiles as spectrum points (p50, p90, p99, p99.9, and the max at 1 - 1/count). */
export function summarySpectrum(l: LatencySummary, count: number): [number, number][] {
  if (!(count > 0)) return [];
  const pts: [number, number][] = [
    [round3(Math.log10(2)), l.p50],
    [1, l.p90],
    [2, l.p99],
    [3, l.p99_9],
  ];
  const maxAt = round3(Math.log10(count));
  const out = pts.filter(([x]) => x < maxAt);
  out.push([Math.max(maxAt, out.length ? out[out.length - 1][0] : 0), l.max]);
  return out.map(([x, v]) => [x, Math.max(FLOOR_MS, v)]);
}

/** A curve from whichever the operation has: its histogram, else its summary. */
export function curveOf(label: string, color: string, op: { histogram?: string; latencyMs: LatencySummary; operations: number }): SpectrumCurve {
  if (op.histogram) return { label, color, points: histogramSpectrum(op.histogram), fromHistogram: true };
  return { label, color, points: summarySpectrum(op.latencyMs, op.operations), fromHistogram: false };
}

/** Curves on one x axis: the union of their x values, each curve null where it has no point. */
export function alignCurves(curves: readonly SpectrumCurve[]): { x: number[]; series: SeriesSpec[] } {
  const xs = [...new Set(curves.flatMap((c) => c.points.map(([x]) => x)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const series = curves.map((c): SeriesSpec => {
    const values: (number | null)[] = new Array(xs.length).fill(null);
    for (const [x, v] of c.points) values[index.get(x)!] = v;
    return { label: c.label, values, color: c.color, style: "line", spanGaps: true };
  });
  return { x: xs, series };
}

export function spectrumChart(id: string, title: string, curves: readonly SpectrumCurve[], caption?: string): ChartSpec | null {
  const drawn = curves.filter((c) => c.points.length > 0);
  if (drawn.length === 0) return null;
  const { x, series } = alignCurves(drawn);
  const fromSummary = drawn.filter((c) => !c.fromHistogram).map((c) => c.label);
  const note = fromSummary.length
    ? `${fromSummary.join(", ")}: summary percentiles only (p50, p90, p99, p99.9, max), as the result holds no histogram (simulate --histograms).`
    : "";
  return {
    id,
    kind: "spectrum",
    title,
    caption: [caption ?? "Latency from scheduled arrival to completion (backoff included), every completed operation.", note].filter(Boolean).join(" "),
    x: { label: "percentile", values: x },
    y: { label: "latency", unit: "ms", log: true },
    series,
  };
}
