/**
 * Server-side admission for one quota pool. KMS applies quotas "in each one-second interval"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html); whether it
 * smooths within the second is not published, so two models are offered:
 *
 * - `TokenBucket` (default): refills continuously at `ratePerSec`, holds `burstSeconds` of quota,
 *   starts full. Over any interval of length t it admits at most `capacity + rate * t` requests.
 * - `FixedWindow`: at most `rate * windowMs / 1000` requests per aligned window.
 *
 * Both are allocation-free: the simulator calls them once per KMS attempt, the emulator once per
 * HTTP request. Time is injected (`nowMs`), never read.
 */
export interface Throttle {
  /** True when a token is available at `nowMs` (refills first; does not take it). */
  available(nowMs: number): boolean;
  /** Take one token; call only after `available(nowMs)` returned true for the same `nowMs`. */
  take(): void;
  /** Tokens currently held (after the last refill), for tests and reports. */
  readonly tokens: number;
}

export class TokenBucket implements Throttle {
  readonly ratePerSec: number;
  readonly capacityTokens: number;
  tokens: number;
  private lastMs: number;

  /**
   * Example: rate 10,000/s, burst 1 s -> capacity 10,000 tokens. 12,000 requests spread over the
   * first 200 ms are all admitted (10,000 from the full bucket + 2,000 refilled at 10 per ms);
   * after that the bucket admits 10 per millisecond and throttles the rest.
   */
  constructor(ratePerSec: number, burstSeconds = 1, startMs = 0) {
    if (!(ratePerSec >= 0)) throw new TypeError(`Expected ratePerSec to be >= 0, got ${ratePerSec}`);
    if (!(burstSeconds > 0)) throw new TypeError(`Expected burstSeconds to be > 0, got ${burstSeconds}`);
    this.ratePerSec = ratePerSec;
    // A bucket must hold at least one token, or a quota below 1/s would never admit anything.
    this.capacityTokens = Math.max(1, ratePerSec * burstSeconds);
    this.tokens = this.capacityTokens;
    this.lastMs = startMs;
  }

  available(nowMs: number): boolean {
    if (nowMs > this.lastMs) {
      const t = this.tokens + ((nowMs - this.lastMs) * this.ratePerSec) / 1000;
      this.tokens = t < this.capacityTokens ? t : this.capacityTokens;
      this.lastMs = nowMs;
    }
    return this.tokens >= 1;
  }

  take(): void {
    this.tokens -= 1;
  }
}

export class FixedWindow implements Throttle {
  readonly limitPerWindow: number;
  readonly windowMs: number;
  private window = -1;
  private used = 0;

  constructor(ratePerSec: number, windowMs = 1000) {
    if (!(ratePerSec >= 0)) throw new TypeError(`Expected ratePerSec to be >= 0, got ${ratePerSec}`);
    if (!(windowMs > 0)) throw new TypeError(`Expected windowMs to be > 0, got ${windowMs}`);
    this.windowMs = windowMs;
    this.limitPerWindow = Math.max(1, Math.floor((ratePerSec * windowMs) / 1000));
  }

  get tokens(): number {
    return this.limitPerWindow - this.used;
  }

  available(nowMs: number): boolean {
    const w = Math.floor(nowMs / this.windowMs);
    if (w !== this.window) {
      this.window = w;
      this.used = 0;
    }
    return this.used < this.limitPerWindow;
  }

  take(): void {
    this.used += 1;
  }
}

export type ThrottleSpec =
  | { model: "token-bucket"; burstSeconds: number }
  | { model: "fixed-window"; windowMs: number };

export function createThrottle(ratePerSec: number, spec: ThrottleSpec, startMs = 0): Throttle {
  return spec.model === "token-bucket"
    ? new TokenBucket(ratePerSec, spec.burstSeconds, startMs)
    : new FixedWindow(ratePerSec, spec.windowMs);
}
