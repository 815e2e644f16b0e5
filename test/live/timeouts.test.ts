/** The time bounds of live's and cleanup's SDK clients, as documented in src/live/timeouts.ts and --help. */
import { describe, expect, it } from "vitest";
import { ADMIN_MAX_ATTEMPTS, ADMIN_REQUEST_TIMEOUT_MS, adminTimeouts, callBoundMs, CONNECTION_TIMEOUT_MS, DRIVE_REQUEST_TIMEOUT_MS, driveTimeouts } from "../../src/live/timeouts.js";

describe("client timeouts", () => {
  it("defaults: 3 s to connect, 10 s to answer, 3 attempts: a management call ends within about 31 s", () => {
    expect(adminTimeouts()).toEqual({ connectionMs: CONNECTION_TIMEOUT_MS, requestMs: ADMIN_REQUEST_TIMEOUT_MS });
    expect(callBoundMs(adminTimeouts())).toBe(ADMIN_MAX_ATTEMPTS * ADMIN_REQUEST_TIMEOUT_MS + 1000);
    expect(callBoundMs(adminTimeouts())).toBe(31_000);
  });

  it("--request-timeout shortens the answer bound (and the connect bound with it, never above it)", () => {
    expect(adminTimeouts(1000)).toEqual({ connectionMs: 1000, requestMs: 1000 });
    expect(callBoundMs(adminTimeouts(1000))).toBe(4000);
    expect(adminTimeouts(60_000).connectionMs).toBe(CONNECTION_TIMEOUT_MS);
    expect(() => adminTimeouts(0)).toThrow(TypeError);
    expect(() => adminTimeouts(Number.NaN)).toThrow(TypeError);
  });

  it("drive clients never get less time than management calls, and at least 30 s", () => {
    expect(driveTimeouts(adminTimeouts()).requestMs).toBe(DRIVE_REQUEST_TIMEOUT_MS);
    expect(driveTimeouts(adminTimeouts(120_000)).requestMs).toBe(120_000);
  });
});
