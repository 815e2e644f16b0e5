/** Guardrails checked each tick (maxRequests, maxCostUsd) and the progress snapshot. */
import { describe, expect, it } from "vitest";
import { LiveCounters } from "../../src/live/LiveCounters.js";
import { LiveRecorder } from "../../src/live/LiveRecorder.js";
import { budgetStopReason, progressSnapshot, spentUsd } from "../../src/live/progress.js";
import { makeScenario } from "../fixtures/scenario.js";

function countersWith(requests: number): LiveCounters {
  const c = new LiveCounters();
  for (let i = 0; i < requests; i++) c.recordKmsAttempt("GenerateDataKey", i % 10 === 0);
  return c;
}

describe("budgetStopReason", () => {
  it.each([
    [{ maxRequests: 5 }, 4, null],
    [{ maxRequests: 5 }, 5, "maxRequests reached (5 KMS requests)"],
    // $0.03 per 10,000 requests: 10,000 requests = $0.03.
    [{ maxCostUsd: 0.03 }, 9_999, null],
    [{ maxCostUsd: 0.03 }, 10_000, "maxCostUsd reached ($0.0300)"],
    [{}, 1_000_000, null],
  ] as const)("%o after %i requests -> %s", (opts, n, reason) => {
    expect(budgetStopReason(opts, countersWith(n))).toBe(reason);
  });

  it("prices each request at its class: an RSA_4096 key's requests cost 5x a symmetric key's", () => {
    const c = new LiveCounters();
    c.attribute(makeScenario({ keys: { spec: "RSA_4096" } }), ["arn:aws:kms:us-east-1:111122223333:key/k0"]);
    for (let i = 0; i < 10_000; i++) c.recordKmsAttempt("Decrypt", false);
    expect(spentUsd(c)).toBeCloseTo(0.15, 10);
    expect(budgetStopReason({ maxCostUsd: 0.1 }, c)).toBe("maxCostUsd reached ($0.1500)");
    expect(spentUsd(countersWith(10_000))).toBeCloseTo(0.03, 10);
  });

  it("warm-up attempts (before measureFromMs) and client warm-up calls are not counted", () => {
    const c = new LiveCounters();
    let t = 1000;
    c.now = () => t;
    c.startMs = 1000;
    c.measureFromMs = 2000;
    c.recordKmsAttempt("Decrypt", false);
    c.counting = false;
    t = 2500;
    c.recordKmsAttempt("Decrypt", false);
    c.counting = true;
    c.recordKmsAttempt("Decrypt", true);
    expect(c.kmsRequests).toBe(1);
    expect(c.kmsThrottled).toBe(1);
  });
});

describe("progressSnapshot", () => {
  it("reports started/completed/in flight, the achieved rate since the last snapshot and KMS counts", () => {
    const r = new LiveRecorder();
    for (let i = 0; i < 30; i++) r.recordStart(0.5);
    for (let i = 0; i < 20; i++) r.recordDone("encrypt", 0, 1, 5, i < 2 ? "ThrottlingException" : null);
    const p = progressSnapshot({ nowMs: 3000, startMs: 1000, durationMs: 10_000, lastMs: 2000, lastStarted: 10 }, r, countersWith(7));
    expect(p).toMatchObject({ elapsedSec: 2, remainingSec: 8, started: 30, completed: 20, failed: 2, inFlight: 10, achievedRatePerSec: 20, kmsRequests: 7, throttled: 1 });
    expect(p.lagP99Ms).toBeCloseTo(0.5, 2);
  });
});
