/**
 * Default KMS request quotas (requests per second, per account per Region), with their source.
 *
 * Source: https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html, quota table
 * as read 2026-11 (tiers 10,000 / 20,000 / 100,000 for symmetric). The same page's "on your behalf"
 * section and Singapore example (5,500 / 10,000 / 50,000) are stale; the table wins.
 * All values are overridable in the scenario (`account.quotas`); `live` reads Service Quotas.
 */
import type { Quotas } from "../scenario/types.js";

export const QUOTA_SOURCE =
  "AWS KMS Developer Guide, 'Request quotas' table (docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html), read 2026-11";

/** Symmetric cryptographic operations, 100,000 req/s. */
const TOP_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
/** Symmetric cryptographic operations, 20,000 req/s. */
const MID_REGIONS = ["us-east-2", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-central-1", "eu-west-2"];

/** Symmetric pool default for a Region: 100,000, 20,000 or 10,000 req/s. */
export function defaultSymmetricQuota(region: string): number {
  if (TOP_REGIONS.includes(region)) return 100_000;
  if (MID_REGIONS.includes(region)) return 20_000;
  return 10_000;
}

/** RSA cryptographic operations (Encrypt, Decrypt, ReEncrypt, Sign, Verify on RSA keys), req/s. */
export const DEFAULT_RSA_QUOTA = 1_000;
/** ECC cryptographic operations (Sign, Verify, DeriveSharedSecret), req/s. */
export const DEFAULT_ECC_QUOTA = 1_000;
/** Per CloudHSM or external key store, req/s; such requests also drain the symmetric pool. */
export const DEFAULT_CUSTOM_KEY_STORE_QUOTA = 1_800;

/** GenerateDataKeyPair(WithoutPlaintext), one pool per key-pair spec, req/s (current table, read 2026-11; docs/reference.md §1). */
export const DEFAULT_KEY_PAIR_QUOTAS: Readonly<Record<string, number>> = {
  ECC_NIST_P256: 100,
  ECC_NIST_P384: 100,
  ECC_NIST_P521: 100,
  ECC_SECG_P256K1: 100,
  ECC_NIST_EDWARDS25519: 100,
  RSA_2048: 20,
  RSA_3072: 4,
  RSA_4096: 1,
  SM2: 25,
};

/** Quota in req/s of a pool named by `poolsFor` ("symmetric", "rsa", "store:0", "keypair:RSA_2048"). */
export function quotaForPool(quotas: Quotas, pool: string): number {
  if (pool === "symmetric") return quotas.symmetricPerSec;
  if (pool === "rsa") return quotas.rsaPerSec;
  if (pool === "ecc") return quotas.eccPerSec;
  if (pool.startsWith("store:")) return quotas.customKeyStorePerSec;
  if (pool.startsWith("keypair:")) {
    const spec = pool.slice("keypair:".length);
    return quotas.keyPairPerSec[spec] ?? DEFAULT_KEY_PAIR_QUOTAS[spec] ?? 1;
  }
  throw new TypeError(`Expected a known pool name, got ${pool}`);
}

/** Service Quotas codes (service code `kms`) for live runs and the emulator. */
export const SERVICE_QUOTA_CODES = {
  symmetric: "L-6E3AF000",
  rsa: "L-2AC98190",
  ecc: "L-DC14942D",
} as const;
