/** Calibration: the calibration scenario, what is read from its run, and how it reaches the model. */
import { describe, expect, it } from "vitest";
import { applyCalibration, calibrationFrom, calibrationScenario, CALIBRATION_QUOTA_PER_SEC, MIN_LOCAL_TIME_SAMPLES, uncalibrated, withLiveLocalTime } from "../../src/rehearse/index.js";
import { createHistogram, encodeHistogram, recordMs, summarize } from "../../src/metrics/histogram.js";
import { simulate } from "../../src/sim/simulate.js";
import type { LiveRunResult } from "../../src/live/index.js";
import { makeScenario } from "../fixtures/scenario.js";
import { mix } from "../live/support.js";

const lat = (p50: number, p99: number) => ({ p50, p90: p99, p99, p99_9: p99, max: p99, mean: p50 });

function fakeRun(by: Record<string, { succeeded: number; p50: number; p99: number }>, hitRate = 0): LiveRunResult {
  const byOperation = Object.fromEntries(
    Object.entries(by).map(([k, v]) => [k, { operations: v.succeeded, succeeded: v.succeeded, failed: 0, latencyMs: lat(v.p50, v.p99) }]),
  );
  return {
    simulatedSeconds: 10,
    app: { operations: 100, byOperation },
    cache: { hits: 0, misses: 0, hitRate, stampedeMisses: 0 },
    kms: { byOperation: { Decrypt: { requests: 20, throttled: 0 } } },
    live: { schedule: { dropped: 0, lagMs: { p50: 0.1, p99: 3, max: 9 } } },
  } as unknown as LiveRunResult;
}

const direct = () =>
  makeScenario({ durationMs: 23_000, warmupMs: 3000, traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 300, rampMs: 0 }], mix: [mix("kms:GenerateDataKey", 1)] as never } });

describe("calibrationScenario", () => {
  it("keeps rate, mix and warm-up, lifts every quota and removes all injected latency", () => {
    const s = direct();
    const c = calibrationScenario(s, 10_000);
    expect(c.durationMs).toBe(13_000);
    expect(c.warmupMs).toBe(3000);
    expect(c.traffic).toEqual(s.traffic);
    expect(c.account.quotas.symmetricPerSec).toBe(CALIBRATION_QUOTA_PER_SEC);
    expect(c.latency.kms).toEqual({ p50Ms: 0, p99Ms: 0 });
    expect(c.latency.throttled).toEqual({ p50Ms: 0, p99Ms: 0 });
    expect(c.latency.client).toEqual({ p50Ms: 0, p99Ms: 0 });
  });

  it("is never longer than the scenario", () => {
    expect(calibrationScenario(direct(), 60_000).durationMs).toBe(23_000);
    expect(() => calibrationScenario(direct(), 0)).toThrow(TypeError);
  });
});

describe("calibrationFrom and applyCalibration", () => {
  it("takes latency.client from the direct KMS operation and local time from Encryption SDK operations", () => {
    const s = makeScenario({
      traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 100, rampMs: 0 }], mix: [mix("kms:Decrypt", 0.5), mix("encrypt", 0.5, 1024)] as never },
    });
    const c = calibrationFrom(s, fakeRun({ "kms:Decrypt": { succeeded: 50, p50: 1.5, p99: 9.6 }, encrypt: { succeeded: 50, p50: 3.8, p99: 23 } }, 0.9));
    expect(c.client).toEqual({ p50Ms: 1.5, p99Ms: 9.6 });
    expect(c.operationsMs).toEqual({ encrypt: { p50Ms: 3.8, p99Ms: 23 } });
    expect(c.cacheHitRate).toBe(0.9);
    const applied = applyCalibration(s, c);
    expect(applied.latency.client).toEqual({ p50Ms: 1.5, p99Ms: 9.6 });
    expect(applied.latency.operations).toEqual({ encrypt: { p50Ms: 3.8, p99Ms: 23 } });
    expect(applied.latency.kms).toEqual(s.latency.kms);
    expect(applied.latency.missOperationsMs).toBeUndefined();
  });

  it("passes the measured miss cost through to latency.missOperationsMs", () => {
    const s = makeScenario({ traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 100, rampMs: 0 }], mix: [mix("encrypt", 1, 1024)] as never } });
    const c = calibrationFrom(s, fakeRun({ encrypt: { succeeded: 50, p50: 3.8, p99: 23 } }, 0.9), { encrypt: 1.6 });
    expect(c.missOperationsMs).toEqual({ encrypt: 1.6 });
    expect(applyCalibration(s, c).latency.missOperationsMs).toEqual({ encrypt: 1.6 });
    expect(uncalibrated(s).missOperationsMs).toEqual({});
  });

  it("without direct KMS calls, client overhead is zero (it is inside the operations' own time)", () => {
    const s = makeScenario({ traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 100, rampMs: 0 }], mix: [mix("decrypt", 1)] as never } });
    const c = calibrationFrom(s, fakeRun({ decrypt: { succeeded: 80, p50: 6.6, p99: 42 } }));
    expect(c.client).toEqual({ p50Ms: 0, p99Ms: 0 });
    expect(c.operationsMs.decrypt).toEqual({ p50Ms: 6.6, p99Ms: 42 });
  });

  it("uncalibrated keeps the scenario's latency.client", () => {
    const s = direct();
    expect(applyCalibration(s, uncalibrated(s)).latency.client).toEqual(s.latency.client);
  });

  it("the calibrated client overhead moves the predicted latency by about its size", () => {
    const s = direct();
    const base = simulate({ ...s, latency: { ...s.latency, kms: { p50Ms: 8, p99Ms: 30 } } }, { savings: false });
    const c = { ...uncalibrated(s), client: { p50Ms: 2, p99Ms: 2 } };
    const withClient = simulate(applyCalibration({ ...s, latency: { ...s.latency, kms: { p50Ms: 8, p99Ms: 30 } } }, c), { savings: false });
    expect(withClient.app.latencyMs.p50 - base.app.latencyMs.p50).toBeCloseTo(2, 0);
  });
});

describe("withLiveLocalTime", () => {
  const s = makeScenario({ traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 100, rampMs: 0 }], mix: [mix("encrypt", 0.6, 1024), mix("decrypt", 0.4)] as never } });
  const probeRun = (samples: number, ms: (i: number) => number) => {
    const h = createHistogram();
    for (let i = 0; i < samples; i++) recordMs(h, ms(i));
    return { live: { cacheByOperation: { encrypt: { hits: samples, misses: 7, hitLatencyMs: summarize(h), hitHistogram: encodeHistogram(h) } } } } as unknown as LiveRunResult;
  };

  it("replaces the calibration's local time of a label by its live cache hits' distribution", () => {
    const c = calibrationFrom(s, fakeRun({ encrypt: { succeeded: 50, p50: 2.4, p99: 12 }, decrypt: { succeeded: 50, p50: 2.0, p99: 9 } }, 0.9));
    // 100 live hits: 3.0 ms, with one pause of 40 ms.
    const out = withLiveLocalTime(c, probeRun(100, (i) => (i === 99 ? 40 : 3)));
    expect(out.operationsMs.encrypt.p50Ms).toBeCloseTo(3, 1);
    expect(out.operationsMs.encrypt.quantilesMs).toHaveLength(101);
    expect(out.operationsMs.encrypt.quantilesMs![50]).toBeCloseTo(3, 1);
    expect(out.operationsMs.encrypt.quantilesMs![100]).toBeCloseTo(40, 0);
    // decrypt had no live cache counts: the calibration's stays.
    expect(out.operationsMs.decrypt).toEqual(c.operationsMs.decrypt);
    expect(out.notes.some((n) => /live run's 100 cache hits/.test(n))).toBe(true);
    expect(out.client).toEqual(c.client);
  });

  it("keeps the calibration's when the live run has too few hits, or no cache counts", () => {
    const c = calibrationFrom(s, fakeRun({ encrypt: { succeeded: 50, p50: 2.4, p99: 12 }, decrypt: { succeeded: 50, p50: 2.0, p99: 9 } }, 0.9));
    const thin = withLiveLocalTime(c, probeRun(MIN_LOCAL_TIME_SAMPLES - 1, () => 3));
    expect(thin.operationsMs).toEqual(c.operationsMs);
    expect(thin.notes.some((n) => /only 49 cache hits in the live run/.test(n))).toBe(true);
    expect(withLiveLocalTime(c, { live: {} } as unknown as LiveRunResult)).toBe(c);
  });
});
