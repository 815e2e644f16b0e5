import { defaultDelayDecider } from "@smithy/core/retry";
import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffDelayMs } from "../../../src/model/retry/backoff.js";
import { RETRY_PROFILES } from "../../../src/model/retry/profiles.js";
import { ErrorClass } from "../../../src/model/retry/types.js";

const V3 = RETRY_PROFILES["sdk-v3"];
const CLASSIC = RETRY_PROFILES["sdk-v3-classic"];

afterEach(() => {
  vi.restoreAllMocks();
});

describe("backoffDelayMs", () => {
  it.each([
    // profile, class, retries made, u, expected ms
    [V3, ErrorClass.Throttling, 0, 0, 0],
    [V3, ErrorClass.Throttling, 0, 0.5, 500],
    [V3, ErrorClass.Throttling, 0, 0.9999, 999],
    [V3, ErrorClass.Throttling, 1, 0.9999, 1999],
    [V3, ErrorClass.Throttling, 4, 0.5, 8000],
    [V3, ErrorClass.Throttling, 5, 0.5, 10000], // min(32,000, 20,000) * 0.5
    [V3, ErrorClass.Throttling, 9, 0.999, 19980],
    [V3, ErrorClass.Transient, 0, 0.9999, 49],
    [V3, ErrorClass.Transient, 1, 0.5, 50],
    [V3, ErrorClass.Transient, 2, 0.5, 100],
    [CLASSIC, ErrorClass.Throttling, 0, 0.9999, 499],
    [CLASSIC, ErrorClass.Throttling, 1, 0.5, 500],
    [CLASSIC, ErrorClass.Throttling, 6, 0.5, 16000],
    [CLASSIC, ErrorClass.Throttling, 7, 0.5, 20000], // min(20,000, 32,000): classic clips after the draw
    [CLASSIC, ErrorClass.Transient, 0, 0.9999, 99],
    [CLASSIC, ErrorClass.Transient, 3, 0.25, 200],
  ] as const)("%#: %s class %i, retry %i, u %f -> %i ms", (profile, cls, i, u, expected) => {
    expect(backoffDelayMs(profile, cls, i, u)).toBe(expected);
  });

  it("classic equals the SDK's own classic formula (defaultDelayDecider) draw for draw", () => {
    let u = 0;
    vi.spyOn(Math, "random").mockImplementation(() => u);
    for (let k = 0; k < 2000; k++) {
      u = ((k * 7919) % 10007) / 10007;
      const i = k % 9;
      expect(backoffDelayMs(CLASSIC, ErrorClass.Throttling, i, u)).toBe(defaultDelayDecider(500, i));
      expect(backoffDelayMs(CLASSIC, ErrorClass.Transient, i, u)).toBe(defaultDelayDecider(100, i));
    }
  });

  it.each([
    [-1, 600], // no hint
    [1500, 1500], // x-amz-retry-after 1,500 ms
    [100, 600], // a shorter hint never shortens the backoff
    [60_000, 5600], // at most computed + 5,000
  ])("retry-after hint %i ms with computed 600 -> %i ms", (hint, expected) => {
    expect(backoffDelayMs(V3, ErrorClass.Throttling, 0, 0.6, hint)).toBe(expected);
  });
});
