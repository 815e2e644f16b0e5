/**
 * The simulator's view of one SDK client's retry behaviour (one per instance per service client).
 * Implementations reproduce the pinned @smithy/core retry code (StandardRetryStrategy,
 * AdaptiveRetryStrategy = standard + DefaultRateLimiter) with injected time and random numbers.
 *
 * Call order for one operation, mirroring the SDK's retry middleware:
 *   d = acquireSendDelayMs(now)        before the first attempt (adaptive may make it wait)
 *   ... attempt sent at now + d, response arrives ...
 *   on success:  onSuccess(now, op.retryCost)
 *   on error:    delay = onError(now, attemptsMade, errorClass, rng)
 *                delay < 0 -> the operation fails; else op.retryCost = lastRetryCost and after
 *                `delay` ms call acquireSendDelayMs again and send the next attempt.
 * Allocation-free: state lives in the instance; per-operation state (the retry token's cost) lives
 * in the caller as a number.
 */
import type { Random } from "../../sim/Random.js";

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
  /** Wait (ms) before an attempt may be sent at `nowMs`; 0 except in adaptive mode. Takes a limiter token. */
  acquireSendDelayMs(nowMs: number): number;
  /**
   * An attempt failed at `nowMs` with `errorClass` after `attemptsMade` attempts (1-based).
   * Returns the backoff in ms before the next attempt, or -1 when the SDK gives up (not retryable,
   * attempts exhausted, or retry budget spent: then `budgetRefused` is true).
   */
  onError(nowMs: number, attemptsMade: number, errorClass: ErrorClass, rng: Random): number;
  /** Set by `onError` when it returns >= 0: the cost charged, to be passed back to `onSuccess`. */
  readonly lastRetryCost: number;
  /** Set by `onError` when it returned -1 because the retry budget could not pay for the retry. */
  readonly budgetRefused: boolean;
  /** The operation succeeded at `nowMs`; `retryCost` is the last retry's cost, or 0 if none. */
  onSuccess(nowMs: number, retryCost: number): void;
  /** Retry tokens left (for reports and tests). */
  readonly capacity: number;
}
