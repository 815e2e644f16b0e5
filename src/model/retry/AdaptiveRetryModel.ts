/**
 * The SDK's adaptive retry mode for one client: `AdaptiveRetryStrategy` of @smithy/core 3.41.1
 * (`util-retry/AdaptiveRetryStrategy.js`) = the standard strategy (budget, backoff) + the CUBIC
 * rate limiter, composed the same way:
 *
 *   acquireInitialRetryToken  -> standard token, then limiter.getSendToken()  (before attempt 1)
 *   refreshRetryTokenForRetry -> limiter.updateClientSendingRate(error)  (every error, retried or
 *                                not), then the standard decision and backoff sleep, then
 *                                limiter.getSendToken()  (only when retrying, after the backoff)
 *   recordSuccess             -> limiter.updateClientSendingRate({}) then the standard refund
 *
 * So the caller's acquire loop (see types.ts) runs before attempt 1 and after each backoff, and
 * every response updates the limiter at its arrival time. `$metadata.totalRetryDelay` counts the
 * backoffs only (`lastBackoffMs`), not limiter waits.
 *
 * Example: 3 operations in flight on a client that has just been throttled with measured rate
 * 4/s: fillRate = 2.8/s, tokens <= 2.8; the three retries, after their backoffs, each take a token
 * if one is there, else wait (1 - tokens) / 2.8 s and look again.
 */
import type { Random } from "../../plan/Random.js";
import { RateLimiterModel } from "./RateLimiterModel.js";
import { StandardRetryModel } from "./StandardRetryModel.js";
import { ErrorClass, type ClientRetryModel, type RetryProfile } from "./types.js";

export class AdaptiveRetryModel implements ClientRetryModel {
  readonly standard: StandardRetryModel;
  readonly limiter: RateLimiterModel;

  /** `startMs`: when the client's strategy is created; omit to use its first call (the SDK's lazy creation). */
  constructor(maxAttempts: number, profile: Readonly<RetryProfile>, startMs?: number) {
    this.standard = new StandardRetryModel(maxAttempts, profile);
    this.limiter = new RateLimiterModel(startMs);
  }

  get capacity(): number {
    return this.standard.capacity;
  }

  get lastRetryCost(): number {
    return this.standard.lastRetryCost;
  }

  get lastBackoffMs(): number {
    return this.standard.lastBackoffMs;
  }

  get budgetRefused(): boolean {
    return this.standard.budgetRefused;
  }

  acquireSendDelayMs(nowMs: number): number {
    return this.limiter.acquireSendDelayMs(nowMs);
  }

  onError(nowMs: number, attemptsMade: number, errorClass: ErrorClass, rng: Random, retryAfterMs = -1): number {
    // `updateClientSendingRate(errorInfo)`: throttling iff errorType === "THROTTLING" (or the error
    // itself classifies as throttling, which is the same test).
    this.limiter.onResponse(nowMs, errorClass === ErrorClass.Throttling);
    return this.standard.onError(nowMs, attemptsMade, errorClass, rng, retryAfterMs);
  }

  onSuccess(nowMs: number, retryCost: number): void {
    this.limiter.onResponse(nowMs, false);
    this.standard.onSuccess(nowMs, retryCost);
  }
}
