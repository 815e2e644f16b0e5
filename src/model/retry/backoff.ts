/**
 * Backoff before a retry, as @smithy/core 3.41.1 computes it (`StandardRetryStrategy
 * .refreshRetryTokenForRetry` + `DefaultRetryBackoffStrategy.computeNextBackoffDelay`, util-retry/).
 *
 *   base = THROTTLING ? throttlingBaseDelayMs : defaultBaseDelayMs   (setDelayBase before each retry)
 *   i    = retries already made (token.getRetryCount(): 0 before the first retry)
 *   "2026":    floor(u * min(base * 2^i, maxDelayMs))
 *   "classic": floor(min(maxDelayMs, u * 2^i * base))
 *   retry-after hint h (ms from now): delay = max(delay, min(h, delay + 5,000))
 *
 * Worked example (sdk-v3, throttling, u = 0.6): first retry floor(0.6 * 1,000) = 600 ms, second
 * floor(0.6 * 2,000) = 1,200 ms; with x-amz-retry-after 1,500 the first becomes max(600, min(1,500,
 * 5,600)) = 1,500 ms. Classic, throttling, u = 0.6, i = 7: min(20,000, 0.6 * 128 * 500 = 38,400)
 * = 20,000 ms where 2026 gives floor(0.6 * 20,000) = 12,000 ms.
 */
import { ErrorClass, type RetryProfile } from "./types.js";

/** Extra wait a retry-after hint may add beyond the computed backoff, ms (`delayFromErrorType + 5_000`). */
export const RETRY_AFTER_EXTRA_MAX_MS = 5_000;

/**
 * The SDK's backoff in ms for the retry after `retriesMade` retries, drawing `u` in [0, 1) (the
 * SDK's one Math.random() call per retry). `retryAfterMs` < 0 means no hint.
 */
export function backoffDelayMs(
  profile: RetryProfile,
  errorClass: ErrorClass,
  retriesMade: number,
  u: number,
  retryAfterMs = -1,
): number {
  const base = errorClass === ErrorClass.Throttling ? profile.throttlingBaseDelayMs : profile.defaultBaseDelayMs;
  const scale = 2 ** retriesMade;
  let delay: number;
  if (profile.backoff === "2026") {
    const span = base * scale;
    delay = Math.floor(u * (span < profile.maxDelayMs ? span : profile.maxDelayMs));
  } else {
    const t = u * scale * base;
    delay = Math.floor(t < profile.maxDelayMs ? t : profile.maxDelayMs);
  }
  if (retryAfterMs >= 0) {
    const hinted = Math.min(retryAfterMs, delay + RETRY_AFTER_EXTRA_MAX_MS);
    if (hinted > delay) delay = hinted;
  }
  return delay;
}
