import { describe, expect, it } from "vitest";
import { RateLimiterModel } from "../../../src/model/retry/RateLimiterModel.js";

const T0_MS = 1_000_000; // t = 1000 s

/** Successful responses every `stepMs` from `fromMs` to `toMs` inclusive. */
function successes(l: RateLimiterModel, fromMs: number, toMs: number, stepMs: number): void {
  for (let t = fromMs; t <= toMs; t += stepMs) l.onResponse(t, false);
}

describe("RateLimiterModel (DefaultRateLimiter)", () => {
  it("is disabled until the first throttle: no waits, however fast the client sends", () => {
    const l = new RateLimiterModel(T0_MS);
    for (let t = T0_MS; t < T0_MS + 2000; t += 5) expect(l.acquireSendDelayMs(t)).toBe(0);
    expect(l.enabled).toBe(false);
  });

  it("measures the response rate in 0.5-s buckets with smoothing 0.8", () => {
    const l = new RateLimiterModel(T0_MS);
    successes(l, T0_MS, T0_MS + 2000, 100); // 10/s
    // 1000.5: 6 responses / 0.5 s = 12/s -> 9.6; then 10/s: 9.92, 9.984, 9.9968.
    expect(l.measuredTxRate).toBe(9.9968);
    expect(l.lastTxRateBucket).toBe(1002);
  });

  it("a throttle cuts the rate to beta 0.7 x the measured rate, then it grows back as a cubic", () => {
    const l = new RateLimiterModel(T0_MS);
    successes(l, T0_MS, T0_MS + 2000, 100);
    const tThrottleMs = T0_MS + 2050;
    l.onResponse(tThrottleMs, true);
    expect(l.enabled).toBe(true);
    expect(l.lastMaxRate).toBe(9.9968);
    expect(l.fillRate).toBe(6.99776); // 0.7 x 9.9968
    expect(l.maxCapacity).toBe(6.99776);
    const w = Math.cbrt((9.9968 * 0.3) / 0.4);
    expect(l.timeWindow).toBeCloseTo(w, 8); // 1.957... s to regain the old rate
    // Keep responding at 10/s: the rate follows 0.4 (dt - W)^3 + 9.9968.
    const rateAt = (dtSec: number): number => {
      successes(l, l.lastTimestamp * 1000 + 100, tThrottleMs + dtSec * 1000, 100);
      return l.fillRate;
    };
    const r1 = rateAt(1); // below the old rate, concave part
    expect(r1).toBeCloseTo(0.4 * (1 - w) ** 3 + 9.9968, 6);
    expect(r1).toBeLessThan(9.9968);
    expect(rateAt(2)).toBeCloseTo(0.4 * (2 - w) ** 3 + 9.9968, 6); // just past W: ~ the old rate
    const r4 = rateAt(4);
    expect(r4).toBeCloseTo(0.4 * (4 - w) ** 3 + 9.9968, 6); // ~ 13.4/s: probing above
    expect(r4).toBeGreaterThan(13);
  });

  it("caps the new rate at twice the measured rate", () => {
    const l = new RateLimiterModel(T0_MS);
    successes(l, T0_MS, T0_MS + 2000, 100);
    l.onResponse(T0_MS + 2050, true);
    // Silence for 10 s, then one success: cubic says ~ 0.4 x 8^3 + 10 = 215/s, measured says
    // 0.8 x 2 / 10 + 0.2 x 9.9968 = 2.15936/s, so the rate is 2 x that.
    l.onResponse(T0_MS + 12_000, false);
    expect(l.measuredTxRate).toBe(2.15936);
    expect(l.fillRate).toBe(4.31872);
  });

  it("waits (1 - tokens) / fillRate, rounded up to whole ms, and re-checks after the wait", () => {
    const l = new RateLimiterModel(T0_MS);
    l.enabled = true;
    l.fillRate = 2;
    l.maxCapacity = 2;
    l.availableTokens = 0.25;
    expect(l.acquireSendDelayMs(T0_MS)).toBe(375);
    expect(l.acquireSendDelayMs(T0_MS + 375)).toBe(0); // refilled to 1.0, taken
    expect(l.availableTokens).toBeCloseTo(0, 12);
    // Two concurrent waiters: both sleep 500 ms; the first to wake takes the token, the other
    // finds 0 and sleeps another 500 ms.
    expect(l.acquireSendDelayMs(T0_MS + 375)).toBe(500);
    expect(l.acquireSendDelayMs(T0_MS + 375)).toBe(500);
    expect(l.acquireSendDelayMs(T0_MS + 875)).toBe(0);
    expect(l.acquireSendDelayMs(T0_MS + 875)).toBe(500);
    expect(l.acquireSendDelayMs(T0_MS + 1375)).toBe(0);
  });

  it("starts at its first call when no start time is given (the SDK creates it lazily)", () => {
    const l = new RateLimiterModel();
    l.acquireSendDelayMs(T0_MS + 1700);
    expect(l.lastThrottleTime).toBe(1001.7);
    expect(l.lastTxRateBucket).toBe(1001);
  });
});
