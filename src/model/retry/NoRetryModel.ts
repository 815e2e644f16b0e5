/**
 * Retry mode "off": one attempt per operation, as the SDK with `maxAttempts: 1` behaves (the
 * standard strategy refuses every retry on attempts before touching the budget, so the budget
 * never matters). No limiter, no backoff, no random draws.
 */
import type { Random } from "../../plan/Random.js";
import type { ClientRetryModel, ErrorClass } from "./types.js";

export class NoRetryModel implements ClientRetryModel {
  readonly lastRetryCost = 0;
  readonly lastBackoffMs = 0;
  readonly budgetRefused = false;
  readonly capacity: number;

  /** `capacity` is only reported (the budget is never used); default 500 tokens. */
  constructor(capacityTokens = 500) {
    this.capacity = capacityTokens;
  }

  acquireSendDelayMs(_nowMs: number): number {
    return 0;
  }

  onError(_nowMs: number, _attemptsMade: number, _errorClass: ErrorClass, _rng: Random, _retryAfterMs?: number): number {
    return -1;
  }

  onSuccess(_nowMs: number, _retryCost: number): void {}
}
