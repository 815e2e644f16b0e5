import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";
import { CreateKeyCommand, KMS } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulate/index.js";
import { credentials } from "./support.js";

describe("AWS Encryption SDK (KmsKeyringNode) against the emulator", () => {
  let emu: RunningEmulator;
  let kms: KMS;
  beforeAll(async () => {
    emu = await startEmulator({});
    // The keyring calls client.generateDataKey(...) / client.decrypt(...): the aggregated `KMS` class, not bare KMSClient.
    kms = new KMS({ endpoint: emu.url, region: "us-east-1", credentials });
  });
  afterAll(async () => {
    kms.destroy();
    await emu.close();
  });

  it("encrypts and decrypts end to end with full key ARNs; the context is checked", async () => {
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const generator = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const extra = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const keyring = new KmsKeyringNode({ generatorKeyId: generator, keyIds: [extra], clientProvider: () => kms });
    const plaintext = Buffer.from("tenant data ".repeat(100));
    const { result } = await encrypt(keyring, plaintext, { encryptionContext: { tenant: "t-42" } });
    const out = await decrypt(keyring, result);
    expect(out.plaintext.equals(plaintext)).toBe(true);
    expect(out.messageHeader.encryptionContext).toMatchObject({ tenant: "t-42" });
    expect(out.messageHeader.encryptedDataKeys.map((k) => k.providerInfo)).toEqual([generator, extra]);
    // 1 GenerateDataKey + 1 Encrypt (extra key) on encrypt; 1 Decrypt on decrypt (docs/reference.md §7).
    expect(emu.stats().byOperation).toMatchObject({ GenerateDataKey: { requests: 1 }, Encrypt: { requests: 1 }, Decrypt: { requests: 1 } });

    const onlyExtra = new KmsKeyringNode({ keyIds: [extra], clientProvider: () => kms });
    expect((await decrypt(onlyExtra, result)).plaintext.equals(plaintext)).toBe(true);
  });
});
