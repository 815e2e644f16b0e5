/** The waiters of the adaptive limiter: random-order service, as the SDK's racing waiters. */
import { describe, expect, it } from "vitest";
import { WaitQueues } from "../../src/sim/WaitQueues.js";
import { Random } from "../../src/sim/Random.js";

describe("WaitQueues", () => {
  it("push/peek/shift per client, growing past the initial capacity", () => {
    const w = new WaitQueues(2);
    for (let i = 0; i < 40; i++) w.push(1, i);
    expect(w.size(1)).toBe(40);
    expect(w.size(0)).toBe(0);
    expect(w.peek(0)).toBe(-1);
    expect(w.peek(1)).toBe(0);
    expect(w.shift(1)).toBe(0);
    expect(w.size(1)).toBe(39);
  });

  it("draw hands every waiter out exactly once", () => {
    const w = new WaitQueues(1);
    for (let i = 0; i < 100; i++) w.push(0, i);
    const rng = Random.stream(1, "t");
    const got: number[] = [];
    while (w.size(0) > 0) got.push(w.draw(0, rng));
    expect(got.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(got).not.toEqual(Array.from({ length: 100 }, (_, i) => i)); // not first-in-first-out
  });

  it("draw is uniform over the waiters (the poller included)", () => {
    const rng = Random.stream(7, "t");
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < 40_000; k++) {
      const w = new WaitQueues(1);
      for (let i = 0; i < 4; i++) w.push(0, i);
      counts[w.draw(0, rng)]++;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});
