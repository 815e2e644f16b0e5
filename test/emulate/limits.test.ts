/**
 * The emulator's bounds (src/emulate/limits.ts), each one provoked: oversized bodies refused as
 * they stream in, the body budget, header / request / idle timeouts, the connection cap, admin
 * input checked by schema, KMS's resource quotas, and counters whose keys cannot grow without end.
 */
import { CreateAliasCommand, CreateKeyCommand, EncryptCommand, TagResourceCommand, type KMSClient } from "@aws-sdk/client-kms";
import { afterEach, describe, expect, it } from "vitest";
import { HIGH_ATTEMPTS, UNKNOWN_OPERATION } from "../../src/emulate/EmulatorCounters.js";
import { startEmulator, type RunningEmulator } from "../../src/emulate/index.js";
import { MAX_ALIASES_PER_KEY, MAX_CUSTOM_KEY_STORES, MAX_TAGS_PER_KEY } from "../../src/emulate/limits.js";
import { limitsFromArgs, type EmulateArgs } from "../../src/cli/commands/emulate.js";
import { UsageError } from "../../src/errors.js";
import { closed, kmsClient, kmsHeaders, openSocket, rawRequest, streamUpload } from "./support.js";

let emu: RunningEmulator | undefined;
let kms: KMSClient | undefined;
afterEach(async () => {
  kms?.destroy();
  await emu?.close();
  emu = kms = undefined;
});

async function failure(p: Promise<unknown>): Promise<any> {
  return p.then(
    () => {
      throw new Error("Expected the call to fail");
    },
    (e: unknown) => e,
  );
}

const MiB = 1024 * 1024;

describe("request bodies", () => {
  it.each<[string, { chunked: boolean; expectContinue?: boolean }]>([
    ["Content-Length 10 MB", { chunked: false }],
    ["chunked 10 MB", { chunked: true }],
    ["Content-Length 10 MB with Expect: 100-continue", { chunked: false, expectContinue: true }],
  ])("%s: 413 RequestEntityTooLargeException long before the body is sent, connection closed", async (_what, opts) => {
    emu = await startEmulator({});
    const out = await streamUpload(emu.url, 10 * 1000 * 1000, opts);
    expect([out.status, out.errorType]).toEqual([413, "RequestEntityTooLargeException"]);
    // The client stops when the answer comes: what it sent is what the kernel buffers took, not 10 MB.
    expect(out.sentBytes).toBeLessThan(8 * MiB);
    if (opts.expectContinue) expect(out.sentBytes).toBe(0); // refused before "100 Continue"
    expect(emu.stats().rejected.bodyTooLarge).toBe(1);
    expect(emu.stats().requests).toBe(0);
  });

  it("a body at the limit is served; one byte more is refused", async () => {
    emu = await startEmulator({ maxBodyBytes: 2048 });
    const frame = JSON.stringify({ Limit: 10, pad: "" }).length;
    const body = (n: number) => JSON.stringify({ Limit: 10, pad: "x".repeat(n - frame) }); // the responder ignores "pad"
    expect(body(2048)).toHaveLength(2048);
    const headers = kmsHeaders("TrentService.ListKeys");
    const atLimit = await rawRequest(emu.url, { headers, body: body(2048) });
    expect(atLimit.status).toBe(200);
    const over = await rawRequest(emu.url, { headers, body: body(2049) });
    expect([over.status, over.errorType, over.connection]).toEqual([413, "RequestEntityTooLargeException", "close"]);
  });

  it("a chunked body is cut off at the limit while it streams (bytes counted, not Content-Length)", async () => {
    emu = await startEmulator({ maxBodyBytes: 100 * 1024 });
    const out = await streamUpload(emu.url, 3 * MiB, { chunked: true });
    expect(out.status).toBe(413);
    expect(emu.stats().rejected.bodyTooLarge).toBe(1);
  });

  it("bodies beyond the shared budget get 503 ServiceUnavailableException (retryable), others are served", async () => {
    emu = await startEmulator({ maxBodyBytes: 256 * 1024, bodyBudgetBytes: 300 * 1024 });
    // Two slow uploads of 200 KiB each: the second cannot fit while the first is held.
    const { port } = new URL(emu.url);
    const hold = await openSocket(emu.url, `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.ListKeys\r\nContent-Length: ${250 * 1024}\r\n\r\n${"x".repeat(200 * 1024)}`);
    await new Promise((r) => setTimeout(r, 200));
    const second = await streamUpload(`http://127.0.0.1:${port}`, 200 * 1024, { chunked: false, target: "TrentService.ListKeys" });
    expect([second.status, second.errorType]).toEqual([503, "ServiceUnavailableException"]);
    expect(emu.stats().rejected.bodyBudget).toBe(1);
    hold.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const small = await rawRequest(emu.url, { headers: kmsHeaders("TrentService.ListKeys"), body: "{}" });
    expect(small.status).toBe(200); // the held bytes were given back when that connection went away
  });
});

describe("connections", () => {
  it("a connection that never sends a request, or stops halfway, gets 408 and is closed after the headers / request timeout", async () => {
    emu = await startEmulator({ headersTimeoutMs: 600, requestTimeoutMs: 900, idleTimeoutMs: 60_000 });
    const t0 = Date.now();
    const silent = await openSocket(emu.url);
    const halfHeaders = await openSocket(emu.url, "POST / HTTP/1.1\r\nHost: x\r\n");
    const halfBody = await openSocket(emu.url, `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.ListKeys\r\nContent-Length: 100\r\n\r\n{"Li`);
    const [a, b, c] = await Promise.all([closed(silent), closed(halfHeaders), closed(halfBody)]);
    for (const got of [a, b, c]) expect(got).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - t0).toBeLessThan(10_000); // closed by the server, not by the test's own timeout
    expect(emu.stats().openConnections).toBe(0);
  });

  it("an idle keep-alive connection is closed after the idle timeout; good requests are still served", async () => {
    emu = await startEmulator({ idleTimeoutMs: 300 });
    const s = await openSocket(emu.url, `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.ListKeys\r\nContent-Length: 2\r\n\r\n{}`);
    const got = await closed(s);
    expect(got).toMatch(/^HTTP\/1\.1 200/);
    kms = kmsClient(emu.url);
    await kms.send(new CreateKeyCommand({}));
    expect(emu.stats().openConnections).toBe(1);
    await new Promise((r) => setTimeout(r, 2000)); // Node closes idle connections 1 s after the advertised timeout
    expect(emu.stats().openConnections).toBe(0); // the SDK's own idle socket was closed too
    const again = await kms.send(new CreateKeyCommand({})); // and it connects again, in one attempt
    expect(again.$metadata.attempts).toBe(1);
  });

  it("connections beyond maxConnections are closed on accept and counted; freed slots serve again", async () => {
    emu = await startEmulator({ maxConnections: 3, headersTimeoutMs: 500, requestTimeoutMs: 500 });
    const held = await Promise.all([0, 1, 2].map(() => openSocket(emu!.url)));
    await new Promise((r) => setTimeout(r, 50));
    const extra = await openSocket(emu.url);
    expect(await closed(extra)).toBe(""); // dropped without an answer
    expect(emu.stats().rejected.connectionCap).toBe(1);
    await Promise.all(held.map(closed)); // the headers timeout frees the slots
    const r = await rawRequest(emu.url, { headers: kmsHeaders("TrentService.ListKeys"), body: "{}" });
    expect(r.status).toBe(200);
  });

  it("rejects limits that are not positive integers, and a headers timeout above the request timeout", async () => {
    await expect(startEmulator({ maxBodyBytes: 0 })).rejects.toThrow(TypeError);
    await expect(startEmulator({ idleTimeoutMs: 1.5 })).rejects.toThrow(TypeError);
    await expect(startEmulator({ headersTimeoutMs: 5000, requestTimeoutMs: 1000 })).rejects.toThrow(/headersTimeoutMs/);
  });
});

describe("admin API input", () => {
  const put = (url: string, body: string) => rawRequest(url, { method: "PUT", path: "/__kmsplan/quotas", headers: { "content-type": "application/json" }, body });

  it("PUT /__kmsplan/quotas refuses keyPairPerSec: [1, 2] with 400 and a message, and creates no pools", async () => {
    emu = await startEmulator({});
    const r = await put(emu.url, '{"keyPairPerSec": [1, 2]}');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).message).toBe("keyPairPerSec: expected a mapping, got a list of 2");
    const q = JSON.parse((await rawRequest(emu.url, { method: "GET", path: "/__kmsplan/quotas" })).body);
    expect(Object.keys(q.keyPairPerSec)).not.toContain("0");
    expect(emu.stats().pools.map((p) => p.pool)).toEqual(["symmetric"]);
  });

  it.each([
    ['{"keyPairPerSec": {"RSA_9999": 1}}', /keyPairPerSec: unknown key\(s\) RSA_9999/],
    ['{"symmetricPerSec": "100"}', /symmetricPerSec: expected a number, got "100"/],
    ['{"symmetricPerSec": -1}', /symmetricPerSec: expected a number >= 0, got -1/],
    ['{"symmetricPerSec": 1e300}', /symmetricPerSec: expected a number <= /],
    ['{"symetricPerSec": 5}', /unknown key\(s\) symetricPerSec/],
    ["[1]", /expected a mapping/],
    ["{nope", /expected a JSON body/],
  ])("PUT %s -> 400 %s", async (body, message) => {
    emu = await startEmulator({});
    const r = await put(emu.url, body);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).message).toMatch(message);
  });

  it("a valid patch is applied (key-pair quotas by spec); other routes check method and body", async () => {
    emu = await startEmulator({});
    const r = await put(emu.url, '{"symmetricPerSec": 7, "keyPairPerSec": {"RSA_2048": 3}}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ symmetricPerSec: 7, keyPairPerSec: { RSA_2048: 3, ECC_NIST_P256: 100 } });
    const wrongMethod = await fetch(`${emu.url}/__kmsplan/stats`, { method: "POST" });
    expect([wrongMethod.status, wrongMethod.headers.get("allow")]).toEqual([405, "GET"]);
    const resetWithJunk = await rawRequest(emu.url, { path: "/__kmsplan/reset", headers: {}, body: '{"all": true}' });
    expect(resetWithJunk.status).toBe(400);
    expect((await rawRequest(emu.url, { method: "GET", path: "/__kmsplan/nope" })).status).toBe(404);
  });

  it("quotas given in-process are checked by the same schema (TypeError)", async () => {
    await expect(startEmulator({ quotas: { keyPairPerSec: [1, 2] as never } })).rejects.toThrow(TypeError);
    emu = await startEmulator({});
    expect(() => emu!.setQuotas({ symmetricPerSec: Number.NaN })).toThrow(TypeError);
  });
});

describe("KMS resource quotas", () => {
  it("tags: at most 50 per key, key 1-128 and value 0-256 characters (TagException)", async () => {
    emu = await startEmulator({});
    kms = kmsClient(emu.url);
    const tags = (n: number, prefix = "t") => Array.from({ length: n }, (_, i) => ({ TagKey: `${prefix}${i}`, TagValue: "v" }));
    expect((await failure(kms.send(new CreateKeyCommand({ Tags: tags(MAX_TAGS_PER_KEY + 1) })))).name).toBe("TagException");
    const key = (await kms.send(new CreateKeyCommand({ Tags: tags(MAX_TAGS_PER_KEY - 1) }))).KeyMetadata!.KeyId!;
    await kms.send(new TagResourceCommand({ KeyId: key, Tags: tags(1, "t") })); // t0 again: replaces, still 49
    await kms.send(new TagResourceCommand({ KeyId: key, Tags: tags(1, "u") })); // 50
    expect((await failure(kms.send(new TagResourceCommand({ KeyId: key, Tags: tags(1, "w") })))).name).toBe("TagException");
    expect((await failure(kms.send(new CreateKeyCommand({ Tags: [{ TagKey: "k".repeat(129), TagValue: "" }] })))).name).toBe("TagException");
    expect((await failure(kms.send(new CreateKeyCommand({ Description: "d".repeat(8193) })))).name).toBe("ValidationException");
  });

  it("aliases: at most 50 per key (LimitExceededException, which the SDK would retry: one attempt here)", async () => {
    emu = await startEmulator({});
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    for (let i = 0; i < MAX_ALIASES_PER_KEY; i++) await kms.send(new CreateAliasCommand({ AliasName: `alias/a${i}`, TargetKeyId: key }));
    const err = await failure(kms.send(new CreateAliasCommand({ AliasName: "alias/one-too-many", TargetKeyId: key })));
    expect(err.name).toBe("LimitExceededException");
  });

  it("custom key stores: an 11th store id names none (CustomKeyStoreNotFoundException)", async () => {
    emu = await startEmulator({});
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    for (let i = 0; i < MAX_CUSTOM_KEY_STORES; i++) await kms.send(new CreateKeyCommand({ CustomKeyStoreId: `cks-${i}` }));
    await kms.send(new CreateKeyCommand({ CustomKeyStoreId: "cks-0" })); // a known store takes more keys
    expect((await failure(kms.send(new CreateKeyCommand({ CustomKeyStoreId: "cks-new" })))).name).toBe("CustomKeyStoreNotFoundException");
  });

  it("GenerateDataKeyPair with a KeyPairSpec KMS does not have is a ValidationException and creates no pool", async () => {
    emu = await startEmulator({ upstream: "http://127.0.0.1:1" }); // upstream mode: the resolver runs before forwarding
    for (const spec of ["RSA_1", "x".repeat(300), 42]) {
      const r = await rawRequest(emu.url, { headers: kmsHeaders("TrentService.GenerateDataKeyPair"), body: JSON.stringify({ KeyId: "k", KeyPairSpec: spec }) });
      expect([r.status, r.errorType]).toEqual([400, "ValidationException"]);
    }
    expect(emu.stats().pools.map((p) => p.pool)).toEqual(["symmetric"]);
  });
});

describe("counters with hostile keys", () => {
  it("unknown operation names share one bucket; attempt numbers above 100 share one", async () => {
    emu = await startEmulator({});
    for (let i = 0; i < 300; i++) {
      await rawRequest(emu.url, { headers: { ...kmsHeaders(`TrentService.Op${i}`), "amz-sdk-request": `attempt=${i + 1}; max=1000` }, body: "{}" });
    }
    const s = emu.stats();
    expect(Object.keys(s.byOperation)).toEqual([UNKNOWN_OPERATION]);
    expect(s.byOperation[UNKNOWN_OPERATION]).toEqual({ requests: 300, throttled: 0 });
    expect(Object.keys(s.attempts)).toHaveLength(101);
    expect(Object.keys(s.attempts).at(-1)).toBe(HIGH_ATTEMPTS);
    expect(s.attempts[HIGH_ATTEMPTS]).toBe(200);
    kms = kmsClient(emu.url);
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new EncryptCommand({ KeyId: key, Plaintext: Buffer.from("still served") }));
    expect(emu.stats().byOperation.Encrypt).toEqual({ requests: 1, throttled: 0 });
  });
});

describe("kmsplan emulate limit flags", () => {
  const args = (over: Partial<EmulateArgs>): EmulateArgs => ({
    port: 0,
    latency: false,
    headersTimeoutSeconds: 10,
    requestTimeoutSeconds: 30,
    idleTimeoutSeconds: 65,
    maxConnections: 4096,
    maxBodyBytes: 1048576,
    ...over,
  });
  it("turn seconds into the emulator's milliseconds", () => {
    expect(limitsFromArgs(args({ headersTimeoutSeconds: 0.5, idleTimeoutSeconds: 2 }))).toEqual({
      headersTimeoutMs: 500,
      requestTimeoutMs: 30_000,
      idleTimeoutMs: 2000,
      maxConnections: 4096,
      maxBodyBytes: 1048576,
    });
  });
  it.each<[Partial<EmulateArgs>, RegExp]>([
    [{ maxBodyBytes: 0 }, /--max-body-bytes must be a positive integer/],
    [{ maxConnections: 1.5 }, /--max-connections must be a positive integer/],
    [{ idleTimeoutSeconds: Number.NaN }, /--idle-timeout-seconds must be a positive number, got NaN/],
    [{ headersTimeoutSeconds: 60 }, /--headers-timeout-seconds \(60\) must not exceed --request-timeout-seconds \(30\)/],
  ])("%j is a usage error (exit 2)", (over, message) => {
    expect(() => limitsFromArgs(args(over))).toThrow(UsageError);
    expect(() => limitsFromArgs(args(over))).toThrow(message);
  });
});
