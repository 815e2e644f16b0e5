import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateMacCommand,
  GenerateRandomCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  ListResourceTagsCommand,
  VerifyMacCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  CancelKeyDeletionCommand,
} from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulate/index.js";
import { kmsClient } from "./support.js";

/** Run a call expected to fail; returns the error. */
async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("Expected the call to fail");
}

describe("KmsResponder through the real @aws-sdk/client-kms", () => {
  let emu: RunningEmulator;
  let kms: KMSClient;
  let keyArn: string;
  let keyId: string;

  beforeAll(async () => {
    emu = await startEmulator({ accountId: "123456789012", region: "us-east-1" });
    kms = kmsClient(emu.url);
    const created = await kms.send(new CreateKeyCommand({ Description: "test key", Tags: [{ TagKey: "team", TagValue: "a" }] }));
    keyArn = created.KeyMetadata!.Arn!;
    keyId = created.KeyMetadata!.KeyId!;
  });
  afterAll(async () => {
    kms.destroy();
    await emu.close();
  });

  it("CreateKey returns KMS-shaped metadata", async () => {
    const { KeyMetadata: m } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(m).toMatchObject({
      KeyId: keyId,
      Arn: `arn:aws:kms:us-east-1:123456789012:key/${keyId}`,
      AWSAccountId: "123456789012",
      KeyState: "Enabled",
      Enabled: true,
      KeySpec: "SYMMETRIC_DEFAULT",
      KeyUsage: "ENCRYPT_DECRYPT",
      Description: "test key",
      EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
    });
    expect(m!.CreationDate).toBeInstanceOf(Date);
    expect(keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("GenerateDataKey then Decrypt gives the same plaintext, with and without KeyId", async () => {
    const ctx = { tenant: "t-1" };
    const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: "AES_256", EncryptionContext: ctx }));
    expect(dk.Plaintext).toHaveLength(32);
    expect(dk.KeyId).toBe(keyArn);
    const a = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: ctx }));
    const b = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: ctx, KeyId: keyArn }));
    expect(Buffer.from(a.Plaintext!).equals(Buffer.from(dk.Plaintext!))).toBe(true);
    expect(Buffer.from(b.Plaintext!).equals(Buffer.from(dk.Plaintext!))).toBe(true);
    expect(a.KeyId).toBe(keyArn);
    expect(a.EncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT");
  });

  it("GenerateDataKeyWithoutPlaintext and NumberOfBytes / AES_128", async () => {
    const w = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, NumberOfBytes: 64 }));
    expect((w as { Plaintext?: unknown }).Plaintext).toBeUndefined();
    const d = await kms.send(new DecryptCommand({ CiphertextBlob: w.CiphertextBlob }));
    expect(d.Plaintext).toHaveLength(64);
    const k128 = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_128" }));
    expect(k128.Plaintext).toHaveLength(16);
    const both = await failure(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_256", NumberOfBytes: 32 })));
    expect(both.name).toBe("ValidationException");
  });

  it("Encrypt/Decrypt binds the encryption context; a mismatch fails after 1 attempt", async () => {
    const plaintext = Buffer.from("hello kms");
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: { a: "bc" } }));
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { a: "bc" } }));
    expect(Buffer.from(dec.Plaintext!).toString()).toBe("hello kms");
    // {ab: "c"} serialises differently from {a: "bc"} (length-prefixed), unlike moto.
    const wrongContexts: Record<string, string>[] = [{ ab: "c" }, {}, { a: "bc", x: "y" }];
    for (const wrong of wrongContexts) {
      const err = await failure(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: wrong })));
      expect(err.name).toBe("InvalidCiphertextException");
      expect(err.$metadata.httpStatusCode).toBe(400);
      expect(err.$metadata.attempts).toBe(1);
    }
  });

  it("a tampered blob fails with InvalidCiphertextException", async () => {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("x") }));
    const blob = Buffer.from(enc.CiphertextBlob!);
    for (const i of [0, 5, 20, 35, blob.length - 1]) {
      const t = Buffer.from(blob);
      t[i] ^= 1;
      const err = await failure(kms.send(new DecryptCommand({ CiphertextBlob: t })));
      expect(err.name).toBe("InvalidCiphertextException");
    }
  });

  it("ReEncrypt moves a ciphertext to another key and context", async () => {
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("move me"), EncryptionContext: { v: "1" } }));
    const re = await kms.send(
      new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { v: "1" }, DestinationKeyId: other.KeyId, DestinationEncryptionContext: { v: "2" } }),
    );
    expect(re.SourceKeyId).toBe(keyArn);
    expect(re.KeyId).toBe(other.Arn);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { v: "2" } }));
    expect(Buffer.from(dec.Plaintext!).toString()).toBe("move me");
    expect(dec.KeyId).toBe(other.Arn);
    const wrongKey = await failure(kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { v: "2" }, KeyId: keyId })));
    expect(wrongKey.name).toBe("IncorrectKeyException");
  });

  it("GenerateMac / VerifyMac on an HMAC key", async () => {
    const hmac = (await kms.send(new CreateKeyCommand({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" }))).KeyMetadata!;
    expect(hmac.MacAlgorithms).toEqual(["HMAC_SHA_256"]);
    const msg = Buffer.from("message");
    const mac = await kms.send(new GenerateMacCommand({ KeyId: hmac.Arn, Message: msg, MacAlgorithm: "HMAC_SHA_256" }));
    expect(mac.Mac).toHaveLength(32);
    const ok = await kms.send(new VerifyMacCommand({ KeyId: hmac.Arn, Message: msg, MacAlgorithm: "HMAC_SHA_256", Mac: mac.Mac }));
    expect(ok.MacValid).toBe(true);
    const bad = await failure(kms.send(new VerifyMacCommand({ KeyId: hmac.Arn, Message: Buffer.from("other"), MacAlgorithm: "HMAC_SHA_256", Mac: mac.Mac })));
    expect(bad.name).toBe("KMSInvalidMacException");
    const wrongAlg = await failure(kms.send(new GenerateMacCommand({ KeyId: hmac.Arn, Message: msg, MacAlgorithm: "HMAC_SHA_512" })));
    expect(wrongAlg.name).toBe("InvalidKeyUsageException");
    const noUsage = await failure(kms.send(new CreateKeyCommand({ KeySpec: "HMAC_256" })));
    expect(noUsage.name).toBe("ValidationException");
    const encOnHmac = await failure(kms.send(new GenerateDataKeyCommand({ KeyId: hmac.Arn, NumberOfBytes: 32 })));
    expect(encOnHmac.name).toBe("InvalidKeyUsageException");
  });

  it("aliases resolve in DescribeKey, crypto calls and ListAliases", async () => {
    await kms.send(new CreateAliasCommand({ AliasName: "alias/app", TargetKeyId: keyId }));
    for (const id of ["alias/app", "arn:aws:kms:us-east-1:123456789012:alias/app"]) {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: id }));
      expect(KeyMetadata!.KeyId).toBe(keyId);
    }
    const enc = await kms.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: Buffer.from("a") }));
    expect(enc.KeyId).toBe(keyArn);
    const { Aliases } = await kms.send(new ListAliasesCommand({ KeyId: keyId }));
    expect(Aliases).toEqual([expect.objectContaining({ AliasName: "alias/app", TargetKeyId: keyId, AliasArn: "arn:aws:kms:us-east-1:123456789012:alias/app" })]);
    const dup = await failure(kms.send(new CreateAliasCommand({ AliasName: "alias/app", TargetKeyId: keyId })));
    expect(dup.name).toBe("AlreadyExistsException");
    const missing = await failure(kms.send(new DescribeKeyCommand({ KeyId: "alias/none" })));
    expect(missing.name).toBe("NotFoundException");
  });

  it("ListKeys, tags and GenerateRandom", async () => {
    const { Keys } = await kms.send(new ListKeysCommand({}));
    expect(Keys!.map((k) => k.KeyArn)).toContain(keyArn);
    await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: "env", TagValue: "test" }] }));
    const { Tags } = await kms.send(new ListResourceTagsCommand({ KeyId: keyId }));
    expect(Tags).toEqual(expect.arrayContaining([{ TagKey: "team", TagValue: "a" }, { TagKey: "env", TagValue: "test" }]));
    const r = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 48 }));
    expect(r.Plaintext).toHaveLength(48);
  });

  it("DisableKey blocks crypto with DisabledException until EnableKey", async () => {
    const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    const err = await failure(kms.send(new GenerateDataKeyCommand({ KeyId: k.KeyId, NumberOfBytes: 32 })));
    expect(err.name).toBe("DisabledException");
    await kms.send(new EnableKeyCommand({ KeyId: k.KeyId }));
    await kms.send(new GenerateDataKeyCommand({ KeyId: k.KeyId, NumberOfBytes: 32 }));
  });

  it("ScheduleKeyDeletion: 7..30 days; then crypto fails with KMSInvalidStateException after 1 attempt", async () => {
    const k = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const enc = await kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from("bye") }));
    for (const days of [3, 31]) {
      const err = await failure(kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: days })));
      expect(err.name).toBe("ValidationException");
    }
    const s = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }));
    expect(s.KeyState).toBe("PendingDeletion");
    expect(s.PendingWindowInDays).toBe(7);
    expect(s.DeletionDate!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const err = await failure(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })));
    expect(err.name).toBe("KMSInvalidStateException");
    expect(err.$metadata.attempts).toBe(1);
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }));
    expect(KeyMetadata!.KeyState).toBe("PendingDeletion");
    await kms.send(new CancelKeyDeletionCommand({ KeyId: k.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.KeyState).toBe("Disabled");
  });

  it("KMS operations it does not implement, unknown keys and bad JSON answer JSON errors", async () => {
    const res = await fetch(emu.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.Sign" },
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-errortype")).toBe("UnsupportedOperationException");
    expect(((await res.json()) as { __type: string }).__type).toBe("UnsupportedOperationException");
    const nf = await failure(kms.send(new EncryptCommand({ KeyId: "00000000-0000-0000-0000-000000000000", Plaintext: Buffer.from("a") })));
    expect(nf.name).toBe("NotFoundException");
    const bad = await fetch(emu.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.Encrypt" }, body: "{nope" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-amzn-errortype")).toBe("SerializationException");
  });
});
