/**
 * Every AWS Region code, by partition: the list `account.region` is checked against (an unknown
 * Region would silently get the 10,000 req/s tier of src/model/quotas.ts).
 *
 * Source: the Regions of each partition in the AWS SDK for JavaScript v3's endpoint partitions table
 * (`@aws-sdk/core` 3.981.2, `submodules/client/util-endpoints/lib/aws/partitions.js`), read 2026-12,
 * without its `*-global` pseudo-Regions; cross-checked against the AWS "Region billing codes" page
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html,
 * read 2026-12). docs/reference.md §1 has the same list. When AWS opens a Region, add it here.
 */

/** Commercial Regions (partition `aws`). */
const COMMERCIAL = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "ca-central-1", "ca-west-1", "mx-central-1",
  "sa-east-1", "sa-west-1",
  "af-south-1",
  "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
  "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
  "il-central-1", "me-central-1", "me-south-1", "me-west-1",
] as const;

/** AWS GovCloud (US) (partition `aws-us-gov`). */
const GOVCLOUD = ["us-gov-east-1", "us-gov-west-1"] as const;

/** China (partition `aws-cn`, operated by local partners). */
const CHINA = ["cn-north-1", "cn-northwest-1"] as const;

/** AWS European Sovereign Cloud (`aws-eusc`) and the isolated partitions (`aws-iso*`). */
const SOVEREIGN_AND_ISOLATED = [
  "eusc-de-east-1",
  "us-iso-east-1", "us-iso-west-1",
  "us-isob-east-1", "us-isob-west-1",
  "eu-isoe-west-1",
  "us-isof-east-1", "us-isof-south-1",
] as const;

/** Every known Region code, commercial first. */
export const AWS_REGIONS: readonly string[] = [...COMMERCIAL, ...GOVCLOUD, ...CHINA, ...SOVEREIGN_AND_ISOLATED];

/** When and where the list was read (quoted in messages and docs/reference.md §1). */
export const AWS_REGIONS_SOURCE = "AWS SDK for JavaScript v3 endpoint partitions (@aws-sdk/core 3.981.2), read 2026-12";

const KNOWN = new Set(AWS_REGIONS);

/** True for a Region code in AWS_REGIONS (exact, lower case). */
export function isKnownRegion(region: string): boolean {
  return KNOWN.has(region);
}
