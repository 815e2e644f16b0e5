/**
 * The closed vocabularies of the written scenario: key specs, key-pair specs and mix operations.
 * One list each, shared by the schema (enums, JSON Schema) and the cross-field rules.
 */
import { CRYPTO_OPERATIONS, type CryptoOperation } from "../model/pools.js";
import { DEFAULT_KEY_PAIR_QUOTAS } from "../model/quotas.js";

/** KMS key specs a scenario may use (KeySpec of CreateKey), symmetric first. */
export const KEY_SPECS = [
  "SYMMETRIC_DEFAULT",
  "RSA_2048",
  "RSA_3072",
  "RSA_4096",
  "ECC_NIST_P256",
  "ECC_NIST_P384",
  "ECC_NIST_P521",
  "ECC_SECG_P256K1",
  "HMAC_224",
  "HMAC_256",
  "HMAC_384",
  "HMAC_512",
  "SM2",
] as const;
export type KeySpecName = (typeof KEY_SPECS)[number];

/** Key-pair specs for GenerateDataKeyPair*: those with a known quota pool (src/model/quotas.ts). */
export const KEY_PAIR_SPECS = Object.keys(DEFAULT_KEY_PAIR_QUOTAS) as [string, ...string[]];

/** Application operations that go through S3 or the Encryption SDK. */
export const APP_OPS = ["s3-put", "s3-get", "encrypt", "decrypt"] as const;
export type AppOp = (typeof APP_OPS)[number];

/** Every accepted `traffic.mix[].op`: the application operations, then `kms:<Operation>`. */
export const MIX_OPS = [...APP_OPS, ...CRYPTO_OPERATIONS.map((o) => `kms:${o}` as const)] as [string, ...string[]];

/** Operations that need a key usable for the named purpose (checked against `keys.spec`). */
export type KeyFamily = "symmetric" | "rsa" | "ecc" | "hmac" | "sm2";

export function keyFamily(spec: string): KeyFamily {
  if (spec.startsWith("RSA_")) return "rsa";
  if (spec.startsWith("ECC_")) return "ecc";
  if (spec.startsWith("HMAC_")) return "hmac";
  if (spec === "SM2") return "sm2";
  return "symmetric";
}

/**
 * Key families each KMS cryptographic operation accepts (KMS API reference, KeyUsage):
 * ENCRYPT_DECRYPT for symmetric, RSA and SM2; SIGN_VERIFY for RSA, ECC and SM2; GENERATE_VERIFY_MAC
 * for HMAC; KEY_AGREEMENT for ECC (NIST curves) and SM2. Data keys and data key pairs are generated
 * under a symmetric key. GenerateRandom uses no key.
 */
export const KEY_FAMILIES_FOR: Readonly<Record<CryptoOperation, readonly KeyFamily[] | null>> = {
  Encrypt: ["symmetric", "rsa", "sm2"],
  Decrypt: ["symmetric", "rsa", "sm2"],
  ReEncrypt: ["symmetric", "rsa", "sm2"],
  GenerateDataKey: ["symmetric"],
  GenerateDataKeyWithoutPlaintext: ["symmetric"],
  GenerateDataKeyPair: ["symmetric"],
  GenerateDataKeyPairWithoutPlaintext: ["symmetric"],
  GenerateRandom: null,
  GenerateMac: ["hmac"],
  VerifyMac: ["hmac"],
  Sign: ["rsa", "ecc", "sm2"],
  Verify: ["rsa", "ecc", "sm2"],
  DeriveSharedSecret: ["ecc", "sm2"],
};
