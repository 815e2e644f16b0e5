/**
 * The built-in responder's ciphertext blob: real AES-256-GCM under the key's in-memory material,
 * with the encryption context bound as additional authenticated data, so that a wrong context or
 * a tampered blob fails exactly where KMS fails (InvalidCiphertextException).
 *
 * Layout, version 1 (45 bytes + plaintext length):
 *
 *   offset  0   1 byte   version, 0x01
 *   offset  1  16 bytes  key id (the KMS key's UUID, raw bytes): lets Decrypt omit KeyId
 *   offset 17  12 bytes  IV (random per blob)
 *   offset 29  16 bytes  GCM authentication tag
 *   offset 45   n bytes  ciphertext
 *
 * AAD = bytes 0..16 (version and key id) ‖ canonicalContext(encryptionContext).
 * Example: a 32-byte data key under key 1234abcd-... -> a 77-byte blob (104 base64 characters).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { KmsError } from "../wire.js";

export const BLOB_VERSION = 1;
const HEADER_BYTES = 17;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;
const EMPTY = Buffer.alloc(4);

/**
 * Canonical, unambiguous serialisation of an encryption context: entries sorted by the UTF-8 bytes
 * of their keys, as uint32BE(count) ‖ for each: uint32BE(len(key)) ‖ key ‖ uint32BE(len(value)) ‖ value.
 * Length prefixes keep {a:"bc"} and {ab:"c"} apart (moto concatenates and confuses them).
 */
export function canonicalContext(context: Readonly<Record<string, string>> | undefined): Buffer {
  if (!context) return EMPTY;
  const entries = Object.entries(context).map(([k, v]) => [Buffer.from(k, "utf8"), Buffer.from(v, "utf8")] as const);
  if (entries.length === 0) return EMPTY;
  entries.sort((x, y) => Buffer.compare(x[0], y[0]));
  const parts: Buffer[] = [u32(entries.length)];
  for (const [k, v] of entries) parts.push(u32(k.length), k, u32(v.length), v);
  return Buffer.concat(parts);
}

function u32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n, 0);
  return b;
}

export function sealBlob(idBytes: Buffer, material: Buffer, plaintext: Uint8Array, aadContext: Buffer): Buffer {
  const blob = Buffer.allocUnsafe(PREFIX_BYTES + plaintext.length);
  blob[0] = BLOB_VERSION;
  idBytes.copy(blob, 1);
  const iv = randomBytes(IV_BYTES);
  iv.copy(blob, HEADER_BYTES);
  const cipher = createCipheriv("aes-256-gcm", material, iv);
  cipher.setAAD(Buffer.concat([blob.subarray(0, HEADER_BYTES), aadContext]));
  const n = cipher.update(plaintext).copy(blob, PREFIX_BYTES);
  cipher.final();
  if (n !== plaintext.length) throw new Error("AES-GCM produced an unexpected length");
  cipher.getAuthTag().copy(blob, HEADER_BYTES + IV_BYTES);
  return blob;
}

/** The 16-byte key id of a blob in this format, or null when the blob is not one. */
export function blobKeyId(blob: Buffer): Buffer | null {
  if (blob.length < PREFIX_BYTES || blob[0] !== BLOB_VERSION) return null;
  return blob.subarray(1, HEADER_BYTES);
}

export function invalidCiphertext(): KmsError {
  return new KmsError("InvalidCiphertextException", "The ciphertext is invalid, was modified, or its encryption context does not match.");
}

/** Decrypt a blob; wrong material, context or any modified byte -> InvalidCiphertextException. */
export function openBlob(blob: Buffer, material: Buffer, aadContext: Buffer): Buffer {
  if (blobKeyId(blob) === null) throw invalidCiphertext();
  try {
    const decipher = createDecipheriv("aes-256-gcm", material, blob.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES));
    decipher.setAAD(Buffer.concat([blob.subarray(0, HEADER_BYTES), aadContext]));
    decipher.setAuthTag(blob.subarray(HEADER_BYTES + IV_BYTES, PREFIX_BYTES));
    const out = decipher.update(blob.subarray(PREFIX_BYTES));
    decipher.final();
    return out;
  } catch {
    throw invalidCiphertext();
  }
}
