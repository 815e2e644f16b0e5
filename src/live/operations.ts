/**
 * One application operation of a live run, as the application would perform it:
 * - encrypt: ESDK encrypt of `sizeBytes` with context { tenant: "<id>" } (caching CMM when set)
 * - decrypt: ESDK decrypt of a message the same tenant wrote earlier (pool), header context checked
 * - s3-put: PutObject with SSE-KMS headers (the tenant's key, the bucket-key flag)
 * - s3-get: GetObject of an object the tenant wrote earlier, body read to the end
 * - kms:<Op>: the direct KMS call (GenerateDataKey, Encrypt, Decrypt, ...), plaintext discarded
 * Resolves on success, rejects with the SDK's error on failure. Never stores plaintext data keys.
 * Calls pass no per-call options, so the clients' handler cache (`cacheMiddleware`) applies.
 */
import { buildClient, CommitmentPolicy } from "@aws-crypto/client-node";
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  ReEncryptCommand,
} from "@aws-sdk/client-kms";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { MixEntry, Scenario } from "../scenario/types.js";
import type { CiphertextPool } from "./CiphertextPool.js";
import { readAgeMs } from "../plan/readAge.js";
import { CacheProbe, type CacheOutcome, type InstanceClients } from "./InstanceClients.js";

/** KMS Encrypt accepts at most 4,096 bytes of plaintext. */
export const KMS_MAX_PLAINTEXT_BYTES = 4096;

export const esdk = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

export interface EsdkMessage {
  ciphertext: Buffer;
  keyIndex: number;
}
export interface DirectCiphertext {
  blob: Uint8Array;
  keyIndex: number;
}

export interface OpContext {
  scenario: Scenario;
  runId: string;
  bucket: string | null;
  keyIndexFor: (tenant: number, resource: number) => number;
  messages: CiphertextPool<EsdkMessage>;
  objects: CiphertextPool<string>;
  directCiphertexts: CiphertextPool<DirectCiphertext>;
  /** Called for each object written (manifest). */
  onObject: (key: string) => void;
  payload: (sizeBytes: number) => Buffer;
}

export interface Arrival {
  index: number;
  tenant: number;
  resource: number;
  u: number;
}

export class ContextMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContextMismatchError";
  }
}

export const tenantContext = (tenant: number): Record<string, string> => ({ tenant: String(tenant) });

/** ESDK decrypt takes no expected context: the caller must check the header (docs/reference.md §7). */
export function checkTenantContext(header: Record<string, string>, tenant: number): boolean {
  return header.tenant === String(tenant);
}

/**
 * Runs one operation. Resolves with the cache outcome of an Encryption SDK operation through a
 * caching CMM ("hit" / "miss"), else null.
 */
export async function runOperation(ctx: OpContext, inst: InstanceClients, mix: MixEntry, a: Arrival): Promise<CacheOutcome | null> {
  const keyIndex = ctx.keyIndexFor(a.tenant, a.resource);
  switch (mix.op) {
    case "encrypt": {
      const materials = inst.materials(keyIndex);
      const { result } = await esdk.encrypt(materials, ctx.payload(mix.sizeBytes), {
        encryptionContext: tenantContext(a.tenant),
      });
      ctx.messages.add(a.tenant, { ciphertext: result, keyIndex });
      return materials instanceof CacheProbe ? materials.outcome : null;
    }
    case "decrypt": {
      const msg = ctx.messages.pick(a.tenant, readAgeMs(mix.readAge, a.u));
      if (!msg) throw new Error(`no message of tenant ${a.tenant} to decrypt (priming failed)`);
      const materials = inst.materials(msg.keyIndex);
      const out = await esdk.decrypt(materials, msg.ciphertext);
      if (!checkTenantContext(out.messageHeader.encryptionContext, a.tenant)) {
        throw new ContextMismatchError(`message header context is not tenant ${a.tenant}`);
      }
      return materials instanceof CacheProbe ? materials.outcome : null;
    }
    case "s3-put": {
      if (!ctx.bucket) throw new Error("no bucket");
      const key = `kmsplan/${ctx.runId}/t${a.tenant}/${a.index}`;
      ctx.onObject(key);
      await inst.s3.send(
        new PutObjectCommand({
          Bucket: ctx.bucket,
          Key: key,
          Body: ctx.payload(mix.sizeBytes),
          ServerSideEncryption: "aws:kms",
          SSEKMSKeyId: inst.keyArn(keyIndex),
          BucketKeyEnabled: ctx.scenario.s3.bucketKeys,
        }),
      );
      ctx.objects.add(a.tenant, key);
      return null;
    }
    case "s3-get": {
      if (!ctx.bucket) throw new Error("no bucket");
      const key = ctx.objects.pick(a.tenant, readAgeMs(mix.readAge, a.u));
      if (!key) throw new Error(`no object of tenant ${a.tenant} to read (priming failed)`);
      const out = await inst.s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key }));
      await out.Body?.transformToByteArray();
      return null;
    }
    case "kms":
      await runKmsOperation(ctx, inst, mix, a, keyIndex);
      return null;
  }
}

async function runKmsOperation(
  ctx: OpContext,
  inst: InstanceClients,
  mix: MixEntry,
  a: Arrival,
  keyIndex: number,
): Promise<void> {
  const KeyId = inst.keyArn(keyIndex);
  const EncryptionContext = tenantContext(a.tenant);
  switch (mix.kmsOperation) {
    case "GenerateDataKey":
      await inst.kms.send(new GenerateDataKeyCommand({ KeyId, KeySpec: "AES_256", EncryptionContext }));
      return; // the plaintext key is dropped here, never kept
    case "GenerateDataKeyWithoutPlaintext":
      await inst.kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId, KeySpec: "AES_256", EncryptionContext }));
      return;
    case "Encrypt": {
      const Plaintext = ctx.payload(Math.min(Math.max(mix.sizeBytes, 1), KMS_MAX_PLAINTEXT_BYTES));
      const out = await inst.kms.send(new EncryptCommand({ KeyId, Plaintext, EncryptionContext }));
      if (out.CiphertextBlob) ctx.directCiphertexts.add(a.tenant, { blob: out.CiphertextBlob, keyIndex });
      return;
    }
    case "Decrypt": {
      const c = ctx.directCiphertexts.pick(a.tenant, readAgeMs(mix.readAge, a.u));
      if (!c) throw new Error(`no ciphertext of tenant ${a.tenant} to decrypt (priming failed)`);
      await inst.kms.send(new DecryptCommand({ CiphertextBlob: c.blob, KeyId: inst.keyArn(c.keyIndex), EncryptionContext }));
      return;
    }
    case "ReEncrypt": {
      const c = ctx.directCiphertexts.pick(a.tenant, readAgeMs(mix.readAge, a.u));
      if (!c) throw new Error(`no ciphertext of tenant ${a.tenant} to re-encrypt (priming failed)`);
      await inst.kms.send(
        new ReEncryptCommand({ CiphertextBlob: c.blob, SourceEncryptionContext: EncryptionContext, DestinationKeyId: KeyId, DestinationEncryptionContext: EncryptionContext }),
      );
      return;
    }
    case "GenerateRandom":
      await inst.kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
      return;
    case "DescribeKey":
      await inst.kms.send(new DescribeKeyCommand({ KeyId }));
      return;
    default:
      throw new Error(`kms:${mix.kmsOperation} is not supported by live`);
  }
}
