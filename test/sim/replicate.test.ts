/** Replicated simulation: same arrivals, independent draws, the median as the prediction. */
import { describe, expect, it } from "vitest";
import { medianOf, simulateReplicated } from "../../src/sim/replicate.js";
import { simulate, simulateOnce } from "../../src/sim/simulate.js";
import { makeScenario } from "../fixtures/scenario.js";
import { mix } from "../live/support.js";

const overQuota = () =>
  makeScenario({
    durationMs: 20_000,
    account: { quotas: { symmetricPerSec: 200 } } as never,
    clients: { instances: 2, retry: { mode: "adaptive", maxAttempts: 3, profile: "sdk-v3" } },
    traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 300, rampMs: 0 }, { atMs: 10_000, ratePerSec: 120, rampMs: 0 }], mix: [mix("kms:GenerateDataKey", 1)] as never },
  });

describe("medianOf", () => {
  it("takes the lower median of numbers, walks objects by the union of keys and equal-length arrays by index", () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2);
    expect(medianOf([{ a: 1, b: "x" }, { a: 5, c: 7 }, { a: 3 }])).toEqual({ a: 3, b: "x", c: 7 });
    expect(medianOf([[1, 10], [2, 30], [3, 20]])).toEqual([2, 20]);
    expect(medianOf([[1], [2, 3]])).toEqual([1]);
    expect(medianOf([undefined, undefined])).toBeUndefined();
  });
});

describe("simulateReplicated", () => {
  it("replicate 0 is the plain simulation; others keep the arrivals and redraw the rest", () => {
    const s = overQuota();
    expect(JSON.stringify(simulateOnce(s, { replicate: 0 }).result)).toBe(JSON.stringify(simulate(s, { savings: false })));
    const a = simulateOnce(s, { replicate: 1 }).result;
    const b = simulateOnce(s, { replicate: 2 }).result;
    const zero = simulateOnce(s, { replicate: 0 }).result;
    // Same arrivals: the same operations are scheduled (completions may differ near the end).
    expect(Math.abs(a.app.operations - zero.app.operations)).toBeLessThan(zero.app.operations * 0.05);
    expect(a.app.latencyMs.p50).not.toBe(b.app.latencyMs.p50);
    expect(() => simulateOnce(s, { replicate: -1 })).toThrow(/replicate/);
  });

  it("reports the median of each metric with its spread, deterministically, integers kept for odd counts", () => {
    const s = overQuota();
    const r = simulateReplicated(s, 7);
    const again = simulateReplicated(s, 7);
    expect(JSON.stringify(again.result)).toBe(JSON.stringify(r.result));
    expect(r.replications).toBe(7);
    const p50s = Array.from({ length: 7 }, (_, i) => simulateOnce(s, { replicate: i }).result.app.latencyMs.p50).sort((x, y) => x - y);
    expect(r.result.app.latencyMs.p50).toBe(p50s[3]);
    expect(r.spread["app.latencyMs.p50"]).toEqual({ min: p50s[0], median: p50s[3], max: p50s[6] });
    expect(Number.isInteger(r.result.kms.requests)).toBe(true);
    for (const v of Object.values(r.spread)) expect(v.min <= v.median && v.median <= v.max).toBe(true);
    expect(() => simulateReplicated(s, 0)).toThrow(/replications/);
  });
});
