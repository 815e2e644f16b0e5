/**
 * Retry constants of the AWS SDK for JavaScript v3, per generation.
 *
 * Source: npm `@smithy/core` 3.41.1, `dist-es/submodules/retry/util-retry/`
 * (`retries-2026-config.js`, `constants.js`, `DefaultRetryBackoffStrategy.js`,
 * `StandardRetryStrategy.js`); upstream `smithy-lang/smithy-typescript`
 * `packages/core/src/submodules/retry/util-retry/`. From @smithy/core 3.40.0 `Retry.v2026` is
 * hard-coded `true`, so the pinned SDK runs the "2026" constants ("sdk-v3"). "sdk-v3-classic" is the
 * previous generation (`Retry.v2026 === false`, and before that `packages/util-retry/src`):
 * same strategy and budget, other constants and the older backoff formula.
 */
import type { RetryProfileName } from "../../scenario/types.js";
import type { RetryProfile } from "./types.js";

/** Cap on a single computed backoff, ms: `MAXIMUM_RETRY_DELAY` (util-retry/constants.js), both generations. */
export const MAXIMUM_RETRY_DELAY_MS = 20_000;

/** Retry budget per client, tokens: `INITIAL_RETRY_TOKENS` (util-retry/constants.js), both generations. */
export const INITIAL_RETRY_TOKENS = 500;

/** Tokens refunded by a success without retries: `NO_RETRY_INCREMENT` (util-retry/constants.js). */
export const NO_RETRY_INCREMENT = 1;

/** 2026 backoff base for throttling errors, ms: `Retry.throttlingDelay()` (util-retry/retries-2026-config.js). */
export const THROTTLING_BASE_DELAY_MS_2026 = 1_000;

/** 2026 backoff base for other retryable errors, ms: `Retry.delay()` (util-retry/retries-2026-config.js). */
export const DEFAULT_BASE_DELAY_MS_2026 = 50;

/** 2026 cost of a retry after a throttling error, tokens: `Retry.throttlingCost()` (`modifiedCostType()` = "THROTTLING"). */
export const THROTTLING_RETRY_COST_2026 = 5;

/** 2026 cost of a retry after a transient error, tokens: `Retry.cost()` (util-retry/retries-2026-config.js). */
export const TRANSIENT_RETRY_COST_2026 = 14;

/** Classic backoff base for throttling errors, ms: `THROTTLING_RETRY_DELAY_BASE` (util-retry/constants.js). */
export const THROTTLING_BASE_DELAY_MS_CLASSIC = 500;

/** Classic backoff base for other retryable errors, ms: `DEFAULT_RETRY_DELAY_BASE` (util-retry/constants.js). */
export const DEFAULT_BASE_DELAY_MS_CLASSIC = 100;

/** Classic cost of a retry after a throttling error, tokens: `RETRY_COST` (util-retry/constants.js). */
export const THROTTLING_RETRY_COST_CLASSIC = 5;

/** Classic cost of a retry after a transient error, tokens: `TIMEOUT_RETRY_COST` (util-retry/constants.js). */
export const TRANSIENT_RETRY_COST_CLASSIC = 10;

/**
 * The two generations. Backoff for retry i (0-based: retries already made), u = Math.random():
 * - "2026" (`DefaultRetryBackoffStrategy.computeNextBackoffDelay`): floor(u * min(base * 2^i, 20,000)).
 *   Throttling: U[0, 1,000) then U[0, 2,000) ms; transient: U[0, 50) then U[0, 100) ms.
 * - "classic" (`getDefaultRetryBackoffStrategy`, util-retry before the 2026 config):
 *   floor(min(20,000, u * 2^i * base)). Throttling: U[0, 500) then U[0, 1,000) ms.
 * The two formulas differ only once base * 2^i exceeds the cap (classic then clips, 2026 stays uniform).
 */
export const RETRY_PROFILES: Readonly<Record<RetryProfileName, Readonly<RetryProfile>>> = Object.freeze({
  "sdk-v3": Object.freeze({
    name: "sdk-v3",
    throttlingBaseDelayMs: THROTTLING_BASE_DELAY_MS_2026,
    defaultBaseDelayMs: DEFAULT_BASE_DELAY_MS_2026,
    maxDelayMs: MAXIMUM_RETRY_DELAY_MS,
    initialRetryTokens: INITIAL_RETRY_TOKENS,
    throttlingRetryCost: THROTTLING_RETRY_COST_2026,
    transientRetryCost: TRANSIENT_RETRY_COST_2026,
    noRetryIncrement: NO_RETRY_INCREMENT,
    backoff: "2026",
  }),
  "sdk-v3-classic": Object.freeze({
    name: "sdk-v3-classic",
    throttlingBaseDelayMs: THROTTLING_BASE_DELAY_MS_CLASSIC,
    defaultBaseDelayMs: DEFAULT_BASE_DELAY_MS_CLASSIC,
    maxDelayMs: MAXIMUM_RETRY_DELAY_MS,
    initialRetryTokens: INITIAL_RETRY_TOKENS,
    throttlingRetryCost: THROTTLING_RETRY_COST_CLASSIC,
    transientRetryCost: TRANSIENT_RETRY_COST_CLASSIC,
    noRetryIncrement: NO_RETRY_INCREMENT,
    backoff: "classic",
  }),
});

/** The profile for `name`; throws a TypeError for an unknown name (a programmer error past validation). */
export function retryProfile(name: RetryProfileName): Readonly<RetryProfile> {
  const p = (RETRY_PROFILES as Record<string, Readonly<RetryProfile> | undefined>)[name];
  if (p === undefined) {
    throw new TypeError(`Expected profile to be one of ${Object.keys(RETRY_PROFILES).join(", ")}, got ${String(name)}`);
  }
  return p;
}
