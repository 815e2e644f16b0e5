import { describe, expect, it } from "vitest";
import { roundNumber, toJson } from "../../src/report/renderJson.js";
import { makeResult } from "../fixtures/result.js";
import type { RunResult } from "../../src/metrics/result.js";

/** The same result with every object's keys inserted in reverse order. */
function reversedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(reversedKeys) as T;
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).reverse()) out[k] = reversedKeys((v as Record<string, unknown>)[k]);
    return out as T;
  }
  return v;
}

describe("toJson", () => {
  const withExtras = (): RunResult =>
    makeResult({
      app: { histogram: "HISTOGRAM", byOperation: { encrypt: { histogram: "OP-HISTOGRAM" } } },
      series: [{ pool: "symmetric", requestsPerSec: [1, 2], throttledPerSec: [0, 1] }],
    });

  it("is byte-for-byte deterministic, whatever the key insertion order", () => {
    expect(toJson(makeResult())).toBe(toJson(makeResult()));
    expect(toJson(reversedKeys(makeResult()))).toBe(toJson(makeResult()));
  });

  it("round-trips through JSON.parse with the contract fields first", () => {
    const doc = JSON.parse(toJson(makeResult()));
    expect(Object.keys(doc).slice(0, 10)).toEqual(["scenario", "variant", "seed", "simulatedSeconds", "app", "kms", "cache", "keys", "cost", "warnings"]);
    expect(Object.keys(doc.app).slice(0, 6)).toEqual(["operations", "succeeded", "failed", "failureRate", "latencyMs", "byOperation"]);
    expect(Object.keys(doc.app.latencyMs)).toEqual(["p50", "p90", "p99", "p99_9", "max", "mean"]);
    expect(Object.keys(doc.kms).slice(0, 6)).toEqual(["requests", "throttled", "throttleRate", "retries", "byOperation", "pools"]);
    expect(Object.keys(doc.kms.pools[0]).slice(0, 7)).toEqual(["pool", "quotaPerSec", "meanPerSec", "peakPerSec", "peakMinuteAvgPerSec", "secondsThrottled", "throttled"]);
    expect(Object.keys(doc.cost.monthlyUsd)).toEqual(["keys", "rotation", "requests", "total"]);
    expect(doc.variant).toBeNull();
    expect(doc.app.operations).toBe(5_400_000);
    expect(doc.keys.count).toBe(3000);
  });

  it("sorts operation maps by name", () => {
    const doc = JSON.parse(toJson(makeResult()));
    expect(Object.keys(doc.app.byOperation)).toEqual(["decrypt", "encrypt", "s3-get", "s3-put"]);
    expect(Object.keys(doc.kms.byOperation)).toEqual(["Decrypt", "GenerateDataKey"]);
  });

  it("uses a 2-space indent", () => {
    expect(toJson(makeResult()).split("\n")[1]).toBe('  "scenario": "saas-per-tenant",');
  });

  it("rounds rates to 6 significant digits, latencies to microseconds and dollars to cents", () => {
    const doc = JSON.parse(
      toJson(makeResult({ kms: { throttleRate: 150_000 / 5_600_000 }, app: { latencyMs: { p50: 8.123456789 } }, cost: { monthlyUsd: { total: 17_500.5049 } } })),
    );
    expect(doc.kms.throttleRate).toBe(0.0267857);
    expect(doc.app.latencyMs.p50).toBe(8.123);
    expect(doc.cost.monthlyUsd.total).toBe(17_500.5);
    expect(doc.kms.pools[0].meanPerSec).toBe(9333.33);
  });

  it.each([
    [0.1 + 0.2, "sig6", 0.3],
    [-0.0000001, "ms", 0],
    [NaN, "sig6", null],
    [42, "usd", 42],
    [1.005, "usd", 1],
  ] as const)("roundNumber(%s, %s) = %s", (n, mode, want) => {
    expect(roundNumber(n, mode)).toBe(want);
    if (want === 0) expect(Object.is(roundNumber(n, mode), -0)).toBe(false);
  });

  it("strips histograms and series unless asked", () => {
    const plain = toJson(withExtras());
    expect(plain).not.toContain("HISTOGRAM");
    expect(plain).not.toContain('"series"');
    const full = JSON.parse(toJson(withExtras(), { histograms: true, series: true }));
    expect(full.app.histogram).toBe("HISTOGRAM");
    expect(full.app.byOperation.encrypt.histogram).toBe("OP-HISTOGRAM");
    expect(full.series[0]).toEqual({ pool: "symmetric", requestsPerSec: [1, 2], throttledPerSec: [0, 1] });
  });

  it("keeps unknown fields, after the known ones, sorted", () => {
    const r = { ...makeResult(), zeta: 1, alpha: { b: 2, a: 1 } } as RunResult;
    const keys = Object.keys(JSON.parse(toJson(r)));
    expect(keys.slice(-2)).toEqual(["alpha", "zeta"]);
    expect(toJson(r)).toContain('"alpha": {\n    "a": 1,\n    "b": 2\n  }');
  });

  it("renders several results as an array", () => {
    const arr = JSON.parse(toJson([makeResult({ variant: "a" }), makeResult({ variant: "b" })]));
    expect(arr.map((r: RunResult) => r.variant)).toEqual(["a", "b"]);
  });

  it("rejects what is not a result", () => {
    expect(() => toJson(null as never)).toThrow(TypeError);
    expect(() => toJson([1] as never)).toThrow(/result\[0\]/);
  });
});

describe("toJson properties", () => {
  it("is idempotent: re-serialising its own output gives the same bytes", async () => {
    const fc = await import("fast-check");
    const num = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(num, num, num, num, (rate, latency, usd, perSec) => {
        const r = makeResult({
          kms: { throttleRate: rate, pools: [{ pool: "symmetric", quotaPerSec: 10_000, requests: 1, meanPerSec: perSec, peakPerSec: 1, peakMinuteAvgPerSec: 1, secondsThrottled: 0, throttled: 0 }] },
          app: { latencyMs: { p99: latency } },
          cost: { monthlyUsd: { total: usd } },
        });
        const once = toJson(r);
        expect(toJson(JSON.parse(once))).toBe(once);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
