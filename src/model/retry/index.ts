/**
 * Retry models of the AWS SDK for JavaScript v3 (@smithy/core 3.41.1): `createRetryModel` builds
 * one per SDK client. See types.ts for the call protocol.
 */
import type { RetryMode, RetryProfileName } from "../../scenario/types.js";
import { AdaptiveRetryModel } from "./AdaptiveRetryModel.js";
import { NoRetryModel } from "./NoRetryModel.js";
import { retryProfile } from "./profiles.js";
import { StandardRetryModel } from "./StandardRetryModel.js";
import type { ClientRetryModel, RetryProfile } from "./types.js";

export { AdaptiveRetryModel } from "./AdaptiveRetryModel.js";
export { backoffDelayMs } from "./backoff.js";
export { NoRetryModel } from "./NoRetryModel.js";
export { RETRY_PROFILES, retryProfile } from "./profiles.js";
export { RateLimiterModel } from "./RateLimiterModel.js";
export { StandardRetryModel } from "./StandardRetryModel.js";
export { ErrorClass, type ClientRetryModel, type RetryProfile } from "./types.js";

/**
 * A retry model for one client. `mode` "off" = one attempt per operation; "standard" and
 * "adaptive" as the SDK's `retryMode`, with `maxAttempts` attempts per operation (first included).
 * `profile`: a profile name or a profile object. The adaptive limiter starts at the first call.
 */
export function createRetryModel(
  mode: RetryMode,
  maxAttempts: number,
  profile: RetryProfileName | Readonly<RetryProfile>,
): ClientRetryModel {
  const p = typeof profile === "string" ? retryProfile(profile) : profile;
  if (typeof p !== "object" || p === null) {
    throw new TypeError(`Expected profile to be a profile name or object, got ${String(profile)}`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new TypeError(`Expected maxAttempts to be an integer >= 1, got ${maxAttempts}`);
  }
  switch (mode) {
    case "off":
      return new NoRetryModel(p.initialRetryTokens);
    case "standard":
      return new StandardRetryModel(maxAttempts, p);
    case "adaptive":
      return new AdaptiveRetryModel(maxAttempts, p);
    default:
      throw new TypeError(`Expected mode to be "standard", "adaptive" or "off", got ${String(mode)}`);
  }
}
