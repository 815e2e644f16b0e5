/**
 * Before the drive, outside the measurement (admin clients, not counted): for every tenant the
 * schedule will read for (decrypt, s3-get, kms:Decrypt/ReEncrypt), write one message / object /
 * ciphertext, used while the tenant has none written during the run. The schedule is scanned
 * ahead, so only tenants that actually read get one. Returns how many were written.
 */
import { KmsKeyringNode } from "@aws-crypto/client-node";
import { EncryptCommand, type KMS } from "@aws-sdk/client-kms";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Schedule } from "../plan/Schedule.js";
import type { Scenario } from "../scenario/types.js";
import { esdk, tenantContext, type OpContext } from "./operations.js";

export async function primeReads(ctx: OpContext, scenario: Scenario, kms: KMS, s3: S3Client, keyArns: readonly string[]): Promise<number> {
  const need = { decrypt: new Set<number>(), get: new Set<number>(), direct: new Set<number>() };
  const s = new Schedule(scenario);
  const mix = scenario.traffic.mix;
  while (s.next()) {
    const m = mix[s.opIndex];
    if (m.op === "decrypt") need.decrypt.add(s.tenant);
    else if (m.op === "s3-get") need.get.add(s.tenant);
    else if (m.op === "kms" && (m.kmsOperation === "Decrypt" || m.kmsOperation === "ReEncrypt")) need.direct.add(s.tenant);
  }
  const arn = (k: number): string => keyArns[k % keyArns.length];
  let primed = 0;
  for (const t of need.decrypt) {
    const keyIndex = ctx.keyIndexFor(t, 0);
    const keyring = new KmsKeyringNode({ generatorKeyId: arn(keyIndex), clientProvider: () => kms as never });
    const { result } = await esdk.encrypt(keyring, ctx.payload(64), { encryptionContext: tenantContext(t) });
    ctx.messages.prime(t, { ciphertext: result, keyIndex });
    primed++;
  }
  for (const t of need.get) {
    if (!ctx.bucket) break;
    const keyIndex = ctx.keyIndexFor(t, 0);
    const key = `kmsplan/${ctx.runId}/t${t}/primed`;
    ctx.onObject(key);
    await s3.send(
      new PutObjectCommand({
        Bucket: ctx.bucket,
        Key: key,
        Body: ctx.payload(64),
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: arn(keyIndex),
        BucketKeyEnabled: scenario.s3.bucketKeys,
      }),
    );
    ctx.objects.prime(t, key);
    primed++;
  }
  for (const t of need.direct) {
    const keyIndex = ctx.keyIndexFor(t, 0);
    const out = await kms.send(new EncryptCommand({ KeyId: arn(keyIndex), Plaintext: ctx.payload(32), EncryptionContext: tenantContext(t) }));
    if (out.CiphertextBlob) ctx.directCiphertexts.prime(t, { blob: out.CiphertextBlob, keyIndex });
    primed++;
  }
  return primed;
}
