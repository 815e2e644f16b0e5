import { describe, expect, it } from "vitest";
import { Schedule, buildRateCurve, expectedArrivals, rateAt } from "../../src/plan/Schedule.js";
import { makeScenario } from "../fixtures/scenario.js";

function times(s: Schedule, n = Infinity): number[] {
  const out: number[] = [];
  while (out.length < n && s.next()) out.push(s.timeMs);
  return out;
}

describe("Schedule", () => {
  it("places uniform arrivals at exact intervals", () => {
    const sc = makeScenario({ durationMs: 3000, traffic: { arrivals: "uniform", shape: [{ atMs: 0, ratePerSec: 2, rampMs: 0 }] } });
    expect(times(new Schedule(sc))).toEqual([0, 500, 1000, 1500, 2000, 2500]);
  });

  it("inverts a linear ramp exactly: 0 -> 10/s over 10 s puts arrival n at sqrt(2n) s", () => {
    const sc = makeScenario({
      durationMs: 10_000,
      traffic: { arrivals: "uniform", shape: [{ atMs: 0, ratePerSec: 0, rampMs: 0 }, { atMs: 0, ratePerSec: 10, rampMs: 10_000 }] },
    });
    const t = times(new Schedule(sc), 5);
    [0, 1, 2, 3, 4].forEach((n, i) => expect(t[i]).toBeCloseTo(Math.sqrt(2 * n) * 1000, 6));
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const sc = makeScenario({ tenants: { count: 50 }, clients: { instances: 4 } });
    const a = new Schedule(sc, 7), b = new Schedule(sc, 7), c = new Schedule(sc, 8);
    const seq = (s: Schedule) => Array.from({ length: 200 }, () => (s.next(), [s.timeMs, s.tenant, s.instance, s.opIndex]));
    const sa = seq(a);
    expect(seq(b)).toEqual(sa);
    expect(seq(c)).not.toEqual(sa);
  });

  it("produces a Poisson count close to rate * duration and follows a step change", () => {
    const sc = makeScenario({
      durationMs: 20_000,
      traffic: { arrivals: "poisson", shape: [{ atMs: 0, ratePerSec: 1000, rampMs: 0 }, { atMs: 10_000, ratePerSec: 3000, rampMs: 0 }] },
    });
    const t = times(new Schedule(sc));
    const first = t.filter((x) => x < 10_000).length;
    const second = t.length - first;
    // 10,000 and 30,000 expected; 5 standard deviations of a Poisson count.
    expect(Math.abs(first - 10_000)).toBeLessThan(5 * Math.sqrt(10_000));
    expect(Math.abs(second - 30_000)).toBeLessThan(5 * Math.sqrt(30_000));
  });

  it("routes by tenant when asked, and picks ops by weight", () => {
    const sc = makeScenario({
      tenants: { count: 30 },
      clients: { instances: 4, routing: "by-tenant" },
      traffic: {
        mix: [
          { op: "encrypt", kmsOperation: null, label: "encrypt", share: 0.25, sizeBytes: 10, streaming: false, keyPairSpec: null, readAge: { type: "fixed", ageMs: 0 } },
          { op: "decrypt", kmsOperation: null, label: "decrypt", share: 0.75, sizeBytes: 0, streaming: false, keyPairSpec: null, readAge: { type: "fixed", ageMs: 0 } },
        ],
      },
    });
    const s = new Schedule(sc);
    let enc = 0, n = 0;
    while (s.next()) {
      expect(s.instance).toBe(s.tenant % 4);
      if (s.opIndex === 0) enc++;
      n++;
    }
    expect(Math.abs(enc / n - 0.25)).toBeLessThan(0.05);
  });

  it("Zipf traffic favours low-rank tenants", () => {
    const sc = makeScenario({ durationMs: 20_000, tenants: { count: 100, distribution: { type: "zipf", exponent: 1.1 } } });
    const s = new Schedule(sc);
    const counts = new Array(100).fill(0);
    while (s.next()) counts[s.tenant]++;
    expect(counts[0]).toBeGreaterThan(counts[10] * 5);
  });
});

describe("rate curve", () => {
  it("integrates steps and ramps", () => {
    const c = buildRateCurve([{ atMs: 0, ratePerSec: 100, rampMs: 0 }, { atMs: 10_000, ratePerSec: 300, rampMs: 10_000 }]);
    expect(rateAt(c, 5)).toBe(100);
    expect(rateAt(c, 15)).toBeCloseTo(200);
    expect(rateAt(c, 30)).toBe(300);
    expect(expectedArrivals(c, 10)).toBeCloseTo(1000);
    expect(expectedArrivals(c, 20)).toBeCloseTo(1000 + 2000);
    expect(expectedArrivals(c, 30)).toBeCloseTo(3000 + 3000);
  });
});
