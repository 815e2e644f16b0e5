/** planLive, the scaled live scenario, key slots and names: what a run would create, computed offline. */
import { describe, expect, it } from "vitest";
import { aliasName, bucketName, keySlots, liveScenario, planLive } from "../../src/live/index.js";
import { keyIdOf } from "../../src/live/cleanup.js";
import { makeScenario } from "../fixtures/scenario.js";
import { smallScenario } from "./support.js";

describe("planLive", () => {
  it("plans one key per tenant, aliases under alias/kmsplan/<run>/ and a bucket for S3 mixes", () => {
    const p = planLive({ scenario: smallScenario("p"), yes: false, resultsDir: "r", env: {} }, "run1");
    expect(p.keys).toEqual({ count: 3, names: ["tenant-0", "tenant-1", "tenant-2"] });
    expect(p.aliases).toEqual(["alias/kmsplan/run1/tenant-0", "alias/kmsplan/run1/tenant-1", "alias/kmsplan/run1/tenant-2"]);
    expect(p.bucket).toBe("kmsplan-run1");
    expect(p.realAws).toBe(true);
    // 50/s for 3 s = 150 ops, each at most 1 KMS call (+ 4 management calls per key, 4 bucket calls).
    expect(p.operations).toBe(150);
    expect(p.estimatedKmsRequests).toBe(150 + 12 + 4);
    expect(p.estimatedCostUsd).toBeGreaterThan(0);
  });

  it("caps tenants and scales the rate so a sandbox run stays small", () => {
    const big = makeScenario({ tenants: { count: 3000 }, keys: { boundary: "per-tenant" }, traffic: { shape: [{ atMs: 0, ratePerSec: 9000, rampMs: 0 }] } });
    const s = liveScenario(big, 4, 0.01);
    expect(s.tenants.count).toBe(4);
    expect(s.traffic.shape[0].ratePerSec).toBeCloseTo(90);
    expect(big.tenants.count).toBe(3000); // input untouched
    const p = planLive({ scenario: big, tenants: 4, scale: 0.01, yes: false, resultsDir: "r", endpointUrl: "http://127.0.0.1:1" }, "r2");
    expect(p).toMatchObject({ tenants: 4, realAws: false, bucket: null, keys: { count: 4 } });
    expect(p.notes.join()).toMatch(/tenants capped at 4 of 3000/);
    expect(() => liveScenario(big, 0)).toThrow(TypeError);
    expect(() => liveScenario(big, 2, -1)).toThrow(TypeError);
  });

  it("uses existing keys instead of creating any", () => {
    const p = planLive({ scenario: smallScenario("p"), yes: false, resultsDir: "r", endpointUrl: "http://127.0.0.1:1", useExisting: { keyArns: ["arn:k"], bucket: "mine" } }, "r3");
    expect(p.keys.count).toBe(0);
    expect(p.bucket).toBe("mine");
  });

  it.each([
    ["per-account", ["account"]],
    ["per-classification", ["class-pii", "class-default"]],
    ["per-resource", ["tenant-0-r0", "tenant-0-r1", "tenant-1-r0", "tenant-1-r1"]],
  ] as const)("key slots for %s", (boundary, names) => {
    const s = makeScenario({
      tenants: { count: 2, classifications: [{ name: "pii", share: 0.5 }, { name: "default", share: 0.5 }] },
      keys: { boundary, resourcesPerTenant: 2 },
    });
    expect(keySlots(s).map((k) => k.name)).toEqual(names);
  });

  it("names are valid: bucket 3-63 lowercase chars, alias under the run, key id from an ARN", () => {
    const b = bucketName("20261129T055145z-ABC_def".repeat(4));
    expect(b).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    expect(aliasName("r", "tenant-1")).toBe("alias/kmsplan/r/tenant-1");
    expect(keyIdOf("arn:aws:kms:us-east-1:123456789012:key/6e6b-7f16")).toBe("6e6b-7f16");
    expect(keyIdOf("6e6b-7f16")).toBe("6e6b-7f16");
  });
});
