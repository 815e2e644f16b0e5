import { describe, expect, it } from "vitest";
import { Random } from "../../src/plan/Random.js";
import { AliasTable } from "../../src/plan/AliasTable.js";

describe("Random", () => {
  it("repeats for a seed and separates named streams", () => {
    const a = Random.stream(42, "arrivals"), b = Random.stream(42, "arrivals"), c = Random.stream(42, "latency");
    const xa = Array.from({ length: 10 }, () => a.next());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(xa);
  });

  it("draws uniforms in [0,1) with the right mean", () => {
    const r = new Random(3);
    let s = 0, outside = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
    }
    expect(outside).toBe(0);
    expect(s / n).toBeCloseTo(0.5, 2);
  });

  it("draws standard normals (Ziggurat): mean 0, sd 1, and the right tail masses", () => {
    const r = new Random(5);
    const n = 2_000_000;
    let s = 0, s2 = 0, above2326 = 0, above3 = 0, below3 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      if (z > 2.3263478740408408) above2326++;
      if (z > 3) above3++;
      if (z < -3) below3++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.005);
    expect(Math.abs(Math.sqrt(s2 / n) - 1)).toBeLessThan(0.005);
    // P(Z > 2.3263) = 0.01; P(Z > 3) = 0.0013499. Bounds: 5 standard deviations of the count.
    const within = (k: number, p: number) => Math.abs(k - n * p) < 5 * Math.sqrt(n * p * (1 - p));
    expect(within(above2326, 0.01)).toBe(true);
    expect(within(above3, 0.0013499)).toBe(true);
    expect(within(below3, 0.0013499)).toBe(true);
  });
});

describe("AliasTable", () => {
  it("samples in proportion to the weights", () => {
    const t = new AliasTable([3, 1, 0, 4]);
    const r = new Random(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 80_000; i++) counts[t.sample(r.next())]++;
    expect(counts[2]).toBe(0);
    expect(counts[0] / 80_000).toBeCloseTo(3 / 8, 2);
    expect(counts[3] / 80_000).toBeCloseTo(4 / 8, 2);
  });
});
