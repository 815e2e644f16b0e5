/**
 * The simulator's view of one SDK client's retry behaviour (one per instance per service client).
 * Implementations reproduce the pinned @smithy/core 3.41.1 retry code (StandardRetryStrategy,
 * AdaptiveRetryStrategy = standard + DefaultRateLimiter, retryMiddleware) with injected time and
 * random numbers.
 *
 * Call order for one operation, mirroring the SDK's retry middleware:
 *   acquire:   d = acquireSendDelayMs(now), before the first attempt and before each retry (after
 *              its backoff). d === 0: send now (adaptive: a limiter token was taken). d > 0: no
 *              token yet; call again at now + d (the SDK's `while (tokens < 1) sleep` loop: other
 *              operations' responses may change the fill rate meanwhile). Standard/off: always 0.
 *   ... attempt sent, response arrives at `now` ...
 *   on success: onSuccess(now, op.retryCost)
 *   on error:   wait = onError(now, attemptsMade, errorClass, rng[, retryAfterMs])
 *               wait < 0: the operation fails; else op.retryCost = lastRetryCost, and at
 *               now + wait run `acquire` again and send the next attempt.
 * Allocation-free: state lives in the instance; per-operation state (the retry token's cost) lives
 * in the caller as a number.
 */
import type { Random } from "../../plan/Random.js";

/** Error classes of @smithy/core service-error-classification that matter to the model. */
export const enum ErrorClass {
  Throttling = 0,
  Transient = 1,
  ServerError = 2,
  ClientError = 3,
}

export interface RetryProfile {
  name: string;
  /** Backoff base for throttling errors, ms (2026: 1,000; classic: 500). */
  throttlingBaseDelayMs: number;
  /** Backoff base for other retryable errors, ms (2026: 50; classic: 100). */
  defaultBaseDelayMs: number;
  /** Cap on a single backoff, ms (20,000). */
  maxDelayMs: number;
  /** Retry budget per client, tokens (500). */
  initialRetryTokens: number;
  /** Cost of a retry after a throttling error (5). */
  throttlingRetryCost: number;
  /** Cost of a retry after a transient error (2026: 14; classic: 10). */
  transientRetryCost: number;
  /** Refund on a success without retries (1). */
  noRetryIncrement: number;
  /** Backoff formula: "2026" floor(random * min(base * 2^i, cap)); "classic" floor(min(cap, random * 2^i * base)). */
  backoff: "2026" | "classic";
}

export interface ClientRetryModel {
  /**
   * One pass of the SDK's send-token loop at `nowMs`: 0 when the attempt may be sent now (in
   * adaptive mode a limiter token was taken), else the wait in ms (> 0) after which the caller must
   * call again. Always 0 except in adaptive mode once the client has been throttled.
   */
  acquireSendDelayMs(nowMs: number): number;
  /**
   * An attempt failed at `nowMs` with `errorClass` after `attemptsMade` attempts (1-based).
   * Returns the wait in ms before the next attempt (>= 1: Node's setTimeout sleeps at least 1 ms),
   * or -1 when the SDK gives up (not retryable, attempts exhausted, or retry budget spent: then
   * `budgetRefused` is true). `retryAfterMs`: the server's retry-after hint relative to `nowMs`
   * (x-amz-retry-after, or retry-after x 1000), or omitted/-1 for none.
   */
  onError(nowMs: number, attemptsMade: number, errorClass: ErrorClass, rng: Random, retryAfterMs?: number): number;
  /** Set by `onError` when it returns >= 0: the cost charged, to be passed back to `onSuccess`. */
  readonly lastRetryCost: number;
  /**
   * Set by `onError` when it returns >= 0: the backoff the SDK computed and adds to
   * `$metadata.totalRetryDelay` (may be 0; the returned wait is at least 1 ms).
   */
  readonly lastBackoffMs: number;
  /** Set by `onError` when it returned -1 because the retry budget could not pay for the retry. */
  readonly budgetRefused: boolean;
  /** The operation succeeded at `nowMs`; `retryCost` is the last retry's cost, or 0 if none. */
  onSuccess(nowMs: number, retryCost: number): void;
  /** Retry tokens left (for reports and tests). */
  readonly capacity: number;
}
