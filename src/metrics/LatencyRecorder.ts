/**
 * A latency recorder for the simulator's hot path: the same log-linear buckets as an HDR histogram
 * with 3 significant digits (2,048 sub-buckets, microsecond unit), indexed with one Math.clz32 and
 * a shift, in a flat Float64Array. `toHistogram()` turns it into a real hdr-histogram-js histogram
 * (same bucket boundaries, so percentiles are identical) for summaries, encoding and merging.
 *
 * Index of a value v (integer microseconds): v itself below 2,048; above, with e = floor(log2 v) - 10,
 * (e << 10) + (v >> e), so every power-of-two range holds 1,024 buckets of width 2^e.
 * Worked example: 10,000 us -> e = 3, v >> 3 = 1,250, index 4,322; bucket [10,000, 10,007] us.
 * Values are capped at 2^31 - 1 us (about 35 minutes).
 */
import { createHistogram, type Histogram } from "./histogram.js";

const MAX_US = 0x7fffffff;
/** (30 - 10 + 1) power-of-two ranges above 2,048, 1,024 buckets each, plus the linear 2,048. */
const SIZE = ((31 - 10) << 10) + 2048;

export class LatencyRecorder {
  readonly counts = new Float64Array(SIZE);
  total = 0;

  /** Record a latency in milliseconds. */
  recordMs(ms: number): void {
    let v = Math.round(ms * 1000);
    if (v < 0) v = 0;
    else if (v > MAX_US) v = MAX_US;
    let idx = v;
    if (v >= 2048) {
      const e = 21 - Math.clz32(v); // floor(log2 v) - 10
      idx = (e << 10) + (v >>> e);
    }
    this.counts[idx]++;
    this.total++;
  }

  /** The lowest value (us) of bucket `idx`. */
  static valueOf(idx: number): number {
    if (idx < 2048) return idx;
    const e = (idx >>> 10) - 1;
    return (idx - (e << 10)) * 2 ** e;
  }

  toHistogram(): Histogram {
    const h = createHistogram();
    const c = this.counts;
    for (let i = 0; i < c.length; i++) if (c[i] > 0) h.recordValueWithCount(LatencyRecorder.valueOf(i), c[i]);
    return h;
  }
}
