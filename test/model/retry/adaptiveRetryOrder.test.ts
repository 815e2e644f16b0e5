/**
 * The order of a retry's steps in adaptive mode, as the engine models it (src/sim/Engine.ts:
 * backoff, then `startAttempt`, which waits for the limiter): in the real AdaptiveRetryStrategy
 * (@smithy/core 3.41.1, what `retryMode: "adaptive"` builds), `refreshRetryTokenForRetry` first
 * feeds the throttle to the rate limiter, then lets StandardRetryStrategy sleep the backoff, and
 * only then takes the retry's send token. The token it returns carries no further delay.
 * (Earlier @smithy versions returned the delay for the middleware to sleep after the send token;
 * a model written from those would put the limiter first - this test pins the version we model.)
 */
import { AdaptiveRetryStrategy } from "@smithy/core/retry";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => vi.restoreAllMocks());

describe("AdaptiveRetryStrategy: a retry backs off first, then waits for its send token", () => {
  it("refreshRetryTokenForRetry: update the rate, sleep the backoff, then getSendToken", async () => {
    // Backoff = random x base x 2^attempt: a fixed draw makes it a few tens of ms.
    vi.spyOn(Math, "random").mockReturnValue(0.02);
    const steps: { step: string; atMs: number }[] = [];
    const t0 = performance.now();
    const at = (): number => performance.now() - t0;
    const limiter = {
      getSendToken: async () => void steps.push({ step: "getSendToken", atMs: at() }),
      updateClientSendingRate: (info: { errorType?: string }) => void steps.push({ step: `update:${info.errorType ?? "success"}`, atMs: at() }),
    };
    const strategy = new AdaptiveRetryStrategy(async () => 3, { rateLimiter: limiter as never });
    const token = await strategy.acquireInitialRetryToken("");
    const before = steps.length;
    const next = await strategy.refreshRetryTokenForRetry(token as never, { errorType: "THROTTLING" } as never);
    const retrySteps = steps.slice(before);
    expect(retrySteps.map((s) => s.step)).toEqual(["update:THROTTLING", "getSendToken"]);
    const backoff = (next as unknown as { $retryLog: { acquisitionDelay: number } }).$retryLog.acquisitionDelay;
    expect(backoff).toBeGreaterThan(5);
    // The send token was asked for only after the backoff had been slept.
    expect(retrySteps[1].atMs - retrySteps[0].atMs).toBeGreaterThanOrEqual(backoff - 1);
    // Nothing left for the retry middleware to sleep after the token.
    expect(next.getRetryDelay()).toBe(0);
    expect(next.getRetryCount()).toBe(1);
  });
});
