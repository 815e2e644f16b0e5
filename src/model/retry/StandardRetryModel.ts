/**
 * The SDK's standard retry mode for one client: `StandardRetryStrategy` of @smithy/core 3.41.1
 * (`dist-es/submodules/retry/util-retry/StandardRetryStrategy.js`) as driven by `retryMiddleware`
 * (`middleware-retry/retryMiddleware.js`).
 *
 * Decision on an error (`retryCode`): retry iff the class is THROTTLING or TRANSIENT, and
 * attempts (= retries made + 1) < maxAttempts, and capacity >= cost; the refusal reported is the
 * first that applies in that order (so "budget refused" only for a retryable error with attempts
 * left). A retry deducts its cost (throttling 5, transient 14 in 2026) at once, before sleeping.
 * A success sets capacity = min(500, capacity + (last retry's cost, or 1 without retries)). A
 * failure refunds nothing. The budget is per client, shared by its concurrent operations.
 *
 * Worked example (sdk-v3, maxAttempts 3, a server that always throttles, calls in sequence): each
 * call makes 3 attempts and pays 2 x 5 tokens, so calls 1-50 drain 500 -> 0; call 51 finds
 * capacity 0 < 5 and fails after 1 attempt, as do all later calls (no success refills it).
 *
 * Time: the SDK sleeps `setTimeout(r, delay)` inside the strategy; Node sleeps at least 1 ms, so
 * `onError` returns max(1, delay) while `lastBackoffMs` keeps the SDK's recorded delay.
 */
import type { Random } from "../../plan/Random.js";
import { backoffDelayMs } from "./backoff.js";
import { ErrorClass, type ClientRetryModel, type RetryProfile } from "./types.js";

export class StandardRetryModel implements ClientRetryModel {
  readonly profile: Readonly<RetryProfile>;
  readonly maxAttempts: number;
  capacity: number;
  lastRetryCost = 0;
  lastBackoffMs = 0;
  budgetRefused = false;

  constructor(maxAttempts: number, profile: Readonly<RetryProfile>) {
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new TypeError(`Expected maxAttempts to be an integer >= 1, got ${maxAttempts}`);
    }
    this.maxAttempts = maxAttempts;
    this.profile = profile;
    this.capacity = profile.initialRetryTokens;
  }

  acquireSendDelayMs(_nowMs: number): number {
    return 0;
  }

  onError(_nowMs: number, attemptsMade: number, errorClass: ErrorClass, rng: Random, retryAfterMs = -1): number {
    this.budgetRefused = false;
    if (errorClass !== ErrorClass.Throttling && errorClass !== ErrorClass.Transient) return -1;
    if (!(attemptsMade < this.maxAttempts)) return -1;
    const p = this.profile;
    const cost = errorClass === ErrorClass.Throttling ? p.throttlingRetryCost : p.transientRetryCost;
    if (!(this.capacity >= cost)) {
      this.budgetRefused = true;
      return -1;
    }
    // One uniform per retry, like the SDK's single Math.random() in computeNextBackoffDelay; none
    // is drawn when the retry is refused.
    const delay = backoffDelayMs(p, errorClass, attemptsMade - 1, rng.next(), retryAfterMs);
    this.capacity -= cost;
    this.lastRetryCost = cost;
    this.lastBackoffMs = delay;
    return delay >= 1 ? delay : 1;
  }

  onSuccess(_nowMs: number, retryCost: number): void {
    // `token.getRetryCost() ?? NO_RETRY_INCREMENT`: the initial token has no cost; retries cost > 0.
    const c = this.capacity + (retryCost > 0 ? retryCost : this.profile.noRetryIncrement);
    const max = this.profile.initialRetryTokens;
    this.capacity = c < max ? c : max;
  }
}
