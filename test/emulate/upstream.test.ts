import { CreateKeyCommand, DecryptCommand, GenerateDataKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { afterEach, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulate/index.js";
import { describeMoto } from "../support/moto.js";
import { fastRetries, kmsClient, manualClock } from "./support.js";

describeMoto("emulator in front of moto_server (upstream mode)", (moto) => {
  let emu: RunningEmulator | undefined;
  let kms: KMSClient | undefined;
  afterEach(async () => {
    kms?.destroy();
    await emu?.close();
    emu = undefined;
  });

  it("CreateKey / GenerateDataKey / Decrypt round-trip through the emulator", async () => {
    emu = await startEmulator({ upstream: moto() });
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    const key = (await kms.send(new CreateKeyCommand({ Description: "via emulator" }))).KeyMetadata!;
    expect(key.Arn).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
    const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: "AES_256", EncryptionContext: { t: "1" } }));
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { t: "1" } }));
    expect(Buffer.from(dec.Plaintext!).equals(Buffer.from(dk.Plaintext!))).toBe(true);
    const wrong: any = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { t: "2" } })).catch((e) => e);
    expect(wrong.name).toBe("InvalidCiphertextException");
    expect(emu.stats().byOperation).toMatchObject({ CreateKey: { requests: 1 }, GenerateDataKey: { requests: 1 }, Decrypt: { requests: 2 } });
  });

  it("throttling applies in front of moto (throttled requests never reach it)", async () => {
    const clock = manualClock();
    emu = await startEmulator({ upstream: moto(), quotas: { symmetricPerSec: 2 }, now: clock.now });
    kms = kmsClient(emu.url, { retryStrategy: fastRetries(3) });
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await kms.send(new GenerateDataKeyCommand({ KeyId: key, NumberOfBytes: 32 })).then(() => "ok", (e) => `${e.name}/${e.$metadata.attempts}`));
    }
    expect(outcomes).toEqual(["ok", "ok", "ThrottlingException/3", "ThrottlingException/3"]);
    expect(emu.stats()).toMatchObject({ requests: 1 + 2 + 6, throttled: 6, pools: [{ pool: "symmetric", requests: 8, throttled: 6 }] });
  });

  it("learns key specs from CreateKey answers: an HMAC key's GenerateMac draws from symmetric, RSA from rsa", async () => {
    const clock = manualClock();
    emu = await startEmulator({ upstream: moto(), quotas: { symmetricPerSec: 100, rsaPerSec: 1 }, now: clock.now });
    kms = kmsClient(emu.url, { maxAttempts: 1 });
    const rsa = (await kms.send(new CreateKeyCommand({ KeySpec: "RSA_2048", KeyUsage: "ENCRYPT_DECRYPT" }))).KeyMetadata!.KeyId!;
    const sym = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new GenerateDataKeyCommand({ KeyId: sym, NumberOfBytes: 32 }));
    // moto lets GenerateDataKey run on RSA keys (a moto gap); what matters here is the pool.
    await kms.send(new GenerateDataKeyCommand({ KeyId: rsa, NumberOfBytes: 32 })).catch(() => undefined);
    const second: any = await kms.send(new GenerateDataKeyCommand({ KeyId: rsa, NumberOfBytes: 32 })).catch((e) => e);
    expect(second.name).toBe("ThrottlingException");
    const pools = Object.fromEntries(emu.stats().pools.map((p) => [p.pool, [p.requests, p.throttled]]));
    expect(pools).toEqual({ symmetric: [1, 0], rsa: [2, 1] });
  });
});
