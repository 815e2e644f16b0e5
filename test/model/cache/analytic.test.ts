/**
 * Analytic check: N tenants x M instances, Poisson arrivals of rate lambda per (instance, tenant),
 * maxAge T, no message limit, zero KMS latency. Each (instance, tenant) is a renewal process: a miss
 * stores a key that serves every arrival for T, then the next arrival (memoryless: 1/lambda later on
 * average) misses. Steady-state GenerateDataKey rate = N * M / (T + 1/lambda).
 */
import { describe, expect, it } from "vitest";
import { LocalCacheModel } from "../../../src/model/cache/LocalCacheModel.js";
import { Random } from "../../../src/plan/Random.js";

describe("LocalCacheModel steady state (Poisson arrivals, maxAge only)", () => {
  it.each([
    { tenants: 50, instances: 4, lambdaPerSec: 2, maxAgeMs: 5000 },
    { tenants: 30, instances: 5, lambdaPerSec: 0.5, maxAgeMs: 2000 },
    { tenants: 200, instances: 2, lambdaPerSec: 0.05, maxAgeMs: 10_000 },
  ])("N $tenants x M $instances, lambda $lambdaPerSec/s, T $maxAgeMs ms", ({ tenants, instances, lambdaPerSec, maxAgeMs }) => {
    const model = new LocalCacheModel({ instances, maxAgeMs });
    const rng = new Random(tenants * 31 + instances);
    const totalRatePerMs = (tenants * instances * lambdaPerSec) / 1000;
    const cycleMs = maxAgeMs + 1000 / lambdaPerSec;
    const warmupMs = 3 * cycleMs;
    const endMs = warmupMs + 400 * cycleMs;
    let misses = 0;
    for (let t = rng.exp1() / totalRatePerMs; t < endMs; t += rng.exp1() / totalRatePerMs) {
      const pair = rng.int(tenants * instances);
      const instance = pair % instances;
      const tenant = (pair / instances) | 0;
      if (!model.encryptLookup(t, instance, tenant, 100)) {
        model.encryptStore(t, instance, tenant, 100);
        if (t >= warmupMs) misses++;
      }
    }
    const measuredPerSec = misses / ((endMs - warmupMs) / 1000);
    const expectedPerSec = (tenants * instances) / (cycleMs / 1000);
    expect(Math.abs(measuredPerSec - expectedPerSec) / expectedPerSec).toBeLessThan(0.03);
  });
});
