/**
 * Monthly cost of a key strategy (https://aws.amazon.com/kms/pricing/, read 2026-11).
 *
 * - Keys: $1 per customer managed key per month (every key type, custom key store keys included).
 *   AWS managed and AWS owned keys: no key fee.
 * - Rotation: since 2024-04 the first and second rotations of a key each add $1/month, later ones
 *   nothing, so a rotated key costs at most $3/month. Reported at that steady state (reached after
 *   the second rotation: year 2 for yearly rotation, day 180 for 90-day rotation).
 * - Requests: per 10,000: symmetric and RSA_2048 $0.03, other asymmetric $0.15, ECC
 *   GenerateDataKeyPair $0.10, RSA GenerateDataKeyPair $12.00 (UNCONFIRMED third-party figure).
 *   Free tier: 20,000 requests a month (symmetric ones; key-pair and asymmetric requests excluded).
 *   AWS managed key requests are charged; AWS owned key requests are not.
 * - Assumed: throttled requests are not billed (KMS bills requests it serves). One price table for
 *   every Region.
 * Worked example: 3,000 per-tenant keys, 9,000 GenerateDataKey/s over a 30-day month =
 *   23,328,000,000 requests -> (23,328,000,000 - 20,000) / 10,000 * $0.03 = $69,983.94, + $3,000 keys.
 */

/** Seconds in the 30-day month used for extrapolation. */
export const SECONDS_PER_MONTH = 30 * 86_400;
/** USD per customer managed key per month. */
export const KEY_USD_PER_MONTH = 1;
/** USD per month added by each of a key's first two rotations. */
export const ROTATION_USD_PER_MONTH = 1;
export const ROTATIONS_BILLED = 2;
/** Free requests per month. */
export const FREE_TIER_REQUESTS = 20_000;

/**
 * The price class of a request: `keypair:<spec>` for GenerateDataKeyPair*, else the key spec
 * (SYMMETRIC_DEFAULT, RSA_2048, ...). Example: (SYMMETRIC_DEFAULT, ECC_NIST_P256) -> keypair:ECC_NIST_P256.
 */
export function priceClassFor(keySpec: string, keyPairSpec: string | null): string {
  return keyPairSpec ? `keypair:${keyPairSpec}` : keySpec;
}

/** USD per 10,000 requests, by price class. */
export function pricePer10k(priceClass: string): number {
  if (priceClass.startsWith("keypair:")) return priceClass.includes("RSA") ? 12 : 0.1;
  if (priceClass === "SYMMETRIC_DEFAULT" || priceClass.startsWith("HMAC") || priceClass === "RSA_2048") return 0.03;
  return 0.15;
}

export function isFreeTierEligible(priceClass: string): boolean {
  return priceClass === "SYMMETRIC_DEFAULT" || priceClass.startsWith("HMAC");
}

export interface CostInput {
  tier: "customer-managed" | "aws-managed" | "aws-owned";
  keys: number;
  rotationEveryDays: number | null;
  /** Billable (served) requests per second, by price class, averaged over the measured window. */
  servedPerSecByClass: Record<string, number>;
}

export interface CostBreakdown {
  keys: number;
  rotation: number;
  requests: number;
  total: number;
  billableRequestsPerMonth: number;
  freeTierRequests: number;
}

export function monthlyCost(input: CostInput): CostBreakdown {
  const cmk = input.tier === "customer-managed";
  const keys = cmk ? input.keys * KEY_USD_PER_MONTH : 0;
  const rotation = cmk && input.rotationEveryDays !== null ? input.keys * ROTATION_USD_PER_MONTH * ROTATIONS_BILLED : 0;
  let requests = 0;
  let billable = 0;
  let freeLeft = FREE_TIER_REQUESTS;
  if (input.tier !== "aws-owned") {
    // Free tier goes to the cheapest eligible class first (it only covers symmetric requests).
    for (const [cls, perSec] of Object.entries(input.servedPerSecByClass).sort()) {
      let monthly = perSec * SECONDS_PER_MONTH;
      if (isFreeTierEligible(cls)) {
        const free = Math.min(freeLeft, monthly);
        freeLeft -= free;
        monthly -= free;
      }
      billable += monthly;
      requests += (monthly / 10_000) * pricePer10k(cls);
    }
  }
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    keys: r2(keys),
    rotation: r2(rotation),
    requests: r2(requests),
    total: r2(keys + rotation + requests),
    billableRequestsPerMonth: Math.round(billable),
    freeTierRequests: FREE_TIER_REQUESTS,
  };
}
