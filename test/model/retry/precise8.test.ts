import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { precise8 } from "../../../src/model/retry/precise8.js";

const reference = (x: number): number => parseFloat(x.toFixed(8));

describe("precise8 = parseFloat(x.toFixed(8)), bit for bit", () => {
  it.each([0, -0, 1, 0.5, 0.123456785, 1.000000005, 2.675e-8, -2.5e-9, -1e-10, 6.99776, 1e8 + 0.123456785, 3e15, NaN, Infinity])(
    "%f",
    (x) => {
      expect(Object.is(precise8(x), reference(x))).toBe(true);
    },
  );

  it("decimal ties k.5e-8, where naive Math.round(x * 1e8) / 1e8 is often wrong", () => {
    let naiveWrong = 0;
    let wrong = 0;
    for (let k = 0; k < 200_000; k++) {
      const x = (k * 7 + 0.5) / 1e8;
      const ref = reference(x);
      if (precise8(x) !== ref || precise8(-x) !== reference(-x)) wrong++;
      if (Math.round(x * 1e8) / 1e8 !== ref) naiveWrong++;
    }
    expect(wrong).toBe(0);
    expect(naiveWrong).toBeGreaterThan(1000);
  });

  it("any double in the limiter's range (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => Object.is(precise8(x), reference(x))),
      { numRuns: 20_000 },
    );
  });
});
