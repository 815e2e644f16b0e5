/**
 * Readers for request fields of the JSON 1.1 KMS API. A missing required field or a wrong type is
 * a ValidationException, as KMS answers.
 */
import { KmsError } from "../wire.js";

export type Body = Record<string, unknown>;

function invalid(name: string, what: string): KmsError {
  return new KmsError("ValidationException", `1 validation error detected: Value at '${name}' failed to satisfy constraint: ${what}`);
}

export function requiredString(body: Body, name: string): string {
  const v = body[name];
  if (typeof v !== "string" || v.length === 0) throw invalid(lower(name), "Member must not be null");
  return v;
}

export function optionalString(body: Body, name: string): string | null {
  const v = body[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw invalid(lower(name), "Member must be a string");
  return v;
}

export function optionalInt(body: Body, name: string, min: number, max: number): number | null {
  const v = body[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw invalid(lower(name), `Member must have value between ${min} and ${max}`);
  }
  return v;
}

/** Standard base64 (RFC 4648 §4): the 64-character alphabet in quads, `=` padding only at the end. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A base64 blob field, decoded; `maxBytes` as KMS documents it (e.g. 4,096 for Encrypt's Plaintext).
 * Text that is not base64 (junk characters, spaces, missing padding) is SerializationException, as
 * KMS fails to deserialize it before any validation (docs/reference.md §2; the behaviour local-kms
 * reproduces, nsmithuk/local-kms src/handler/decrypt.go; not captured from KMS itself). Node's own
 * decoder would skip the junk silently.
 */
export function requiredBlob(body: Body, name: string, maxBytes: number): Buffer {
  const v = body[name];
  if (typeof v !== "string" || v.length === 0) throw invalid(lower(name), "Member must have length greater than or equal to 1");
  // Length first: it bounds the pattern's work to the field's largest legal size (8,192 characters for 6,144 bytes).
  if (v.length > 4 * Math.ceil(maxBytes / 3)) throw invalid(lower(name), `Member must have length between 1 and ${maxBytes}`);
  if (!BASE64.test(v)) throw new KmsError("SerializationException", `Value at '${lower(name)}' is not valid base64.`);
  const buf = Buffer.from(v, "base64");
  if (buf.length === 0 || buf.length > maxBytes) {
    throw invalid(lower(name), `Member must have length between 1 and ${maxBytes}`);
  }
  return buf;
}

export function encryptionContext(body: Body, name = "EncryptionContext"): Record<string, string> | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw invalid(lower(name), "Member must be a map");
  for (const x of Object.values(v)) if (typeof x !== "string") throw invalid(lower(name), "Map values must be strings");
  return v as Record<string, string>;
}

function lower(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
