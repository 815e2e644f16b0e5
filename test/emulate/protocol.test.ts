/**
 * Conformance with KMS's AWS JSON 1.1 protocol for requests that are not well-formed KMS calls
 * (docs/reference.md §2, protocol errors): unknown operations, stray spaces in X-Amz-Target,
 * methods, paths and content types KMS does not serve, and base64 with junk in it.
 */
import { CreateKeyCommand, DecryptCommand, EncryptCommand, type KMSClient } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KMS_OPERATIONS, SERVICE_QUOTAS_OPERATIONS } from "../../src/emulate/operations.js";
import { startEmulator, type RunningEmulator } from "../../src/emulate/index.js";
import { kmsClient, kmsHeaders, rawRequest } from "./support.js";

let emu: RunningEmulator;
let kms: KMSClient;
let keyId: string;

beforeAll(async () => {
  emu = await startEmulator({ quotas: { symmetricPerSec: 1000 } });
  kms = kmsClient(emu.url);
  keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
});
afterAll(async () => {
  kms.destroy();
  await emu.close();
});

describe("unknown operations", () => {
  it("answer 400 UnknownOperationException in header and body, as an AWS JSON 1.1 service does", async () => {
    const r = await rawRequest(emu.url, { headers: kmsHeaders("TrentService.NoSuchOperation"), body: "{}" });
    expect(r.status).toBe(400);
    expect(r.errorType).toBe("UnknownOperationException");
    expect(JSON.parse(r.body)).toMatchObject({ __type: "UnknownOperationException" });
    expect(r.body).not.toContain("NoSuchOperation"); // the caller's text is never echoed
  });

  it.each([
    ["interior space", "TrentService. Encrypt"],
    ["space before the dot", "TrentService .Encrypt"],
    ["wrong case", "TrentService.encrypt"],
    ["tab inside", "TrentService.En\tcrypt"],
    ["two targets", "TrentService.Encrypt, TrentService.Decrypt"],
    ["prototype name", "TrentService.__proto__"],
    ["constructor", "TrentService.constructor"],
    ["another service", "DynamoDB_20120810.ListTables"],
    ["unknown Service Quotas operation", "ServiceQuotasV20190624.NoSuchOperation"],
  ])("X-Amz-Target with %s (%j) names no operation: 400 UnknownOperationException", async (_what, target) => {
    const r = await rawRequest(emu.url, { headers: kmsHeaders(target), body: JSON.stringify({ KeyId: keyId, Plaintext: "AAAA" }) });
    expect([r.status, r.errorType]).toEqual([400, "UnknownOperationException"]);
  });

  it("leading and trailing spaces are not part of a header value (RFC 9110 §5.5): the call is served", async () => {
    const r = await rawRequest(emu.url, { headers: kmsHeaders("  TrentService.Encrypt \t"), body: JSON.stringify({ KeyId: keyId, Plaintext: "AAAA" }) });
    expect(r.status).toBe(200);
  });

  it("a KMS operation the emulator does not implement is UnsupportedOperationException, not unknown", async () => {
    const r = await rawRequest(emu.url, { headers: kmsHeaders("TrentService.Sign"), body: "{}" });
    expect([r.status, r.errorType]).toEqual([400, "UnsupportedOperationException"]);
    expect(KMS_OPERATIONS.has("Sign")).toBe(true);
  });

  it("the real SDK sees UnknownOperationException by name, as a client error, after one attempt", async () => {
    const renamed = kmsClient(emu.url);
    renamed.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-amz-target"] = "TrentService.EncryptV2";
        return next(args);
      },
      { step: "build", name: "renameOperation" },
    );
    try {
      const err: any = await renamed.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("x") })).then(() => null, (e: unknown) => e);
      expect(err?.name).toBe("UnknownOperationException");
      expect(err.$fault).toBe("client");
      expect(err.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    } finally {
      renamed.destroy();
    }
  });
});

describe("requests that are not POST / with the JSON 1.1 content type", () => {
  it.each([
    ["PUT /", { method: "PUT", headers: kmsHeaders("TrentService.ListKeys"), body: "{}" }],
    ["GET /", { method: "GET", headers: kmsHeaders("TrentService.ListKeys") }],
    ["DELETE /", { method: "DELETE", headers: kmsHeaders("TrentService.ListKeys") }],
    ["POST /other", { path: "/other", headers: kmsHeaders("TrentService.ListKeys"), body: "{}" }],
    ["POST /?x=1", { path: "/?x=1", headers: kmsHeaders("TrentService.ListKeys"), body: "{}" }],
    ["no content type", { headers: { "x-amz-target": "TrentService.ListKeys" }, body: "{}" }],
    ["JSON 1.0", { headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "TrentService.ListKeys" }, body: "{}" }],
    ["application/json", { headers: { "content-type": "application/json", "x-amz-target": "TrentService.ListKeys" }, body: "{}" }],
    ["a form (awsQuery, e.g. STS)", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=GetCallerIdentity" }],
    ["no X-Amz-Target", { headers: { "content-type": "application/x-amz-json-1.1" }, body: "{}" }],
  ])("%s: 404 UnknownOperationException, nothing served", async (_what, init) => {
    const before = emu.stats().requests;
    const r = await rawRequest(emu.url, init);
    expect([r.status, r.errorType]).toEqual([404, "UnknownOperationException"]);
    expect(JSON.parse(r.body)).toMatchObject({ __type: "UnknownOperationException" });
    expect(emu.stats().requests).toBe(before); // not counted as a KMS request
  });

  it("the content type's parameters and case do not matter (RFC 9110 §8.3.1)", async () => {
    const r = await rawRequest(emu.url, { headers: { "content-type": "Application/X-Amz-Json-1.1; charset=utf-8", "x-amz-target": "TrentService.ListKeys" }, body: "{}" });
    expect(r.status).toBe(200);
  });

  it("refusals are counted by reason", async () => {
    emu.reset();
    await rawRequest(emu.url, { method: "PUT", headers: kmsHeaders("TrentService.ListKeys"), body: "{}" });
    await rawRequest(emu.url, { headers: { "content-type": "application/x-amz-json-1.1" }, body: "{}" });
    expect(emu.stats().rejected).toMatchObject({ notJson11: 1, missingTarget: 1 });
  });
});

describe("base64 blobs", () => {
  it.each([
    ["junk characters", (b: string) => `${b.slice(0, 8)}!!${b.slice(8)}`],
    ["a space", (b: string) => `${b.slice(0, 8)} ${b.slice(8)}`],
    ["a newline", (b: string) => `${b.slice(0, 8)}\n${b.slice(8)}`],
    ["missing padding", (b: string) => b.replace(/=+$/, "")],
    ["URL-safe alphabet", (b: string) => b.replace(/\+/g, "-").replace(/\//g, "_")],
    ["padding in the middle", (b: string) => `${b.slice(0, 4)}====${b.slice(4)}`],
  ])("a CiphertextBlob with %s is SerializationException (400), not decoded around the junk", async (_what, spoil) => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("hello") }));
    let blob = Buffer.from(enc.CiphertextBlob!).toString("base64");
    // Make sure every variant differs from the valid text (padding and the URL-safe alphabet need the right characters).
    while (spoil(blob) === blob) blob = Buffer.from((await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("hello") }))).CiphertextBlob!).toString("base64");
    const r = await rawRequest(emu.url, { headers: kmsHeaders("TrentService.Decrypt"), body: JSON.stringify({ CiphertextBlob: spoil(blob) }) });
    expect([r.status, r.errorType]).toEqual([400, "SerializationException"]);
    const ok = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(blob, "base64") }));
    expect(Buffer.from(ok.Plaintext!).toString()).toBe("hello");
  });

  it("an over-long blob is a ValidationException before any base64 work", async () => {
    const r = await rawRequest(emu.url, { headers: kmsHeaders("TrentService.Encrypt"), body: JSON.stringify({ KeyId: keyId, Plaintext: "A".repeat(600_000) }) });
    expect([r.status, r.errorType]).toEqual([400, "ValidationException"]);
  });
});

describe("operation lists", () => {
  it("KMS_OPERATIONS and SERVICE_QUOTAS_OPERATIONS are the pinned SDKs' commands", async () => {
    const commands = (mod: Record<string, unknown>): string[] =>
      Object.keys(mod)
        .filter((k) => k.endsWith("Command") && k !== "Command" && !k.startsWith("$"))
        .map((k) => k.slice(0, -"Command".length))
        .sort();
    expect(commands(await import("@aws-sdk/client-kms"))).toEqual([...KMS_OPERATIONS].sort());
    expect(commands(await import("@aws-sdk/client-service-quotas"))).toEqual([...SERVICE_QUOTAS_OPERATIONS].sort());
  });
});
