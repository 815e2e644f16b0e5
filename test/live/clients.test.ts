/**
 * The per-attempt counting middleware and the call observer, against a tiny local fake KMS that
 * throttles with the real wire shape (HTTP 400, x-amzn-ErrorType ThrottlingException; docs/reference.md §2).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GenerateDataKeyCommand } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKmsClient, retryConfig } from "../../src/live/clients.js";
import { LiveCounters } from "../../src/live/LiveCounters.js";
import { adminTimeouts, driveTimeouts } from "../../src/live/timeouts.js";
import { makeScenario } from "../fixtures/scenario.js";

let server: Server;
let url: string;
/** Requests to throttle before answering. */
let throttleNext = 0;
let seen = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      seen++;
      if (throttleNext > 0) {
        throttleNext--;
        res.writeHead(400, { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "ThrottlingException", "x-amz-retry-after": "5" });
        res.end(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }));
        return;
      }
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify({ KeyId: "arn:aws:kms:us-east-1:111122223333:key/k", CiphertextBlob: "AAAA", Plaintext: "AAAA" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const settings = () => ({ region: "us-east-1", kmsEndpoint: url, s3Endpoint: url, credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxSockets: 4, timeouts: driveTimeouts(adminTimeouts()) });

describe("live KMS client counting", () => {
  it("counts every attempt and each throttle by operation; the observer reads $metadata.attempts", async () => {
    const counters = new LiveCounters();
    const kms = createKmsClient(settings(), makeScenario({ clients: { retry: { mode: "standard", maxAttempts: 3, profile: "sdk-v3" } } }), counters);
    throttleNext = 2;
    seen = 0;
    const out = await kms.send(new GenerateDataKeyCommand({ KeyId: "k", KeySpec: "AES_256" }));
    kms.destroy();
    expect(seen).toBe(3);
    expect(out.$metadata.attempts).toBe(3);
    expect(counters.kmsRequests).toBe(3);
    expect(counters.kmsThrottled).toBe(2);
    expect([...counters.kmsByOperation.keys()]).toEqual(["GenerateDataKey"]);
    expect(counters.kmsByOperation.get("GenerateDataKey")).toEqual({ requests: 3, throttled: 2 });
    expect(counters.attemptErrors.get("ThrottlingException")).toBe(2);
    expect(counters.kmsCalls).toBe(1);
    expect(counters.callAttempts).toBe(3);
    expect(counters.kmsRetries).toBe(2); // from the SDK's amz-sdk-request header, attempt by attempt
    expect(counters.failedAfterOneAttempt).toBe(0);
    expect(counters.retryDelayMs).toBe(out.$metadata.totalRetryDelay);
    expect(counters.retryDelayMs).toBeGreaterThan(0);
  });

  it("retry mode off = 1 attempt: a throttled call fails after one attempt and is counted so", async () => {
    const counters = new LiveCounters();
    const kms = createKmsClient(settings(), makeScenario({ clients: { retry: { mode: "off", maxAttempts: 3, profile: "sdk-v3" } } }), counters);
    throttleNext = 1;
    seen = 0;
    await expect(kms.send(new GenerateDataKeyCommand({ KeyId: "k", KeySpec: "AES_256" }))).rejects.toMatchObject({ name: "ThrottlingException" });
    kms.destroy();
    expect(seen).toBe(1);
    expect(counters.kmsRequests).toBe(1);
    expect(counters.kmsThrottled).toBe(1);
    expect(counters.failedAfterOneAttempt).toBe(1);
  });

  it.each([
    ["standard", 3, { maxAttempts: 3, retryMode: "standard" }],
    ["adaptive", 5, { maxAttempts: 5, retryMode: "adaptive" }],
    ["off", 3, { maxAttempts: 1, retryMode: "standard" }],
  ] as const)("retry mode %s, maxAttempts %i -> %o", (mode, maxAttempts, expected) => {
    expect(retryConfig(makeScenario({ clients: { retry: { mode, maxAttempts, profile: "sdk-v3" } } }))).toEqual(expected);
  });
});
