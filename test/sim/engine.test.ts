/**
 * The engine against analytic answers and a naive reference: below quota nothing throttles; 150%
 * Poisson load without retries throttles about a third; key layouts change keys and cost, never
 * throttling; the same seed gives the same numbers.
 */
import { describe, expect, it } from "vitest";
import { simulate, simulateOnce } from "../../src/sim/simulate.js";
import { Schedule } from "../../src/plan/Schedule.js";
import { TokenBucket } from "../../src/model/Throttle.js";
import { makeScenario } from "../fixtures/scenario.js";
import type { MixEntry } from "../../src/scenario/types.js";

const gdk: MixEntry = { op: "kms", kmsOperation: "GenerateDataKey", label: "kms:GenerateDataKey", share: 1, sizeBytes: 0, streaming: false, keyPairSpec: null, readAge: { type: "fixed", ageMs: 0 } };
const op = (o: Partial<MixEntry> & Pick<MixEntry, "op" | "label">): MixEntry => ({ ...gdk, kmsOperation: null, ...o });

describe("engine: analytic checks", () => {
  it("uniform arrivals at 80% of quota -> 0 throttled", () => {
    const r = simulate(makeScenario({ durationMs: 60_000, traffic: { arrivals: "uniform", shape: [{ atMs: 0, ratePerSec: 800, rampMs: 0 }] } }));
    expect(r.kms.requests).toBe(48_000);
    expect(r.kms.throttled).toBe(0);
    expect(r.app.failed).toBe(0);
  });

  it("Poisson at 150% of quota with maxAttempts 1 -> throttleRate between 0.31 and 0.36", () => {
    const r = simulate(
      makeScenario({
        durationMs: 120_000,
        clients: { retry: { mode: "off", maxAttempts: 1 } },
        traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 1500, rampMs: 0 }] },
      }),
    );
    expect(r.kms.throttleRate).toBeGreaterThan(0.31);
    expect(r.kms.throttleRate).toBeLessThan(0.36);
    expect(r.app.failureRate).toBeCloseTo(r.kms.throttleRate, 9);
    expect(r.kms.retries).toBe(0);
  });

  it("per-tenant and per-classification give the same throttling and 3,000 vs 3 keys", () => {
    const base: Parameters<typeof makeScenario>[0] = {
      durationMs: 30_000,
      tenants: { count: 3000, classifications: [{ name: "pii", share: 0.2 }, { name: "fin", share: 0.1 }, { name: "default", share: 0.7 }] },
      clients: { instances: 20 },
      traffic: { shape: [{ atMs: 0, ratePerSec: 1300, rampMs: 0 }] },
    };
    const perTenant = simulate(makeScenario({ ...base, keys: { boundary: "per-tenant" } }));
    const perClass = simulate(makeScenario({ ...base, keys: { boundary: "per-classification" } }));
    expect(perTenant.kms.throttled).toBeGreaterThan(0);
    expect(perTenant.kms.throttled).toBe(perClass.kms.throttled);
    expect(perTenant.kms.requests).toBe(perClass.kms.requests);
    expect(perTenant.keys.count).toBe(3000);
    expect(perClass.keys.count).toBe(3);
    expect(perTenant.cost.monthlyUsd.keys - perClass.cost.monthlyUsd.keys).toBe(2997);
  });

  it("same scenario and seed -> the same result, byte for byte; another seed differs", () => {
    const s = makeScenario({ durationMs: 20_000, traffic: { shape: [{ atMs: 0, ratePerSec: 1400, rampMs: 0 }] } });
    const a = JSON.stringify(simulate(s));
    expect(JSON.stringify(simulate(s))).toBe(a);
    expect(JSON.stringify(simulate({ ...s, seed: 2 }))).not.toBe(a);
  });
});

describe("engine: against a naive reference", () => {
  it("with one attempt and no client overhead, throttles exactly the arrivals a plain token-bucket loop rejects", () => {
    for (const [rate, seed] of [[900, 1], [1200, 2], [2500, 3]]) {
      const s = makeScenario({ seed, durationMs: 10_000, clients: { retry: { mode: "off", maxAttempts: 1 } }, traffic: { shape: [{ atMs: 0, ratePerSec: rate, rampMs: 0 }] } });
      const sched = new Schedule(s);
      const bucket = new TokenBucket(1000, 1);
      let n = 0, rejected = 0;
      while (sched.next()) {
        n++;
        if (bucket.available(sched.timeMs)) bucket.take();
        else rejected++;
      }
      const r = simulate(s);
      expect(r.kms.requests).toBe(n);
      expect(r.kms.throttled).toBe(rejected);
    }
  });
});

describe("engine: retries, S3 and pools", () => {
  it("retries amplify load and spend the per-client budget under sustained overload", () => {
    const r = simulate(makeScenario({ durationMs: 60_000, clients: { instances: 1 }, traffic: { shape: [{ atMs: 0, ratePerSec: 2000, rampMs: 0 }] } }));
    expect(r.kms.retries).toBeGreaterThan(0);
    expect(r.kms.requests).toBe(r.app.operations + r.kms.retries);
    expect(r.kms.budgetExhausted).toBeGreaterThan(0);
    expect(r.warnings.join("\n")).toMatch(/retry budget/);
  });

  it("S3 SSE-KMS: one KMS call per object without Bucket Keys, counted as S3's", () => {
    const s = makeScenario({
      durationMs: 10_000,
      traffic: { shape: [{ atMs: 0, ratePerSec: 100, rampMs: 0 }], mix: [op({ op: "s3-put", label: "s3-put", share: 0.5, sizeBytes: 1024 }), op({ op: "s3-get", label: "s3-get", share: 0.5 })] },
    });
    const r = simulate(s);
    expect(r.kms.requests).toBe(r.app.operations);
    expect(r.kms.byS3).toBe(r.kms.requests);
    expect(r.kms.byOperation.GenerateDataKey.requests + r.kms.byOperation.Decrypt.requests).toBe(r.kms.requests);
    expect(r.app.latencyMs.p50).toBeGreaterThan(15); // S3 latency (p50 20 ms), not KMS
  });

  it("S3 Bucket Keys: AWS's sample shape, 50 uploads + 100 downloads by 2 requesters -> 4 KMS calls (-97.3%)", () => {
    const s = makeScenario({
      durationMs: 15_000,
      s3: { bucketKeys: true, requesters: { type: "count", count: 2 } },
      traffic: { arrivals: "uniform", shape: [{ atMs: 0, ratePerSec: 10, rampMs: 0 }], mix: [op({ op: "s3-put", label: "s3-put", share: 1 / 3 }), op({ op: "s3-get", label: "s3-get", share: 2 / 3 })] },
    });
    const r = simulate(s);
    expect(r.app.operations).toBe(150);
    expect(r.kms.requests).toBe(4);
    const saving = r.savings!.find((x) => x.metric === "KMS requests")!;
    expect(saving.without).toBe(150);
    expect(saving.reductionPct).toBeCloseTo(97.3, 1);
  });

  it("a custom key store request drains both the store's pool and the account's symmetric pool", () => {
    const r = simulate(
      makeScenario({
        durationMs: 10_000,
        account: { quotas: { symmetricPerSec: 10_000, customKeyStorePerSec: 500 } },
        keys: { store: "external", stores: 1 },
        clients: { retry: { mode: "off", maxAttempts: 1 } },
        traffic: { arrivals: "uniform", shape: [{ atMs: 0, ratePerSec: 1000, rampMs: 0 }] },
      }),
    );
    const pools = Object.fromEntries(r.kms.pools.map((p) => [p.pool, p]));
    expect(pools.symmetric.requests).toBe(r.kms.requests);
    expect(pools["store:0"].requests).toBe(r.kms.requests);
    expect(pools["store:0"].throttled).toBe(r.kms.throttled);
    expect(r.kms.throttleRate).toBeGreaterThan(0.4);
  });

  it("AWS owned keys draw nothing and bill nothing", () => {
    const r = simulate(makeScenario({ keys: { tier: "aws-owned" }, traffic: { mix: [op({ op: "s3-put", label: "s3-put", share: 1 })] } }));
    expect(r.kms.requests).toBe(0);
    expect(r.cost.monthlyUsd.total).toBe(0);
    expect(r.keys.count).toBe(0);
  });

  it("warns when the per-minute average hides throttled seconds", () => {
    const r = simulate(
      makeScenario({
        durationMs: 120_000,
        traffic: { shape: [{ atMs: 0, ratePerSec: 800, rampMs: 0 }, { atMs: 30_000, ratePerSec: 1600, rampMs: 0 }, { atMs: 40_000, ratePerSec: 800, rampMs: 0 }] },
      }),
    );
    const sym = r.kms.pools.find((p) => p.pool === "symmetric")!;
    expect(sym.secondsThrottled).toBeGreaterThan(0);
    expect(sym.peakMinuteAvgPerSec).toBeLessThan(sym.quotaPerSec);
    expect(r.warnings.join("\n")).toMatch(/per-minute average/);
  });

  it("excludes the warm-up from statistics", () => {
    const s = makeScenario({ durationMs: 10_000, warmupMs: 5_000, traffic: { arrivals: "uniform", shape: [{ atMs: 0, ratePerSec: 100, rampMs: 0 }] } });
    const r = simulateOnce(s).result;
    expect(r.app.operations).toBe(500);
    expect(r.simulatedSeconds).toBe(5);
  });
});
