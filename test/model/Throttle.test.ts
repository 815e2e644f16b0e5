import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FixedWindow, TokenBucket } from "../../src/model/Throttle.js";

describe("TokenBucket", () => {
  it("starts full and admits a burst of its capacity, then refills at the rate", () => {
    const b = new TokenBucket(100, 1);
    let admitted = 0;
    for (let i = 0; i < 150; i++) if (b.available(0)) (b.take(), admitted++);
    expect(admitted).toBe(100);
    expect(b.available(5)).toBe(false); // 0.5 token after 5 ms
    expect(b.available(10)).toBe(true); // 1 token after 10 ms
  });

  it("never holds more than its capacity and admits at most burst + rate * t (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 400 }),
        (rate, burst, gaps) => {
          const b = new TokenBucket(rate, burst);
          let t = 0;
          let admitted = 0;
          for (const g of gaps) {
            t += g;
            if (b.available(t)) {
              b.take();
              admitted++;
            }
            expect(b.tokens).toBeLessThanOrEqual(b.capacityTokens);
          }
          expect(admitted).toBeLessThanOrEqual(b.capacityTokens + (rate * t) / 1000 + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("holds at least one token even for quotas below 1/s", () => {
    const b = new TokenBucket(0.5, 1);
    expect(b.capacityTokens).toBe(1);
    expect(b.available(0)).toBe(true);
  });

  it("rejects a negative rate with a TypeError", () => {
    expect(() => new TokenBucket(-1)).toThrow(TypeError);
  });
});

describe("FixedWindow", () => {
  it("admits rate * window per aligned window and resets at the boundary", () => {
    const w = new FixedWindow(10, 1000);
    let admitted = 0;
    for (let i = 0; i < 20; i++) if (w.available(999)) (w.take(), admitted++);
    expect(admitted).toBe(10);
    expect(w.available(1000)).toBe(true);
  });

  it("lets 2x the rate through across a window boundary (the model's known burst)", () => {
    const w = new FixedWindow(100, 1000);
    let admitted = 0;
    for (let i = 0; i < 100; i++) if (w.available(990)) (w.take(), admitted++);
    for (let i = 0; i < 100; i++) if (w.available(1010)) (w.take(), admitted++);
    expect(admitted).toBe(200);
  });
});
