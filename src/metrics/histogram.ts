/**
 * Latency histograms: HDR histograms (hdr-histogram-js) holding microseconds, 3 significant
 * digits, auto-resizing. One settings object for simulate and live, so their histograms merge.
 */
import * as hdr from "hdr-histogram-js";
import type { LatencySummary } from "./result.js";

export type Histogram = hdr.Histogram;

/** Values are recorded in microseconds; reports are in milliseconds. */
export const HISTOGRAM_UNIT_PER_MS = 1000;

export function createHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 2 * 60 * 60 * 1_000_000, // 2 h, grows if needed
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/** Record a latency in milliseconds (fractional allowed; resolution 1 microsecond). */
export function recordMs(h: Histogram, ms: number): void {
  h.recordValue(ms > 0 ? Math.round(ms * HISTOGRAM_UNIT_PER_MS) : 0);
}

const round = (us: number): number => Math.round((us / HISTOGRAM_UNIT_PER_MS) * 1000) / 1000;

export function summarize(h: Histogram): LatencySummary {
  if (h.totalCount === 0) return { p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0, mean: 0 };
  return {
    p50: round(h.getValueAtPercentile(50)),
    p90: round(h.getValueAtPercentile(90)),
    p99: round(h.getValueAtPercentile(99)),
    p99_9: round(h.getValueAtPercentile(99.9)),
    max: round(h.maxValue),
    mean: round(h.mean),
  };
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32, false);
}

/** A new histogram holding every value of `parts`. */
export function mergeHistograms(parts: readonly Histogram[]): Histogram {
  const out = createHistogram();
  for (const p of parts) out.add(p);
  return out;
}
