/**
 * The one result builder on hand-made measurements: pool statistics over the measured window
 * (aligned minutes, short windows, a warm-up offset), pricing by class and the cost basis, the
 * end-of-run rate, merging by label, series and timeline, and the order of warnings.
 */
import { describe, expect, it } from "vitest";
import { buildRunResult, windowSeconds } from "../../src/metrics/buildRunResult.js";
import { createHistogram, recordMs } from "../../src/metrics/histogram.js";
import type { RunMeasurements } from "../../src/metrics/measurements.js";
import { poolStats } from "../../src/metrics/poolStats.js";
import { makeScenario } from "../fixtures/scenario.js";

/** `n` seconds at `rate`, then the rest as given. */
const flat = (n: number, rate: number): number[] => Array<number>(n).fill(rate);

function histogramOf(...ms: number[]) {
  const h = createHistogram();
  for (const v of ms) recordMs(h, v);
  return h;
}

function measurements(over: Partial<RunMeasurements> = {}): RunMeasurements {
  return {
    source: "simulate",
    scenario: makeScenario({ durationMs: 120_000 }),
    window: { fromMs: 0, toMs: 120_000 },
    operations: [{ label: "kms:GenerateDataKey", operations: 4, succeeded: 3, failed: 1, latency: histogramOf(5, 10, 20, 40) }],
    kms: [{ operation: "GenerateDataKey", priceClass: "SYMMETRIC_DEFAULT", requests: 0, throttled: 0, servedPerSec: [] }],
    pools: [],
    retries: 0,
    budgetExhausted: 0,
    byS3: 0,
    bucketKeyCalls: 0,
    objectKeyCalls: 0,
    cache: { hits: 0, misses: 0, stampedeMisses: 0 },
    keyCount: 1,
    timeline: null,
    assumptions: ["an assumption"],
    warnings: [],
    ...over,
  };
}

describe("poolStats", () => {
  it("takes the busiest ALIGNED minute; a trailing part of a minute is left out", () => {
    // 150 s: 10/s, 30/s in seconds 50-69 (straddling the first minute's end), 100/s in 130-139 (trailing part).
    const req = flat(150, 10);
    for (let s = 50; s < 70; s++) req[s] = 30;
    for (let s = 130; s < 140; s++) req[s] = 100;
    const p = poolStats("symmetric", 1000, req, [], 0, 150);
    expect(p.peakMinuteAvgPerSec).toBe((50 * 10 + 10 * 30) / 60); // [0, 60); [60, 120) has 10 x 30 too, same sum
    expect(p.peakPerSec).toBe(100);
    expect(p.requests).toBe(120 * 10 + 20 * 30 + 10 * 100);
    expect(p.meanPerSec).toBe(p.requests / 150);
    // A sliding 60-s window would have taken seconds 90-149, trailing spike included: 25/s, not 13.3/s.
    expect(p.peakMinuteAvgPerSec).toBeCloseTo(13.333, 3);
  });

  it("a window shorter than a minute is one minute of its own length: its mean", () => {
    const p = poolStats("symmetric", 100, [5, 10, 15, 20], [0, 2, 0, 1], 0, 4);
    expect(p.peakMinuteAvgPerSec).toBe(12.5);
    expect(p.meanPerSec).toBe(12.5);
    expect(p).toMatchObject({ peakPerSec: 20, secondsThrottled: 2, throttled: 3, requests: 50 });
  });

  it("an empty window gives zeros, and seconds past a short series count 0", () => {
    expect(poolStats("rsa", 10, [], [], 5, 5)).toMatchObject({ requests: 0, meanPerSec: 0, peakMinuteAvgPerSec: 0, peakPerSec: 0 });
    expect(poolStats("rsa", 10, [3], [], 0, 3)).toMatchObject({ requests: 3, meanPerSec: 1, peakPerSec: 3 });
  });
});

describe("buildRunResult", () => {
  it("aligns minutes from the end of the warm-up and starts the series there", () => {
    // Warm-up 30.5 s: window seconds [30, 150); minutes [30, 90) and [90, 150).
    const req = flat(150, 1);
    for (let s = 80; s < 100; s++) req[s] = 61; // 10 s in each minute
    for (let s = 0; s < 30; s++) req[s] = 500; // the warm-up: not measured
    const r = buildRunResult(
      measurements({
        scenario: makeScenario({ durationMs: 150_000, warmupMs: 30_500 }),
        window: { fromMs: 30_500, toMs: 150_000 },
        pools: [{ pool: "symmetric", quotaPerSec: 1000, requestsPerSec: req, throttledPerSec: [] }],
        timeline: { appOps: flat(150, 2), appFailed: [], retries: [], cacheHits: [], cacheMisses: [] },
      }),
      { series: true },
    );
    expect(windowSeconds({ fromMs: 30_500, toMs: 150_000 })).toEqual({ fromSec: 30, toSec: 150 });
    expect(r.simulatedSeconds).toBe(119.5);
    const [p] = r.kms.pools;
    expect(p.peakMinuteAvgPerSec).toBe((50 + 10 * 61) / 60);
    expect(p.peakPerSec).toBe(61);
    expect(r.series![0].requestsPerSec).toHaveLength(120);
    expect(r.series![0].requestsPerSec[0]).toBe(1);
    expect(r.timeline!.startSec).toBe(30);
    expect(r.timeline!.appOpsPerSec).toEqual(flat(120, 2));
    expect(r.timeline!.cacheHitsPerSec).toEqual(flat(120, 0));
  });

  it("prices served requests by class at the window's mean rate, says so, and offers the last minute's rate", () => {
    // 100-s window. GenerateDataKey: 1,000 requests, 100 throttled (not billed) -> 9/s symmetric;
    // GenerateDataKeyPair (ECC): 200 -> 2/s at $0.10 per 10,000, no free tier.
    const scenario = makeScenario({ durationMs: 100_000 });
    const r = buildRunResult(
      measurements({
        scenario,
        window: { fromMs: 0, toMs: 100_000 },
        kms: [
          { operation: "GenerateDataKey", priceClass: "SYMMETRIC_DEFAULT", requests: 1000, throttled: 100, servedPerSec: [...flat(40, 6), ...flat(60, 11)] },
          { operation: "GenerateDataKeyPair", priceClass: "keypair:ECC_NIST_P256", requests: 200, throttled: 0, servedPerSec: flat(100, 2) },
        ],
        keyCount: 3,
      }),
    );
    const month = 30 * 86_400;
    const symmetric = ((9 * month - 20_000) / 10_000) * 0.03;
    const pair = ((2 * month) / 10_000) * 0.1;
    expect(r.cost.monthlyUsd.requests).toBe(Math.round((symmetric + pair) * 100) / 100);
    expect(r.cost.monthlyUsd.keys).toBe(3);
    expect(r.cost.basis).toEqual({ rate: "window-mean", requestsPerSec: 11, windowSec: 100 });
    // Last 60 s: 11/s symmetric + 2/s key pairs.
    const end = r.cost.endOfRun!;
    expect(end.windowSec).toBe(60);
    expect(end.requestsPerSec).toBe(13);
    expect(end.monthlyUsd.requests).toBe(Math.round((((11 * month - 20_000) / 10_000) * 0.03 + pair) * 100) / 100);
    expect(end.monthlyUsd.total).toBe(Math.round((end.monthlyUsd.requests + 3) * 100) / 100);
    expect(r.kms).toMatchObject({ requests: 1200, throttled: 100, throttleRate: 100 / 1200 });
  });

  it("a window shorter than a minute prices its end at the whole window", () => {
    const r = buildRunResult(
      measurements({
        window: { fromMs: 0, toMs: 20_000 },
        kms: [{ operation: "Decrypt", priceClass: "SYMMETRIC_DEFAULT", requests: 300, throttled: 0, servedPerSec: [...flat(10, 10), ...flat(10, 20)] }],
      }),
    );
    expect(r.cost.basis!.requestsPerSec).toBe(15);
    expect(r.cost.endOfRun).toMatchObject({ windowSec: 20, requestsPerSec: 15 });
  });

  it("merges operations by label and KMS classes by operation; unused classes are left out", () => {
    const r = buildRunResult(
      measurements({
        operations: [
          { label: "encrypt", operations: 2, succeeded: 2, failed: 0, latency: histogramOf(1, 2) },
          { label: "encrypt", operations: 2, succeeded: 1, failed: 1, latency: histogramOf(3, 400) },
          { label: "decrypt", operations: 1, succeeded: 1, failed: 0, latency: histogramOf(7) },
        ],
        kms: [
          { operation: "Decrypt", priceClass: "SYMMETRIC_DEFAULT", requests: 5, throttled: 1, servedPerSec: [] },
          { operation: "Decrypt", priceClass: "RSA_2048", requests: 2, throttled: 0, servedPerSec: [] },
          { operation: "Encrypt", priceClass: "SYMMETRIC_DEFAULT", requests: 0, throttled: 0, servedPerSec: [] },
        ],
      }),
      { histograms: true },
    );
    expect(r.app).toMatchObject({ operations: 5, succeeded: 4, failed: 1, failureRate: 0.2 });
    expect(r.app.byOperation.encrypt).toMatchObject({ operations: 4, failed: 1 });
    expect(r.app.byOperation.encrypt.latencyMs.max).toBeCloseTo(400, 0);
    expect(r.app.latencyMs.p50).toBeCloseTo(3, 2);
    expect(r.app.histogram).toMatch(/^HIST/);
    expect(r.kms.byOperation).toEqual({ Decrypt: { requests: 7, throttled: 1 } });
    expect(r.series).toBeUndefined();
  });

  it("lists the source's warnings, then those derived from the result, then the scenario loader's", () => {
    const r = buildRunResult(
      measurements({
        scenario: { ...makeScenario({ durationMs: 120_000 }), warnings: ["scenario.yaml:3:5: latency.kms.p50: 8 has no unit; read as milliseconds"] },
        warnings: ["a run note"],
      }),
    );
    expect(r.warnings[0]).toBe("a run note");
    expect(r.warnings[1]).toMatch(/application operation\(s\) failed/);
    expect(r.warnings.at(-1)).toMatch(/has no unit/);
    expect(r.warnings).toHaveLength(3);
  });
});
