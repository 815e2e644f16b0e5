import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EventQueue } from "../../src/sim/EventQueue.js";

describe("EventQueue", () => {
  it("pops in time order and returns every payload once (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 500 }), (ts) => {
        const q = new EventQueue(2);
        ts.forEach((t, i) => q.push(t, i));
        const got: number[] = [];
        let last = -Infinity;
        while (q.size) {
          const t = q.peekTime();
          expect(t).toBeGreaterThanOrEqual(last);
          last = t;
          const p = q.pop();
          expect(ts[p]).toBe(t);
          got.push(p);
        }
        expect(got.sort((a, b) => a - b)).toEqual(ts.map((_, i) => i));
        expect(q.peekTime()).toBe(Infinity);
      }),
    );
  });
});
