import { describe, expect, it } from "vitest";
import { monthlyCost, SECONDS_PER_MONTH } from "../../src/model/cost.js";
import { keyLayout } from "../../src/model/keyLayout.js";
import { LognormalLatency, Z_99 } from "../../src/model/latency.js";
import { poolsFor } from "../../src/model/pools.js";
import { defaultSymmetricQuota } from "../../src/model/quotas.js";
import { makeScenario } from "../fixtures/scenario.js";

describe("monthlyCost", () => {
  it("charges $1 per customer managed key and $0.03 per 10k symmetric requests after the free tier", () => {
    const c = monthlyCost({ tier: "customer-managed", keys: 3000, rotationEveryDays: null, servedPerSecByClass: { SYMMETRIC_DEFAULT: 9000 } });
    expect(c.keys).toBe(3000);
    expect(c.requests).toBeCloseTo(((9000 * SECONDS_PER_MONTH - 20_000) / 10_000) * 0.03, 1);
    expect(c.total).toBeCloseTo(c.keys + c.requests, 2);
  });
  it("caps rotation at two billed rotations and bills nothing for AWS owned keys", () => {
    expect(monthlyCost({ tier: "customer-managed", keys: 10, rotationEveryDays: 90, servedPerSecByClass: {} }).rotation).toBe(20);
    expect(monthlyCost({ tier: "aws-owned", keys: 0, rotationEveryDays: null, servedPerSecByClass: { SYMMETRIC_DEFAULT: 100 } }).total).toBe(0);
    expect(monthlyCost({ tier: "aws-managed", keys: 1, rotationEveryDays: 365, servedPerSecByClass: {} }).keys).toBe(0);
  });
  it("keeps the free tier off asymmetric requests", () => {
    const c = monthlyCost({ tier: "customer-managed", keys: 0, rotationEveryDays: null, servedPerSecByClass: { RSA_4096: 1 } });
    expect(c.billableRequestsPerMonth).toBe(SECONDS_PER_MONTH);
  });
});

describe("keyLayout", () => {
  it.each([
    ["per-account", 1],
    ["per-classification", 3],
    ["per-tenant", 3000],
    ["per-resource", 30000],
  ] as const)("%s -> %i keys", (boundary, keys) => {
    const s = makeScenario({
      tenants: { count: 3000, classifications: [{ name: "a", share: 0.2 }, { name: "b", share: 0.1 }, { name: "c", share: 0.7 }] },
      keys: { boundary, resourcesPerTenant: 10 },
    });
    expect(keyLayout(s).accountKeys).toBe(keys);
  });
  it("AWS owned keys are not in the account; AWS managed keys are one", () => {
    expect(keyLayout(makeScenario({ keys: { tier: "aws-owned", boundary: "per-tenant" } })).accountKeys).toBe(0);
    expect(keyLayout(makeScenario({ keys: { tier: "aws-managed", boundary: "per-tenant" } })).accountKeys).toBe(1);
  });
});

describe("pools", () => {
  it.each([
    [{ operation: "GenerateDataKey", keySpec: "SYMMETRIC_DEFAULT" }, ["symmetric"]],
    [{ operation: "GenerateMac", keySpec: "HMAC_256" }, ["symmetric"]],
    [{ operation: "Sign", keySpec: "RSA_2048" }, ["rsa"]],
    [{ operation: "Sign", keySpec: "ECC_NIST_P256" }, ["ecc"]],
    [{ operation: "GenerateDataKeyPair", keySpec: "SYMMETRIC_DEFAULT", keyPairSpec: "RSA_2048" }, ["keypair:RSA_2048"]],
    [{ operation: "Decrypt", keySpec: "SYMMETRIC_DEFAULT", store: "external" as const, storeIndex: 2 }, ["symmetric", "store:2"]],
    [{ operation: "Decrypt", keySpec: "SYMMETRIC_DEFAULT", tier: "aws-owned" as const }, []],
    [{ operation: "CreateKey", keySpec: "SYMMETRIC_DEFAULT" }, []],
  ])("%o -> %o", (req, pools) => {
    expect(poolsFor({ tier: "customer-managed", store: "kms", storeIndex: 0, ...req })).toEqual(pools);
  });
  it("uses the Region tiers of the quota table", () => {
    expect(defaultSymmetricQuota("us-east-1")).toBe(100_000);
    expect(defaultSymmetricQuota("eu-central-1")).toBe(20_000);
    expect(defaultSymmetricQuota("eu-north-1")).toBe(10_000);
  });
});

describe("LognormalLatency", () => {
  it("is fitted to p50 and p99", () => {
    const l = new LognormalLatency({ p50Ms: 8, p99Ms: 30 });
    expect(l.quantileMs(0)).toBeCloseTo(8, 9);
    expect(l.quantileMs(Z_99)).toBeCloseTo(30, 9);
    expect(l.meanMs()).toBeCloseTo(9.4, 1);
  });
});
