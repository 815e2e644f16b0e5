/**
 * Which shared quota pools a KMS request draws from.
 *
 * - symmetric: Encrypt, Decrypt, GenerateDataKey(WithoutPlaintext), ReEncrypt, GenerateRandom,
 *   GenerateMac, VerifyMac on symmetric and HMAC keys.
 * - rsa / ecc: cryptographic operations on RSA / ECC (and SM2) keys.
 * - keypair:<SPEC>: GenerateDataKeyPair(WithoutPlaintext), one pool per key-pair spec
 *   (the wrapping key is symmetric, but the request counts only against the key-pair pool).
 * - store:<n>: a CloudHSM or external key store; such requests also draw from `symmetric`.
 * - Management APIs (CreateKey, DescribeKey, ...) have per-API quotas and are not modelled as pools.
 * - AWS owned keys draw from nothing.
 */
import type { KeyStore, KeyTier } from "../scenario/types.js";

/** Cryptographic operations that count against the request-rate pools. */
export const CRYPTO_OPERATIONS = [
  "Encrypt",
  "Decrypt",
  "ReEncrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "GenerateRandom",
  "GenerateMac",
  "VerifyMac",
  "Sign",
  "Verify",
  "DeriveSharedSecret",
] as const;
export type CryptoOperation = (typeof CRYPTO_OPERATIONS)[number];

export function isCryptoOperation(op: string): op is CryptoOperation {
  return (CRYPTO_OPERATIONS as readonly string[]).includes(op);
}

/** The key-type pool of a key spec: "symmetric", "rsa" or "ecc". */
export function keyTypePool(keySpec: string): "symmetric" | "rsa" | "ecc" {
  if (keySpec.startsWith("RSA_")) return "rsa";
  if (keySpec.startsWith("ECC_") || keySpec.startsWith("SM2")) return "ecc";
  return "symmetric"; // SYMMETRIC_DEFAULT, HMAC_*
}

export interface PoolRequest {
  operation: string;
  keySpec: string;
  tier: KeyTier;
  store: KeyStore;
  /** Index of the custom key store holding the key (0-based); ignored for store "kms". */
  storeIndex: number;
  /** For GenerateDataKeyPair*: the pair spec (e.g. ECC_NIST_P256). */
  keyPairSpec?: string | null;
}

/**
 * Pool names a request draws one token from, in a fixed order. Empty for AWS owned keys and for
 * operations that are not cryptographic (management APIs).
 *
 * Example: Decrypt on a symmetric key in external key store 2 -> ["symmetric", "store:2"].
 */
export function poolsFor(req: PoolRequest): string[] {
  if (req.tier === "aws-owned") return [];
  if (!isCryptoOperation(req.operation)) return [];
  if (req.operation === "GenerateDataKeyPair" || req.operation === "GenerateDataKeyPairWithoutPlaintext") {
    return [`keypair:${req.keyPairSpec ?? "ECC_NIST_P256"}`];
  }
  if (req.operation === "GenerateRandom") return ["symmetric"];
  const pools: string[] = [keyTypePool(req.keySpec)];
  if (req.store !== "kms") pools.push(`store:${req.storeIndex}`);
  return pools;
}
