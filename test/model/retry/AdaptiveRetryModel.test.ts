import { describe, expect, it } from "vitest";
import { AdaptiveRetryModel, createRetryModel, StandardRetryModel } from "../../../src/model/retry/index.js";
import { RETRY_PROFILES } from "../../../src/model/retry/profiles.js";
import { ErrorClass } from "../../../src/model/retry/types.js";
import { Random } from "../../../src/plan/Random.js";

const V3 = RETRY_PROFILES["sdk-v3"];
const T0_MS = 1_000_000;

describe("AdaptiveRetryModel = standard + rate limiter", () => {
  it("createRetryModel builds one per mode", () => {
    expect(createRetryModel("adaptive", 3, "sdk-v3")).toBeInstanceOf(AdaptiveRetryModel);
    expect(createRetryModel("standard", 3, V3)).toBeInstanceOf(StandardRetryModel);
    expect(() => createRetryModel("legacy" as never, 3, "sdk-v3")).toThrow(TypeError);
    expect(() => createRetryModel("standard", 0, "sdk-v3")).toThrow(TypeError);
  });

  it("every response updates the limiter: successes, throttles, and errors that are not retried", () => {
    const m = new AdaptiveRetryModel(3, V3, T0_MS);
    const rng = Random.stream(1, "t");
    m.onSuccess(T0_MS + 100, 0);
    expect(m.onError(T0_MS + 200, 1, ErrorClass.ClientError, rng)).toBe(-1);
    expect(m.limiter.requestCount).toBe(2);
    expect(m.limiter.enabled).toBe(false);
    expect(m.onError(T0_MS + 300, 1, ErrorClass.Transient, rng)).toBeGreaterThanOrEqual(1);
    expect(m.limiter.enabled).toBe(false); // only THROTTLING enables the bucket
    expect(m.onError(T0_MS + 400, 3, ErrorClass.Throttling, rng)).toBe(-1); // attempts exhausted...
    expect(m.limiter.enabled).toBe(true); // ...but the limiter still saw the throttle
    expect(m.capacity).toBe(486);
  });

  it("after a throttle the retry waits for a limiter token after its backoff", () => {
    const m = new AdaptiveRetryModel(3, V3, T0_MS);
    const rng = Random.stream(2, "t");
    // 21 successes in the first 0.5-s bucket = 42/s, smoothed: 0.8 x 42 = 33.6/s.
    for (let i = 0; i < 20; i++) m.onSuccess(T0_MS + 20 * i, 0);
    m.onSuccess(T0_MS + 500, 0);
    expect(m.limiter.measuredTxRate).toBe(33.6);
    const backoff = m.onError(T0_MS + 510, 1, ErrorClass.Throttling, rng);
    expect(m.lastRetryCost).toBe(5);
    expect(m.limiter.fillRate).toBe(23.52); // 0.7 x 33.6
    // Tokens accumulated before the throttle (up to the old bucket size) are kept, clipped to the new size.
    let t = T0_MS + 510 + backoff;
    let sent = 0;
    let waited = 0;
    while (sent < 40) {
      const d = m.acquireSendDelayMs(t);
      if (d === 0) sent++;
      else {
        waited += d;
        t += d;
      }
    }
    // 40 sends at ~23.5/s after the burst allowance: the limiter spread them over more than a second.
    expect(waited).toBeGreaterThan(1000);
    expect(m.lastBackoffMs).toBe(backoff);
  });
});
