/**
 * Calibration of the retry model against the real SDK (issue #2): a real KMSClient
 * (@aws-sdk/client-kms 3.1164.0 on @smithy/core 3.41.1, standard mode, maxAttempts 3) calls a fake
 * KMS on 127.0.0.1 that throttles by a known pattern; the same pattern is fed through the model in
 * virtual time; per-call attempts, failures, recorded backoffs and the client's retry budget must
 * be identical.
 *
 * Backoffs use Math.random: it is stubbed with a known sequence and the model replays the same
 * uniforms. Budget tests draw 0 (backoff floor(0 * x) = 0, a real possible draw; Node still sleeps
 * 1 ms), so 80 calls take well under a second; the delay test uses a few real-size draws.
 */
import http from "node:http";
import { Retry } from "@smithy/core/retry";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { classifyError } from "../../../src/model/errorClassification.js";
import { createRetryModel } from "../../../src/model/retry/index.js";
import { ErrorClass } from "../../../src/model/retry/types.js";
import { Random } from "../../../src/plan/Random.js";
import { startKmsFake, type KmsFake, type Pattern } from "./kmsFake.js";
import { makeClient, ReplayRandom, runModel, runSdk, type CallRecord } from "./sdkDriver.js";

let fake: KmsFake;
let agent: http.Agent;

beforeAll(async () => {
  fake = await startKmsFake();
  agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
});
afterAll(async () => {
  agent.destroy();
  await fake.close();
});
afterEach(() => {
  vi.restoreAllMocks();
  fake.reset();
});

/** Stub Math.random with `next` and count the draws. */
function stubRandom(next: () => number): { draws: () => number } {
  let n = 0;
  vi.spyOn(Math, "random").mockImplementation(() => {
    n++;
    return next();
  });
  return { draws: () => n };
}

async function calibrate(pattern: Pattern, calls: number, maxAttempts = 3): Promise<{ sdk: CallRecord[]; model: CallRecord[] }> {
  fake.setPattern(pattern);
  const stub = stubRandom(() => 0);
  const sdk = await runSdk(makeClient(fake.url, maxAttempts, agent), calls);
  const retries = sdk.reduce((s, c) => s + c.attempts - 1, 0);
  // Every Math.random call in the SDK process was a backoff draw (one per retry).
  expect(stub.draws()).toBe(retries);
  // The server saw the same attempt counts (amz-sdk-request: attempt=N; max=M) as $metadata says.
  expect(serverAttempts()).toEqual(sdk.map((c) => c.attempts));
  expect(fake.requests.every((r) => r.max === maxAttempts)).toBe(true);
  const model = runModel(createRetryModel("standard", maxAttempts, "sdk-v3"), pattern, calls, new ReplayRandom(() => 0), maxAttempts);
  return { sdk, model };
}

/** Attempts per call as the server saw them (max attempt number per operation). */
function serverAttempts(): number[] {
  const per: number[] = [];
  for (const r of fake.requests) per[r.op] = Math.max(per[r.op] ?? 0, r.attempt);
  return per;
}

describe("SDK generation", () => {
  it("the installed @smithy/core runs the 2026 retry constants", () => {
    expect(Retry.v2026).toBe(true);
    expect([Retry.delay(), Retry.throttlingDelay(), Retry.cost(), Retry.throttlingCost()]).toEqual([50, 1000, 14, 5]);
  });
});

describe("calibration: retry budget against a real KMSClient", () => {
  it("always throttled, 80 calls: 50 calls get 3 attempts, the last 30 fail after 1", async () => {
    const { sdk, model } = await calibrate(() => "throttle", 80);
    expect(sdk.map((c) => c.attempts)).toEqual(model.map((c) => c.attempts));
    expect(sdk.every((c) => c.failed && c.errorName === "ThrottlingException")).toBe(true);
    expect(sdk.map((c) => c.capacityAfter)).toEqual(model.map((c) => c.capacityAfter));
    const oneAttempt = (r: CallRecord[]): number => r.filter((c) => c.attempts === 1).length;
    expect(oneAttempt(sdk)).toBe(30);
    expect(oneAttempt(model)).toBe(30);
    expect(sdk.slice(0, 50).every((c) => c.attempts === 3)).toBe(true);
  });

  it("every other request throttled: 2 attempts per call, budget stays full", async () => {
    const { sdk, model } = await calibrate((r) => (r.index % 2 === 0 ? "throttle" : "ok"), 20);
    expect(sdk).toEqual(model);
    expect(sdk.every((c) => c.attempts === 2 && !c.failed && c.capacityAfter === 500)).toBe(true);
  });

  it("every other call throttled throughout: refunds of 1 cannot keep up, identical budget path", async () => {
    const { sdk, model } = await calibrate((r) => (r.op % 2 === 0 ? "throttle" : "ok"), 130);
    expect(sdk).toEqual(model);
    // The budget ran out: some throttled calls got fewer than 3 attempts.
    expect(sdk.some((c) => c.failed && c.attempts < 3)).toBe(true);
  });

  it("throttled twice then success: the success refunds the last retry's cost (net -5 per call)", async () => {
    const { sdk, model } = await calibrate((r) => (r.attempt <= 2 ? "throttle" : "ok"), 104);
    expect(sdk).toEqual(model);
    expect(sdk[0]).toMatchObject({ attempts: 3, failed: false, capacityAfter: 495 });
    expect(sdk.slice(0, 99).every((c) => c.attempts === 3 && !c.failed)).toBe(true);
    // Capacity 5 -> one retry -> refused at the second throttle; then 0: one attempt forever.
    expect(sdk.slice(99).map((c) => c.attempts)).toEqual(model.slice(99).map((c) => c.attempts));
  });

  it("the first 160 requests throttled, then healthy: budget refills by 1 per success", async () => {
    const { sdk, model } = await calibrate((r) => (r.index < 160 ? "throttle" : "ok"), 80);
    expect(sdk).toEqual(model);
    expect(sdk.at(-1)).toMatchObject({ attempts: 1, failed: false, capacityAfter: 20 });
  });

  it("maxAttempts 5 and 1", async () => {
    const five = await calibrate(() => "throttle", 30, 5);
    expect(five.sdk).toEqual(five.model);
    expect(five.sdk.filter((c) => c.attempts === 5)).toHaveLength(25);
    fake.reset();
    vi.restoreAllMocks();
    const one = await calibrate(() => "throttle", 5, 1);
    expect(one.sdk).toEqual(one.model);
    expect(one.sdk.every((c) => c.attempts === 1 && c.capacityAfter === 500)).toBe(true);
  });

  it("HTTP 503 twice then success: transient, cost 14, refund 14", async () => {
    const { sdk, model } = await calibrate((r) => (r.attempt <= 2 ? "unavailable" : "ok"), 3);
    expect(sdk).toEqual(model);
    expect(sdk.map((c) => c.capacityAfter)).toEqual([486, 472, 458]);
  });

  it("KMSInvalidStateException: one attempt, budget untouched", async () => {
    const { sdk, model } = await calibrate(() => "invalid-state", 3);
    expect(sdk).toEqual(model);
    expect(sdk.every((c) => c.attempts === 1 && c.errorName === "KMSInvalidStateException" && c.capacityAfter === 500)).toBe(true);
  });
});

describe("calibration: backoff delays against a real KMSClient", () => {
  it("throttled retries record exactly the model's delays for the same uniforms", async () => {
    // Two real-size draws, then small ones (real possible draws) to keep the wall time short.
    const seeded = Random.stream(2, "calibration");
    const uniforms = [0.999, 0.5004, 0.0004, 0.0005];
    for (let i = 0; i < 10; i++) uniforms.push(seeded.next() * 0.05);
    let i = 0;
    fake.setPattern((r) => (r.attempt <= 2 ? "throttle" : "ok"));
    const stub = stubRandom(() => uniforms[i++]);
    const sdk = await runSdk(makeClient(fake.url, 3, agent), 4);
    fake.setPattern(() => "throttle");
    sdk.push(...(await runSdk(makeClient(fake.url, 3, agent), 3)));
    expect(stub.draws()).toBe(14);
    let j = 0;
    const throttleTwice: Pattern = (r) => (r.attempt <= 2 ? "throttle" : "ok");
    const rng = new ReplayRandom(() => uniforms[j++]);
    const model = runModel(createRetryModel("standard", 3, "sdk-v3"), throttleTwice, 4, rng, 3);
    model.push(...runModel(createRetryModel("standard", 3, "sdk-v3"), () => "throttle", 3, rng, 3));
    expect(sdk.map((c) => c.totalRetryDelayMs)).toEqual(model.map((c) => c.totalRetryDelayMs));
    // 2026 formula: floor(0.999 * 1000) + floor(0.5004 * 2000) = 999 + 1000; floor(0.4) + floor(1.0) = 0 + 1.
    expect(sdk.slice(0, 2).map((c) => c.totalRetryDelayMs)).toEqual([1999, 1]);
  });

  it("transient (503) retries use the 50 ms base", async () => {
    const uniforms = [0.5, 0.999, 0.02, 0.75];
    let i = 0;
    fake.setPattern((r) => (r.attempt <= 2 ? "unavailable" : "ok"));
    stubRandom(() => uniforms[i++]);
    const sdk = await runSdk(makeClient(fake.url, 3, agent), 2);
    let j = 0;
    const model = runModel(createRetryModel("standard", 3, "sdk-v3"), (r) => (r.attempt <= 2 ? "unavailable" : "ok"), 2, new ReplayRandom(() => uniforms[j++]), 3);
    expect(sdk.map((c) => c.totalRetryDelayMs)).toEqual(model.map((c) => c.totalRetryDelayMs));
    expect(sdk.map((c) => c.totalRetryDelayMs)).toEqual([25 + 99, 1 + 75]);
  });
});

describe("calibration: the SDK's errors classify as the model assumes", () => {
  it.each([
    ["throttle", ErrorClass.Throttling, "ThrottlingException", 400],
    ["unavailable", ErrorClass.Transient, "ServiceUnavailable", 503],
    ["invalid-state", ErrorClass.ClientError, "KMSInvalidStateException", 400],
  ] as const)("%s -> class %i", async (reply, cls, name, status) => {
    fake.setPattern(() => reply);
    const client = makeClient(fake.url, 1, agent);
    const err = await client.send(new (await import("@aws-sdk/client-kms")).GenerateDataKeyCommand({ KeyId: "k" })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name, $metadata: { httpStatusCode: status, attempts: 1 } });
    expect(classifyError(err)).toBe(cls);
  });
});
