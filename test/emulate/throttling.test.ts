import { CreateKeyCommand, DescribeKeyCommand, GenerateDataKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, THROTTLING_MESSAGE, type RunningEmulator } from "../../src/emulate/index.js";
import { makeScenario } from "../fixtures/scenario.js";
import { fastRetries, kmsClient, manualClock } from "./support.js";

let emu: RunningEmulator | undefined;
let kms: KMSClient | undefined;
afterEach(async () => {
  kms?.destroy();
  await emu?.close();
  emu = undefined;
  kms = undefined;
});

async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: any }> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

describe("throttling with the simulator's TokenBucket", () => {
  it("answers the KMS wire shape: 400, x-amzn-ErrorType, request id, exact body", async () => {
    const clock = manualClock();
    emu = await startEmulator({ quotas: { symmetricPerSec: 1 }, now: clock.now });
    kms = kmsClient(emu.url);
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const call = () =>
      fetch(emu!.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.GenerateDataKey" },
        body: JSON.stringify({ KeyId: key, NumberOfBytes: 32 }),
      });
    expect((await call()).status).toBe(200);
    const res = await call();
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(res.headers.get("x-amzn-errortype")).toBe("ThrottlingException");
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ __type: "ThrottlingException", message: THROTTLING_MESSAGE });
  });

  it("5 req/s, burst 1 s, frozen clock: 5 calls pass, the rest are throttled and retried as throttling (3 attempts)", async () => {
    const clock = manualClock(1000);
    emu = await startEmulator({ quotas: { symmetricPerSec: 5 }, throttle: { model: "token-bucket", burstSeconds: 1 }, now: clock.now });
    kms = kmsClient(emu.url, { retryStrategy: fastRetries(3) });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await settle(kms.send(new GenerateDataKeyCommand({ KeyId: key, NumberOfBytes: 32 }))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const failed = results.filter((r) => !r.ok).map((r) => (r as { error: any }).error);
    expect(failed).toHaveLength(3);
    for (const e of failed) {
      expect(e.name).toBe("ThrottlingException");
      expect(e.message).toBe(THROTTLING_MESSAGE);
      expect(e.$metadata.httpStatusCode).toBe(400);
      expect(e.$metadata.attempts).toBe(3);
    }
    const s = emu.stats();
    // 1 CreateKey (never throttled) + 5 accepted + 3 calls x 3 attempts throttled.
    expect(s.requests).toBe(1 + 5 + 9);
    expect(s.throttled).toBe(9);
    expect(s.byOperation).toEqual({ CreateKey: { requests: 1, throttled: 0 }, GenerateDataKey: { requests: 14, throttled: 9 } });
    expect(s.attempts).toEqual({ "1": 1 + 5 + 3, "2": 3, "3": 3 });
    expect(s.pools).toEqual([{ pool: "symmetric", quotaPerSec: 5, requests: 14, throttled: 9 }]);
  });

  it("refills with the injected clock: 200 ms at 5/s gives one more token", async () => {
    const clock = manualClock();
    emu = await startEmulator({ quotas: { symmetricPerSec: 5 }, now: clock.now });
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const gdk = () => settle(kms!.send(new GenerateDataKeyCommand({ KeyId: key, NumberOfBytes: 32 })));
    for (let i = 0; i < 5; i++) expect((await gdk()).ok).toBe(true);
    expect((await gdk()).ok).toBe(false);
    clock.advance(199);
    expect((await gdk()).ok).toBe(false);
    clock.advance(1);
    expect((await gdk()).ok).toBe(true);
    expect((await gdk()).ok).toBe(false);
  });

  it("fixed-window model from the scenario; management calls are never throttled", async () => {
    const clock = manualClock();
    const scenario = makeScenario({ account: { quotas: { symmetricPerSec: 2 }, throttle: { model: "fixed-window", windowMs: 1000 } } as any });
    emu = await startEmulator({ scenario, now: clock.now });
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const gdk = () => settle(kms!.send(new GenerateDataKeyCommand({ KeyId: key, NumberOfBytes: 32 })));
    expect([(await gdk()).ok, (await gdk()).ok, (await gdk()).ok]).toEqual([true, true, false]);
    for (let i = 0; i < 10; i++) await kms.send(new DescribeKeyCommand({ KeyId: key }));
    clock.advance(1000);
    expect([(await gdk()).ok, (await gdk()).ok, (await gdk()).ok]).toEqual([true, true, false]);
    expect(emu.stats().byOperation.DescribeKey).toEqual({ requests: 10, throttled: 0 });
  });

  it("RSA keys draw from the rsa pool, symmetric keys from symmetric (body parsed once keys differ)", async () => {
    const clock = manualClock();
    emu = await startEmulator({ quotas: { symmetricPerSec: 100, rsaPerSec: 1 }, now: clock.now });
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    const sym = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const rsa = (await kms.send(new CreateKeyCommand({ KeySpec: "RSA_2048", KeyUsage: "ENCRYPT_DECRYPT" }))).KeyMetadata!.KeyId!;
    const a = await settle(kms.send(new GenerateDataKeyCommand({ KeyId: rsa, NumberOfBytes: 32 })));
    const b = await settle(kms.send(new GenerateDataKeyCommand({ KeyId: rsa, NumberOfBytes: 32 })));
    // First reaches the responder (RSA keys cannot make data keys), second is throttled by the 1/s rsa pool.
    expect(a.ok ? "ok" : a.error.name).toBe("InvalidKeyUsageException");
    expect(b.ok ? "ok" : b.error.name).toBe("ThrottlingException");
    expect((await settle(kms.send(new GenerateDataKeyCommand({ KeyId: sym, NumberOfBytes: 32 })))).ok).toBe(true);
    const pools = Object.fromEntries(emu.stats().pools.map((p) => [p.pool, p]));
    expect(pools.rsa).toEqual({ pool: "rsa", quotaPerSec: 1, requests: 2, throttled: 1 });
    expect(pools.symmetric).toEqual({ pool: "symmetric", quotaPerSec: 100, requests: 1, throttled: 0 });
  });

  it("a custom key store scenario draws from symmetric and store:0", async () => {
    const clock = manualClock();
    const scenario = makeScenario({ keys: { store: "cloudhsm", stores: 1 } as any, account: { quotas: { symmetricPerSec: 10, customKeyStorePerSec: 2 } } as any });
    emu = await startEmulator({ scenario, now: clock.now });
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const ok = [];
    for (let i = 0; i < 3; i++) ok.push((await settle(kms.send(new GenerateDataKeyCommand({ KeyId: key, NumberOfBytes: 32 })))).ok);
    expect(ok).toEqual([true, true, false]);
    const pools = Object.fromEntries(emu.stats().pools.map((p) => [p.pool, [p.requests, p.throttled]]));
    expect(pools).toEqual({ symmetric: [3, 0], "store:0": [3, 1] });
  });

  it("reset() zeroes counters and refills the bucket; admin API does the same over HTTP", async () => {
    const clock = manualClock();
    emu = await startEmulator({ quotas: { symmetricPerSec: 1 }, now: clock.now });
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const gdk = () => settle(kms!.send(new GenerateDataKeyCommand({ KeyId: key, NumberOfBytes: 32 })));
    expect([(await gdk()).ok, (await gdk()).ok]).toEqual([true, false]);
    emu.reset();
    expect(emu.stats()).toMatchObject({ requests: 0, throttled: 0, byOperation: {}, attempts: {} });
    expect((await gdk()).ok).toBe(true);
    const reset = await fetch(`${emu.url}/__kmsplan/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect((await gdk()).ok).toBe(true);
    const stats = await (await fetch(`${emu.url}/__kmsplan/stats`)).json();
    expect(stats).toMatchObject({ requests: 1, throttled: 0, attempts: { "1": 1 } });
    const put = await fetch(`${emu.url}/__kmsplan/quotas`, { method: "PUT", body: JSON.stringify({ symmetricPerSec: 3 }) });
    expect(((await put.json()) as { symmetricPerSec: number }).symmetricPerSec).toBe(3);
    expect([(await gdk()).ok, (await gdk()).ok, (await gdk()).ok, (await gdk()).ok]).toEqual([true, true, true, false]);
    const badPut = await fetch(`${emu.url}/__kmsplan/quotas`, { method: "PUT", body: JSON.stringify({ symmetric: 3 }) });
    expect(badPut.status).toBe(400);
    expect((await fetch(`${emu.url}/__kmsplan/other`)).status).toBe(404);
  });

  it("with injected latency (lognormal, seeded) answers and throttles the same way", async () => {
    const clock = manualClock();
    emu = await startEmulator({ quotas: { symmetricPerSec: 1 }, now: clock.now, latency: { p50Ms: 2, p99Ms: 5 }, throttledLatency: { p50Ms: 1, p99Ms: 2 }, seed: 7 });
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const a = await settle(kms.send(new GenerateDataKeyCommand({ KeyId: key, NumberOfBytes: 32 })));
    const b = await settle(kms.send(new GenerateDataKeyCommand({ KeyId: key, NumberOfBytes: 32 })));
    expect([a.ok, b.ok ? "ok" : b.error.name]).toEqual([true, "ThrottlingException"]);
  });
});
