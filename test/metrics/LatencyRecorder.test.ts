import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LatencyRecorder } from "../../src/metrics/LatencyRecorder.js";
import { createHistogram, recordMs, summarize } from "../../src/metrics/histogram.js";

describe("LatencyRecorder", () => {
  it("gives exactly the percentiles of an HDR histogram fed the same values (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 600_000, noNaN: true }), { minLength: 1, maxLength: 300 }), (values) => {
        const rec = new LatencyRecorder();
        const h = createHistogram();
        for (const v of values) {
          rec.recordMs(v);
          recordMs(h, v);
        }
        const a = summarize(rec.toHistogram());
        const b = summarize(h);
        expect(a.p50).toBe(b.p50);
        expect(a.p99).toBe(b.p99);
        expect(a.p99_9).toBe(b.p99_9);
        expect(rec.toHistogram().totalCount).toBe(values.length);
      }),
    );
  });

  it("maps bucket boundaries back to their lowest value", () => {
    const rec = new LatencyRecorder();
    rec.recordMs(10); // 10,000 us
    const idx = rec.counts.findIndex((c) => c > 0);
    expect(LatencyRecorder.valueOf(idx)).toBe(10_000);
  });
});
