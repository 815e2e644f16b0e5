import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/index.js";
import { MINIMAL, brief, problemsOf } from "./helpers.js";

function withVariants(variants: string, extra = ""): string {
  return MINIMAL + extra + "variants:\n" + variants; // variants start at line 11 (10 with no extra)
}

describe("variants", () => {
  it("applies dotted-path overrides", () => {
    const loaded = parseScenario(withVariants("  big: { tenants.count: 500, traffic.rate: 2000, keys.boundary: per-tenant }\n"), "v.yaml");
    const [big] = loaded.variants;
    expect(big.variant).toBe("big");
    expect(big.tenants.count).toBe(500);
    expect(big.traffic.shape).toEqual([{ atMs: 0, ratePerSec: 2000, rampMs: 0 }]);
    expect(big.keys.boundary).toBe("per-tenant");
    expect(loaded.base.tenants.count).toBe(10);
    expect(loaded.base.variant).toBeNull();
  });

  it("merges nested mappings into sections and keeps the rest of the base", () => {
    const text = withVariants("  adaptive: { clients: { retry: { mode: adaptive } } }\n", "clients: { instances: 4, retry: { maxAttempts: 5 } }\n");
    const [v] = parseScenario(text, "v.yaml").variants;
    expect(v.clients).toEqual({ instances: 4, routing: "random", retry: { mode: "adaptive", maxAttempts: 5, profile: "sdk-v3" } });
  });

  it("adds an optional section absent from the base, and removes one with null", () => {
    const text = withVariants("  cached: { cache: { maxAge: 5m } }\n  uncached: { cache: null }\n", "cache: { maxAge: 1m }\n");
    const { base, variants } = parseScenario(text, "v.yaml");
    expect(base.cache).toMatchObject({ maxAgeMs: 60_000 });
    expect(variants[0].cache).toMatchObject({ type: "local", maxAgeMs: 300_000 });
    expect(variants[1].cache).toBeNull();
  });

  it("replaces values that take alternative forms instead of merging them", () => {
    const text = withVariants("  skewed: { tenants: { distribution: { zipf: 1.2 } } }\n  flat: { tenants.classifications: { only: 1 } }\n", "");
    const [skewed, flat] = parseScenario(text.replace("  count: 10\n", "  count: 10\n  classifications: { a: 1, b: 1 }\n"), "v.yaml").variants;
    expect(skewed.tenants.distribution).toEqual({ type: "zipf", exponent: 1.2 });
    expect(flat.tenants.classifications).toEqual([{ name: "only", share: 1 }]);
  });

  it("addresses list entries by index", () => {
    const text = withVariants('  heavier: { traffic.mix.0.weight: 3, "traffic.mix.1": { op: encrypt, weight: 1 } }\n').replace(
      '    - { op: "kms:GenerateDataKey", weight: 1 }\n',
      '    - { op: "kms:GenerateDataKey", weight: 1 }\n    - { op: "kms:Decrypt", weight: 1 }\n',
    );
    const [v] = parseScenario(text, "v.yaml").variants;
    expect(v.traffic.mix.map((m) => [m.label, m.share])).toEqual([
      ["kms:GenerateDataKey", 0.75],
      ["encrypt", 0.25],
    ]);
  });

  it("does not let a variant change the base or another variant", () => {
    const text = withVariants("  a: { keys.boundary: per-tenant }\n  b: { tenants.count: 7 }\n");
    const { base, variants } = parseScenario(text, "v.yaml");
    expect(base.keys.boundary).toBe("per-classification");
    expect(variants[1].keys.boundary).toBe("per-classification");
    expect(variants[0].tenants.count).toBe(10);
  });

  it("reports an unknown path with the variant name, at the override's key", () => {
    const problems = problemsOf(withVariants("  a: { keys.boundry: per-tenant }\n  b: { tenents: { count: 3 } }\n"));
    expect(problems.map(brief)).toEqual([
      '11:8 variants.a["keys.boundry"]: unknown path "keys.boundry" in variant "a"; did you mean "keys.boundary"?',
      '12:8 variants.b.tenents: unknown path "tenents" in variant "b"; did you mean "tenants"?',
    ]);
  });

  it("reports a list index past the end and an attempt to override variants", () => {
    const problems = problemsOf(withVariants("  a: { traffic.mix.3.weight: 1 }\n  b: { variants: {} }\n"));
    expect(problems.map(brief)).toEqual([
      '11:8 variants.a["traffic.mix.3.weight"]: path "traffic.mix.3.weight" in variant "a": no list entry 3 in the base scenario',
      '12:8 variants.b.variants: variant "b" cannot override variants',
    ]);
  });

  it("reports an invalid value from an override at the override", () => {
    const problems = problemsOf(withVariants("  a: { keys.boundary: per-tennant }\n  b: { clients: { instances: 0 } }\n"));
    expect(problems.map(brief)).toEqual([
      '11:23 variants.a["keys.boundary"]: in variant "a": expected one of per-classification, per-account, per-tenant, per-resource, got "per-tennant"; did you mean "per-tenant"?',
      "12:30 variants.b.clients.instances: in variant \"b\": expected a number >= 1, got 0",
    ]);
  });

  it("reports a rule broken only in a variant at the base field, naming the variant", () => {
    // The override is valid alone; with the base's warmup it breaks warmup < duration.
    const problems = problemsOf(withVariants("  short: { duration: 10s }\n", "warmup: 30s\n"));
    expect(problems.map(brief)).toEqual(['10:9 warmup: in variant "short": expected less than duration (10s), got 30s']);
  });

  it("does not repeat a base problem for every variant", () => {
    const problems = problemsOf(withVariants("  a: { tenants.count: 5 }\n  b: { tenants.count: 6 }\n", "warmup: 5m\n"));
    expect(problems.map(brief)).toEqual(["10:9 warmup: expected less than duration (1m), got 5m"]);
  });

  it("requires each variant to be a mapping", () => {
    expect(problemsOf(withVariants("  a: per-tenant\n")).map(brief)).toEqual(['11:6 variants.a: expected a mapping, got "per-tenant"']);
  });
});
