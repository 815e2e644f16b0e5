/**
 * `latency.operations`: local processing time per application operation (the Encryption SDK's own
 * work on hits and misses), measured by `rehearse` and added to the operation's latency only.
 * Adaptive mode: a granted limiter token goes to a newest-biased random waiter (WaitQueues), which changes who
 * waits, never how many requests are sent.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/sim/simulate.js";
import { makeScenario } from "../fixtures/scenario.js";
import { mix } from "../live/support.js";

const encrypt = () =>
  makeScenario({
    durationMs: 20_000,
    tenants: { count: 4 },
    keys: { boundary: "per-tenant" },
    cache: { type: "local", maxAgeMs: 2000, maxMessagesEncrypted: 2 ** 32, maxBytesEncrypted: 2 ** 53 - 1, capacity: 100 },
    traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 100, rampMs: 0 }], mix: [mix("encrypt", 1, 1024)] as never },
  });

describe("latency.operations", () => {
  it("a constant 3 ms local time moves every percentile by 3 ms and nothing else", () => {
    const s = encrypt();
    const base = simulate(s, { savings: false });
    const local = simulate({ ...s, latency: { ...s.latency, operations: { encrypt: { p50Ms: 3, p99Ms: 3 } } } }, { savings: false });
    expect(local.app.latencyMs.p50 - base.app.latencyMs.p50).toBeCloseTo(3, 1);
    expect(local.app.latencyMs.p99 - base.app.latencyMs.p99).toBeCloseTo(3, 1);
    expect(local.kms.requests).toBe(base.kms.requests);
    expect(local.cache).toEqual(base.cache);
  });

  it("absent or for another label: the result is unchanged byte for byte", () => {
    const s = encrypt();
    const a = JSON.stringify(simulate(s, { savings: false }));
    const other = { ...s, latency: { ...s.latency, operations: { decrypt: { p50Ms: 5, p99Ms: 9 } } } };
    expect(JSON.stringify(simulate(other, { savings: false }))).toBe(a);
  });
});

describe("latency.missOperationsMs", () => {
  it("adds its time to the operations that missed the cache, and to no other", () => {
    const s = encrypt();
    const base = simulate(s, { savings: false });
    const extra = simulate({ ...s, latency: { ...s.latency, missOperationsMs: { encrypt: 50 } } }, { savings: false });
    expect(extra.kms.requests).toBe(base.kms.requests);
    expect(extra.cache).toEqual(base.cache);
    // Misses are a minority: the median (a hit) is unchanged, the slowest 1% (misses) move by 50 ms.
    expect(base.cache.hitRate).toBeGreaterThan(0.9);
    expect(extra.app.latencyMs.p50).toBe(base.app.latencyMs.p50);
    expect(extra.app.latencyMs.p99 - base.app.latencyMs.p99).toBeGreaterThan(40);
    expect(extra.app.latencyMs.mean - base.app.latencyMs.mean).toBeCloseTo(50 * (1 - base.cache.hitRate), 0);
    const other = { ...s, latency: { ...s.latency, missOperationsMs: { decrypt: 50 } } };
    expect(JSON.stringify(simulate(other, { savings: false }))).toBe(JSON.stringify(base));
  });
});

describe("adaptive mode: out-of-order service of limiter waiters", () => {
  it("sends the same requests as before, and a backlog is served out of arrival order (p99 far above p50)", () => {
    const s = makeScenario({
      durationMs: 20_000,
      clients: { instances: 1, retry: { mode: "adaptive", maxAttempts: 3, profile: "sdk-v3" } },
      account: { quotas: { symmetricPerSec: 200 } } as never,
      traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 300, rampMs: 0 }, { atMs: 10_000, ratePerSec: 100, rampMs: 0 }], mix: [mix("kms:GenerateDataKey", 1)] as never },
    });
    const r = simulate(s, { savings: false });
    expect(r.app.failed).toBe(0);
    // Under FIFO the p50 of a draining backlog is close to its p99; the SDK's race spreads them.
    expect(r.app.latencyMs.p99).toBeGreaterThan(3 * r.app.latencyMs.p50);
  });
});
