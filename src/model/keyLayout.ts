/**
 * Key layouts: how many KMS keys a strategy creates and which key an operation uses.
 *
 * | boundary           | keys                              | key of (tenant t, classification c, resource r) |
 * |--------------------|-----------------------------------|--------------------------------------------------|
 * | per-account        | 1                                 | 0                                                |
 * | per-classification | number of classifications         | c                                                |
 * | per-tenant         | tenants                           | t                                                |
 * | per-resource       | tenants * resourcesPerTenant      | t * resourcesPerTenant + r                       |
 *
 * AWS managed keys (aws/s3, ...) are one per service per account whatever the boundary says, and
 * cost no monthly fee; AWS owned keys are not in the account at all (0 keys, no quota, no bill).
 * Keys in custom key stores are spread round-robin over `stores`: key k lives in store k % stores.
 */
import type { Scenario } from "../scenario/types.js";

export interface KeyLayout {
  /** Keys that exist in the account (0 for AWS owned keys). */
  accountKeys: number;
  /** Distinct key indices the model addresses (>= 1). */
  addressableKeys: number;
  /** Cache entry space: (tenant encryption context, key) pairs = tenants * (resources per tenant for per-resource). */
  entriesPerTenant: number;
  keyOf(tenant: number, classification: number, resource: number): number;
  /** Dense id of the (tenant context, key) pair, in [0, tenants * entriesPerTenant). */
  entryOf(tenant: number, resource: number): number;
  storeOf(key: number): number;
}

export function keyLayout(scenario: Scenario): KeyLayout {
  const { tier, boundary, resourcesPerTenant, store, stores } = scenario.keys;
  const tenants = scenario.tenants.count;
  const classes = scenario.tenants.classifications.length;
  const perResource = boundary === "per-resource" ? Math.max(1, resourcesPerTenant) : 1;
  const effective = tier === "customer-managed" ? boundary : "per-account";
  let count: number;
  let keyOf: KeyLayout["keyOf"];
  switch (effective) {
    case "per-account":
      count = 1;
      keyOf = () => 0;
      break;
    case "per-classification":
      count = classes;
      keyOf = (_t, c) => c;
      break;
    case "per-tenant":
      count = tenants;
      keyOf = (t) => t;
      break;
    case "per-resource":
      count = tenants * perResource;
      keyOf = (t, _c, r) => t * perResource + r;
      break;
  }
  const storeCount = store === "kms" ? 1 : Math.max(1, stores);
  return {
    accountKeys: tier === "aws-owned" ? 0 : count,
    addressableKeys: count,
    entriesPerTenant: perResource,
    keyOf,
    entryOf: (t, r) => t * perResource + r,
    storeOf: (k) => k % storeCount,
  };
}
