/**
 * Cryptographic operations of the built-in responder (the ones that draw from quota pools):
 * GenerateDataKey(WithoutPlaintext), Encrypt, Decrypt, ReEncrypt, GenerateRandom, GenerateMac,
 * VerifyMac. Symmetric keys use real AES-256-GCM (ciphertextBlob.ts), HMAC keys real HMAC.
 * Asymmetric keys are metadata only: their crypto answers UnsupportedOperationException.
 * Plaintexts and key material are never logged.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { KmsError } from "../wire.js";
import { blobKeyId, canonicalContext, invalidCiphertext, openBlob, sealBlob } from "./ciphertextBlob.js";
import { encryptionContext, optionalInt, optionalString, requiredBlob, requiredString, type Body } from "./fields.js";
import { pendingDeletion } from "./keyOperations.js";
import type { EmulatedKey, KeyTable } from "./KeyTable.js";

/** KMS limits, bytes: Encrypt plaintext and Mac message 4,096; ciphertext blob 6,144; data keys and random 1,024. */
const MAX_PLAINTEXT_BYTES = 4096;
const MAX_CIPHERTEXT_BYTES = 6144;
const MAX_DATA_KEY_BYTES = 1024;

/** The key, checked to be usable for `usage` (state first, like KMS). */
function usableKey(key: EmulatedKey, usage: "ENCRYPT_DECRYPT" | "GENERATE_VERIFY_MAC", symmetricOnly = false): EmulatedKey & { material: Buffer } {
  if (key.state === "PendingDeletion") throw pendingDeletion(key);
  if (key.state === "Disabled") throw new KmsError("DisabledException", `${key.arn} is disabled.`);
  // Data keys come only from symmetric encryption keys (an RSA ENCRYPT_DECRYPT key is refused as in KMS).
  if (key.keyUsage !== usage || (symmetricOnly && key.spec !== "SYMMETRIC_DEFAULT")) {
    throw new KmsError("InvalidKeyUsageException", `${key.arn} key usage is ${key.keyUsage} which is not valid for this operation.`);
  }
  if (key.material === null || (usage === "ENCRYPT_DECRYPT" && key.spec !== "SYMMETRIC_DEFAULT")) {
    throw new KmsError("UnsupportedOperationException", `The emulator does not implement cryptography with ${key.spec} keys.`);
  }
  return key as EmulatedKey & { material: Buffer };
}

function checkAlgorithm(body: Body, name: string): void {
  const alg = optionalString(body, name);
  if (alg !== null && alg !== "SYMMETRIC_DEFAULT") {
    throw new KmsError("InvalidKeyUsageException", `${name} ${alg} is not valid for a symmetric encryption key.`);
  }
}

function dataKey(table: KeyTable, body: Body, withPlaintext: boolean): unknown {
  const key = usableKey(table.resolve(requiredString(body, "KeyId")), "ENCRYPT_DECRYPT", true);
  const keySpec = optionalString(body, "KeySpec");
  const numberOfBytes = optionalInt(body, "NumberOfBytes", 1, MAX_DATA_KEY_BYTES);
  if ((keySpec === null) === (numberOfBytes === null)) {
    throw new KmsError("ValidationException", "Please specify either number of bytes or key spec.");
  }
  if (keySpec !== null && keySpec !== "AES_256" && keySpec !== "AES_128") {
    throw new KmsError("ValidationException", `KeySpec ${keySpec} is not valid; use AES_256 or AES_128.`);
  }
  const plaintext = randomBytes(numberOfBytes ?? (keySpec === "AES_128" ? 16 : 32));
  const blob = sealBlob(key.idBytes, key.material, plaintext, canonicalContext(encryptionContext(body)));
  const out: Record<string, string> = { CiphertextBlob: blob.toString("base64"), KeyId: key.arn };
  if (withPlaintext) out.Plaintext = plaintext.toString("base64");
  return out;
}

export const generateDataKey = (t: KeyTable, b: Body): unknown => dataKey(t, b, true);
export const generateDataKeyWithoutPlaintext = (t: KeyTable, b: Body): unknown => dataKey(t, b, false);

export function encrypt(table: KeyTable, body: Body): unknown {
  const key = usableKey(table.resolve(requiredString(body, "KeyId")), "ENCRYPT_DECRYPT");
  checkAlgorithm(body, "EncryptionAlgorithm");
  const plaintext = requiredBlob(body, "Plaintext", MAX_PLAINTEXT_BYTES);
  const blob = sealBlob(key.idBytes, key.material, plaintext, canonicalContext(encryptionContext(body)));
  return { CiphertextBlob: blob.toString("base64"), KeyId: key.arn, EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
}

/** Open a blob: the blob names its key; a KeyId given must name the same key (else IncorrectKeyException). */
function open(table: KeyTable, blob: Buffer, keyIdField: string | null, context: Record<string, string> | undefined) {
  const idBytes = blobKeyId(blob);
  const key = idBytes && table.byIdBytes(idBytes);
  if (!key) throw invalidCiphertext();
  if (keyIdField !== null && table.resolve(keyIdField).keyId !== key.keyId) {
    throw new KmsError("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.");
  }
  const usable = usableKey(key, "ENCRYPT_DECRYPT");
  return { key: usable, plaintext: openBlob(blob, usable.material, canonicalContext(context)) };
}

export function decrypt(table: KeyTable, body: Body): unknown {
  checkAlgorithm(body, "EncryptionAlgorithm");
  const blob = requiredBlob(body, "CiphertextBlob", MAX_CIPHERTEXT_BYTES);
  const { key, plaintext } = open(table, blob, optionalString(body, "KeyId"), encryptionContext(body));
  return { KeyId: key.arn, Plaintext: plaintext.toString("base64"), EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
}

export function reEncrypt(table: KeyTable, body: Body): unknown {
  checkAlgorithm(body, "SourceEncryptionAlgorithm");
  checkAlgorithm(body, "DestinationEncryptionAlgorithm");
  const blob = requiredBlob(body, "CiphertextBlob", MAX_CIPHERTEXT_BYTES);
  const dest = usableKey(table.resolve(requiredString(body, "DestinationKeyId")), "ENCRYPT_DECRYPT");
  const src = open(table, blob, optionalString(body, "SourceKeyId"), encryptionContext(body, "SourceEncryptionContext"));
  const out = sealBlob(dest.idBytes, dest.material, src.plaintext, canonicalContext(encryptionContext(body, "DestinationEncryptionContext")));
  src.plaintext.fill(0);
  return {
    CiphertextBlob: out.toString("base64"),
    SourceKeyId: src.key.arn,
    KeyId: dest.arn,
    SourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
    DestinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
  };
}

export function generateRandom(_table: KeyTable, body: Body): unknown {
  const n = optionalInt(body, "NumberOfBytes", 1, MAX_DATA_KEY_BYTES);
  if (n === null) throw new KmsError("ValidationException", "NumberOfBytes is required.");
  return { Plaintext: randomBytes(n).toString("base64") };
}

/** HMAC of the message; the algorithm must be the key's (HMAC_256 key -> HMAC_SHA_256). */
function mac(table: KeyTable, body: Body) {
  const key = usableKey(table.resolve(requiredString(body, "KeyId")), "GENERATE_VERIFY_MAC");
  const algorithm = requiredString(body, "MacAlgorithm");
  const bits = key.spec.slice("HMAC_".length);
  if (algorithm !== `HMAC_SHA_${bits}`) {
    throw new KmsError("InvalidKeyUsageException", `${key.arn} does not support MAC algorithm ${algorithm}.`);
  }
  const message = requiredBlob(body, "Message", MAX_PLAINTEXT_BYTES);
  return { key, algorithm, digest: createHmac(`sha${bits}`, key.material).update(message).digest() };
}

export function generateMac(table: KeyTable, body: Body): unknown {
  const { key, algorithm, digest } = mac(table, body);
  return { Mac: digest.toString("base64"), MacAlgorithm: algorithm, KeyId: key.arn };
}

export function verifyMac(table: KeyTable, body: Body): unknown {
  const { key, algorithm, digest } = mac(table, body);
  const given = requiredBlob(body, "Mac", 6144);
  if (given.length !== digest.length || !timingSafeEqual(given, digest)) {
    throw new KmsError("KMSInvalidMacException", "The MAC is not valid for this message and key.");
  }
  return { KeyId: key.arn, MacValid: true, MacAlgorithm: algorithm };
}
