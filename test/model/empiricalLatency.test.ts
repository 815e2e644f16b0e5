/** EmpiricalLatency: inverse-CDF sampling of a measured quantile table. */
import { describe, expect, it } from "vitest";
import { EmpiricalLatency, latencySampler, LognormalLatency } from "../../src/model/latency.js";
import { Random } from "../../src/plan/Random.js";

describe("EmpiricalLatency", () => {
  it("reproduces the table's quantiles, interpolating linearly between points", () => {
    const table = [2, 2.5, 3, 3.5, 40]; // min, p25, p50, p75, max
    const e = new EmpiricalLatency(table);
    const rng = Random.stream(5, "t");
    const xs = Array.from({ length: 200_000 }, () => e.sample(rng)).sort((a, b) => a - b);
    const q = (p: number) => xs[Math.floor(p * xs.length)];
    expect(q(0.25)).toBeCloseTo(2.5, 1);
    expect(q(0.5)).toBeCloseTo(3, 1);
    expect(q(0.7)).toBeCloseTo(3.4, 1); // position 2.8: 3 + 0.8 x 0.5
    expect(q(0.875)).toBeCloseTo(21.75, 0); // halfway between p75 and max
    expect(xs[0]).toBeGreaterThanOrEqual(2);
    expect(xs[xs.length - 1]).toBeLessThanOrEqual(40);
  });

  it("rejects tables that are too short, negative or decreasing", () => {
    expect(() => new EmpiricalLatency([3])).toThrow(/at least 2/);
    expect(() => new EmpiricalLatency([-1, 2])).toThrow(/non-decreasing/);
    expect(() => new EmpiricalLatency([3, 2])).toThrow(/non-decreasing/);
    expect(() => new EmpiricalLatency([1, Number.NaN])).toThrow(/non-decreasing/);
  });

  it("latencySampler takes the table when there is one, else the lognormal fit", () => {
    expect(latencySampler({ p50Ms: 3, p99Ms: 30, quantilesMs: [1, 2] })).toBeInstanceOf(EmpiricalLatency);
    expect(latencySampler({ p50Ms: 3, p99Ms: 30 })).toBeInstanceOf(LognormalLatency);
  });
});
