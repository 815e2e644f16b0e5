/** The waiters of the adaptive limiter: the newest-biased race of the SDK's waiters (see WaitQueues). */
import { describe, expect, it } from "vitest";
import { NEWEST_SHARE, WaitQueues } from "../../src/sim/WaitQueues.js";
import { Random } from "../../src/plan/Random.js";

describe("WaitQueues", () => {
  it("push/peek/shift per client, growing past the initial capacity, oldest first", () => {
    const w = new WaitQueues(2);
    for (let i = 0; i < 40; i++) w.push(1, i);
    expect(w.size(1)).toBe(40);
    expect(w.size(0)).toBe(0);
    expect(w.peek(0)).toBe(-1);
    expect(w.peek(1)).toBe(0);
    expect(w.shift(1)).toBe(0);
    expect(w.peek(1)).toBe(1);
    expect(w.size(1)).toBe(39);
  });

  it("draw hands every waiter out exactly once, and the poller is always the oldest left", () => {
    const w = new WaitQueues(1);
    for (let i = 0; i < 100; i++) w.push(0, i);
    const rng = Random.stream(1, "t");
    const got: number[] = [];
    while (w.size(0) > 0) {
      got.push(w.draw(0, rng));
      const left = Array.from({ length: 100 }, (_, i) => i).filter((i) => !got.includes(i));
      expect(w.peek(0)).toBe(left.length > 0 ? left[0] : -1);
    }
    expect(got.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(got).not.toEqual(Array.from({ length: 100 }, (_, i) => i)); // not first-in-first-out
    expect(got).not.toEqual(Array.from({ length: 100 }, (_, i) => 99 - i)); // nor last-in-first-out
  });

  it("draw gives the newest waiter NEWEST_SHARE + its uniform share, the others their uniform share", () => {
    const rng = Random.stream(7, "t");
    const counts = [0, 0, 0, 0];
    const n = 80_000;
    for (let k = 0; k < n; k++) {
      const w = new WaitQueues(1);
      for (let i = 0; i < 4; i++) w.push(0, i);
      counts[w.draw(0, rng)]++;
    }
    const other = (1 - NEWEST_SHARE) / 4;
    for (let i = 0; i < 3; i++) expect(Math.abs(counts[i] / n - other)).toBeLessThan(0.008);
    expect(Math.abs(counts[3] / n - (NEWEST_SHARE + other))).toBeLessThan(0.008);
  });

  it("newestShare 0 is a uniform draw; 1 is last-in-first-out", () => {
    const lifo = new WaitQueues(1, 1);
    for (let i = 0; i < 5; i++) lifo.push(0, i);
    const rng = Random.stream(3, "t");
    expect([0, 1, 2, 3, 4].map(() => lifo.draw(0, rng))).toEqual([4, 3, 2, 1, 0]);
    const counts = [0, 0, 0];
    for (let k = 0; k < 30_000; k++) {
      const w = new WaitQueues(1, 0);
      for (let i = 0; i < 3; i++) w.push(0, i);
      counts[w.draw(0, rng)]++;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(() => new WaitQueues(1, 1.5)).toThrow(/newestShare/);
  });

  it("random pushes, shifts and draws keep the line in order (checked against a plain array)", () => {
    const rng = Random.stream(11, "ops");
    for (const share of [0, 0.3, 1]) {
      const w = new WaitQueues(2, share);
      const ref: number[][] = [[], []];
      let next = 0;
      for (let k = 0; k < 20_000; k++) {
        const c = rng.int(2);
        const u = rng.next();
        if (u < 0.5 || ref[c].length === 0) {
          w.push(c, next);
          ref[c].push(next++);
        } else if (u < 0.6) {
          expect(w.shift(c)).toBe(ref[c].shift());
        } else {
          const got = w.draw(c, rng);
          const at = ref[c].indexOf(got);
          expect(at).toBeGreaterThanOrEqual(0);
          if (share === 1) expect(at).toBe(ref[c].length - 1);
          ref[c].splice(at, 1);
        }
        expect(w.size(c)).toBe(ref[c].length);
        expect(w.peek(c)).toBe(ref[c].length > 0 ? ref[c][0] : -1);
      }
    }
  });
});
