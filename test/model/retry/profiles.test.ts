import {
  DEFAULT_RETRY_DELAY_BASE,
  INITIAL_RETRY_TOKENS,
  MAXIMUM_RETRY_DELAY,
  NO_RETRY_INCREMENT,
  Retry,
  RETRY_COST,
  THROTTLING_RETRY_DELAY_BASE,
  TIMEOUT_RETRY_COST,
} from "@smithy/core/retry";
import { describe, expect, it } from "vitest";
import { RETRY_PROFILES, retryProfile } from "../../../src/model/retry/profiles.js";

describe("RETRY_PROFILES", () => {
  it("sdk-v3 carries the installed SDK's 2026 constants", () => {
    expect(Retry.v2026).toBe(true);
    expect(RETRY_PROFILES["sdk-v3"]).toEqual({
      name: "sdk-v3",
      throttlingBaseDelayMs: Retry.throttlingDelay(),
      defaultBaseDelayMs: Retry.delay(),
      maxDelayMs: MAXIMUM_RETRY_DELAY,
      initialRetryTokens: INITIAL_RETRY_TOKENS,
      throttlingRetryCost: Retry.throttlingCost(),
      transientRetryCost: Retry.cost(),
      noRetryIncrement: NO_RETRY_INCREMENT,
      backoff: "2026",
    });
    expect(RETRY_PROFILES["sdk-v3"]).toMatchObject({ throttlingBaseDelayMs: 1000, defaultBaseDelayMs: 50, transientRetryCost: 14 });
  });

  it("sdk-v3-classic carries the constants.js values of the previous generation", () => {
    expect(RETRY_PROFILES["sdk-v3-classic"]).toEqual({
      name: "sdk-v3-classic",
      throttlingBaseDelayMs: THROTTLING_RETRY_DELAY_BASE,
      defaultBaseDelayMs: DEFAULT_RETRY_DELAY_BASE,
      maxDelayMs: MAXIMUM_RETRY_DELAY,
      initialRetryTokens: INITIAL_RETRY_TOKENS,
      throttlingRetryCost: RETRY_COST,
      transientRetryCost: TIMEOUT_RETRY_COST,
      noRetryIncrement: NO_RETRY_INCREMENT,
      backoff: "classic",
    });
    expect(RETRY_PROFILES["sdk-v3-classic"]).toMatchObject({ throttlingBaseDelayMs: 500, defaultBaseDelayMs: 100, transientRetryCost: 10 });
  });

  it("profiles are frozen; unknown names are programmer errors", () => {
    expect(Object.isFrozen(RETRY_PROFILES["sdk-v3"])).toBe(true);
    expect(retryProfile("sdk-v3")).toBe(RETRY_PROFILES["sdk-v3"]);
    expect(() => retryProfile("sdk-v2" as never)).toThrow(TypeError);
  });
});
