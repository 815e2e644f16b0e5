/**
 * The adaptive mode's client-side rate limiter: `DefaultRateLimiter` of @smithy/core 3.41.1
 * (`dist-es/submodules/retry/util-retry/DefaultRateLimiter.js`), a CUBIC-controlled token bucket,
 * with the clock injected (`nowMs`, read by the SDK as `Date.now() / 1000` seconds) and the send
 * loop turned inside out (the caller sleeps, see `acquireSendDelayMs`). Every operation below is
 * the SDK's, in the SDK's order, so results are bit-identical for the same timestamps.
 *
 * State (seconds and requests per second, as in the SDK): disabled until the first throttle;
 * fillRate 0.5/s, maxCapacity 1, tokens 0; lastThrottleTime = lastTxRateBucket (floored to whole
 * seconds) = the creation time, which is the client's first operation (the SDK builds the strategy
 * lazily in `resolveRetryConfig`), hence `startMs` may be left to the first call.
 *
 * On every response (success or error, `onResponse`):
 *  1. Measured rate, 0.5-s buckets: count it; when floor(t * 2) / 2 passes the last bucket,
 *     measuredTxRate = precise(0.8 * count / (bucket - lastBucket) + 0.2 * measuredTxRate), count = 0.
 *  2. Throttle: rateToUse = enabled ? min(measured, fillRate) : measured; lastMaxRate = rateToUse;
 *     W = precise(cbrt(lastMaxRate * 0.3 / 0.4)); lastThrottleTime = t; rate = precise(0.7 * rateToUse);
 *     enable. Otherwise: rate = precise(0.4 * (t - lastThrottleTime - W)^3 + lastMaxRate).
 *  3. rate = min(rate, 2 * measured); refill at the old fillRate; fillRate = max(rate, 0.5);
 *     maxCapacity = max(rate, 1); tokens = min(tokens, maxCapacity).
 * Worked example: measured 10/s, first throttle -> lastMaxRate 10, W = cbrt(7.5) = 1.95743382 s,
 * fillRate 7/s; successes then follow 0.4 (dt - 1.957)^3 + 10: 7 at dt = 0, 10 at dt = 1.957 s,
 * 13.2 at dt = 3.957 s, each capped at twice the measured rate.
 *
 * `precise` = toFixed(8) rounding (`precise8`). Departure: the SDK treats `lastTimestamp === 0` as
 * "never refilled"; real clocks never read 0, but virtual ones start there, so a flag is used.
 */
import { precise8 } from "./precise8.js";

/** Multiplicative decrease on a throttle (`beta`, default 0.7). */
export const LIMITER_BETA = 0.7;
/** Smallest bucket size, tokens (`minCapacity`, default 1). */
export const LIMITER_MIN_CAPACITY = 1;
/** Smallest fill rate, tokens per second (`minFillRate`, default 0.5). */
export const LIMITER_MIN_FILL_RATE_PER_SEC = 0.5;
/** CUBIC scale constant C (`scaleConstant`, default 0.4), rate per second^3. */
export const LIMITER_SCALE_CONSTANT = 0.4;
/** Weight of the newest bucket in the measured rate (`smooth`, default 0.8). */
export const LIMITER_SMOOTH = 0.8;

export class RateLimiterModel {
  enabled = false;
  availableTokens = 0;
  lastMaxRate = 0;
  measuredTxRate = 0;
  requestCount = 0;
  fillRate = LIMITER_MIN_FILL_RATE_PER_SEC;
  maxCapacity = LIMITER_MIN_CAPACITY;
  /** Seconds (SDK clock); set by `start`. */
  lastThrottleTime = 0;
  lastTxRateBucket = 0;
  lastTimestamp = 0;
  timeWindow = 0;
  private refilled = false;
  private started = false;

  /** `startMs`: creation time; omit to start at the first call, as the SDK's lazy strategy does. */
  constructor(startMs?: number) {
    if (startMs !== undefined) this.start(startMs);
  }

  private start(nowMs: number): void {
    const t = nowMs / 1000;
    this.lastThrottleTime = t;
    this.lastTxRateBucket = Math.floor(t);
    this.started = true;
  }

  /**
   * One pass of `acquireTokenBucket(1)`: 0 when a token was taken (send now); otherwise the wait
   * in ms after which to call again. The SDK loops `while (1 > tokens) { sleep((1 - tokens) /
   * fillRate s); refill }`; each waiting operation runs its own loop, so concurrent waiters each
   * re-check after their own sleep and whoever's timer fires first when the bucket reaches 1 gets
   * the token. Re-calling reproduces exactly that, including fill-rate changes made by other
   * operations' responses during the sleep. The wait is rounded up to whole milliseconds with a
   * minimum of 1, as Node fires `setTimeout` (integer-millisecond timer clock; delay < 1 -> 1).
   * Example: tokens 0.25, fillRate 2/s -> wait ceil(375) = 375 ms, then refill to 1 and take it.
   */
  acquireSendDelayMs(nowMs: number): number {
    if (!this.started) this.start(nowMs);
    if (!this.enabled) return 0;
    this.refill(nowMs / 1000);
    if (1 > this.availableTokens) {
      const waitMs = Math.ceil(((1 - this.availableTokens) / this.fillRate) * 1000);
      return waitMs >= 1 ? waitMs : 1;
    }
    this.availableTokens = this.availableTokens - 1;
    return 0;
  }

  /** `updateClientSendingRate`: a response arrived at `nowMs`; `throttled` = a THROTTLING error. */
  onResponse(nowMs: number, throttled: boolean): void {
    if (!this.started) this.start(nowMs);
    const t = nowMs / 1000;
    this.updateMeasuredRate(t);
    let rate: number;
    if (throttled) {
      const rateToUse = !this.enabled ? this.measuredTxRate : Math.min(this.measuredTxRate, this.fillRate);
      this.lastMaxRate = rateToUse;
      this.timeWindow = precise8(Math.pow((this.lastMaxRate * (1 - LIMITER_BETA)) / LIMITER_SCALE_CONSTANT, 1 / 3));
      this.lastThrottleTime = t;
      rate = precise8(rateToUse * LIMITER_BETA);
      this.enabled = true;
    } else {
      // The SDK recomputes the time window here too; it depends on lastMaxRate only, so the value
      // stored at the last throttle (or the initial 0 = cbrt(0)) is the same number.
      rate = precise8(
        LIMITER_SCALE_CONSTANT * Math.pow(t - this.lastThrottleTime - this.timeWindow, 3) + this.lastMaxRate,
      );
    }
    rate = Math.min(rate, 2 * this.measuredTxRate);
    this.refill(t);
    this.fillRate = Math.max(rate, LIMITER_MIN_FILL_RATE_PER_SEC);
    this.maxCapacity = Math.max(rate, LIMITER_MIN_CAPACITY);
    this.availableTokens = Math.min(this.availableTokens, this.maxCapacity);
  }

  private refill(t: number): void {
    if (!this.refilled) {
      this.refilled = true;
      this.lastTimestamp = t;
      return;
    }
    const fillAmount = (t - this.lastTimestamp) * this.fillRate;
    this.availableTokens = Math.min(this.maxCapacity, this.availableTokens + fillAmount);
    this.lastTimestamp = t;
  }

  private updateMeasuredRate(t: number): void {
    const timeBucket = Math.floor(t * 2) / 2;
    this.requestCount++;
    if (timeBucket > this.lastTxRateBucket) {
      const currentRate = this.requestCount / (timeBucket - this.lastTxRateBucket);
      this.measuredTxRate = precise8(currentRate * LIMITER_SMOOTH + this.measuredTxRate * (1 - LIMITER_SMOOTH));
      this.requestCount = 0;
      this.lastTxRateBucket = timeBucket;
    }
  }
}
