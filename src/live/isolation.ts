/**
 * Tenant isolation check after the drive, on one key shared by two tenants A and B:
 * 1. direct KMS: Encrypt under { tenant: A }; Decrypt with { tenant: B } must fail
 *    (InvalidCiphertextException), and with { tenant: A } must succeed;
 * 2. Encryption SDK: a message written for A decrypts (ESDK decrypt takes no expected context),
 *    so the application must check the header: the check for B must reject it, for A accept it.
 * Not counted in the run's figures (admin client).
 */
import { KmsKeyringNode } from "@aws-crypto/client-node";
import { DecryptCommand, EncryptCommand, type KMS } from "@aws-sdk/client-kms";
import { checkTenantContext, esdk, tenantContext } from "./operations.js";
import type { LiveInfo } from "./types.js";

export async function isolationCheck(kms: KMS, keyArn: string, tenantA = 0, tenantB = 1): Promise<LiveInfo["isolation"]> {
  const checks: LiveInfo["isolation"]["checks"] = [];
  const plaintext = Buffer.from("kmsplan isolation probe");
  try {
    const enc = await kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: plaintext, EncryptionContext: tenantContext(tenantA) }));
    try {
      await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: tenantContext(tenantB) }));
      checks.push({ name: "kms-decrypt-other-tenant-context", pass: false, detail: `tenant ${tenantB}'s context decrypted tenant ${tenantA}'s ciphertext` });
    } catch (err) {
      const name = (err as Error)?.name;
      checks.push({ name: "kms-decrypt-other-tenant-context", pass: name === "InvalidCiphertextException", detail: `rejected with ${name}` });
    }
    const own = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: tenantContext(tenantA) }));
    const same = Buffer.from(own.Plaintext ?? new Uint8Array()).equals(plaintext);
    checks.push({ name: "kms-decrypt-own-context", pass: same, detail: same ? "round trip ok" : "plaintext differs" });
  } catch (err) {
    checks.push({ name: "kms-direct", pass: false, detail: `${(err as Error)?.name}: ${(err as Error)?.message}` });
  }
  try {
    const keyring = new KmsKeyringNode({ generatorKeyId: keyArn, clientProvider: () => kms as never });
    const { result } = await esdk.encrypt(keyring, plaintext, { encryptionContext: tenantContext(tenantA) });
    const out = await esdk.decrypt(keyring, result);
    const rejectsB = !checkTenantContext(out.messageHeader.encryptionContext, tenantB);
    const acceptsA = checkTenantContext(out.messageHeader.encryptionContext, tenantA);
    checks.push({
      name: "esdk-header-context",
      pass: rejectsB && acceptsA,
      detail: `header context ${JSON.stringify(out.messageHeader.encryptionContext.tenant)}: tenant ${tenantB} ${rejectsB ? "rejected" : "ACCEPTED"}, tenant ${tenantA} ${acceptsA ? "accepted" : "rejected"}`,
    });
  } catch (err) {
    checks.push({ name: "esdk-header-context", pass: false, detail: `${(err as Error)?.name}: ${(err as Error)?.message}` });
  }
  return { status: checks.every((c) => c.pass) ? "pass" : "fail", checks };
}
