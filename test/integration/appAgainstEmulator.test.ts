/**
 * The README's example: a user's own app (examples/app-against-emulator.mjs, plain Node ESM with
 * @aws-sdk/client-kms) pointed at `kmsplan emulate` sees ThrottlingException at the configured quota.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulate/index.js";

const run = promisify(execFile);
const script = join(import.meta.dirname, "../../examples/app-against-emulator.mjs");
const QUOTA_PER_SEC = 20;

describe("examples/app-against-emulator.mjs against a running emulator", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ quotas: { symmetricPerSec: QUOTA_PER_SEC } });
  });
  afterAll(async () => {
    await emu.close();
  });

  it("sees ThrottlingException (HTTP 400) above the quota, endpoint from argv", async () => {
    const { stdout } = await run(process.execPath, [script, emu.url, "1"], { env: { ...process.env, AWS_ENDPOINT_URL_KMS: "" } });
    const summary = JSON.parse(stdout.trim().split("\n").at(-1)!) as { sent: number; ok: number; throttled: number; otherErrors: number; example: { name: string; httpStatusCode: number } };
    expect(summary.throttled).toBeGreaterThan(0);
    expect(summary.otherErrors).toBe(0);
    expect(summary.example).toMatchObject({ name: "ThrottlingException", httpStatusCode: 400 });
    // Token bucket of 1 s starting full: at most quota x (run + burst) seconds admitted (+1 token of slack).
    expect(summary.ok).toBeLessThanOrEqual(QUOTA_PER_SEC * 2 + 1);
    expect(emu.stats().throttled).toBe(summary.throttled);
    expect(stdout).toMatch(/ThrottlingException/);
  });

  it("takes the endpoint from AWS_ENDPOINT_URL_KMS", async () => {
    emu.reset();
    const { stdout } = await run(process.execPath, [script], { env: { ...process.env, AWS_ENDPOINT_URL_KMS: emu.url } });
    const summary = JSON.parse(stdout.trim().split("\n").at(-1)!) as { throttled: number };
    expect(summary.throttled).toBeGreaterThan(0);
  });

  it("without an endpoint, says how to give one (exit 2)", async () => {
    await expect(run(process.execPath, [script], { env: { ...process.env, AWS_ENDPOINT_URL_KMS: "" } })).rejects.toMatchObject({ code: 2 });
  });
});
