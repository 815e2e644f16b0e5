import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { DEFAULT_KEY_PAIR_QUOTAS, QUOTA_SOURCE } from "../../src/model/quotas.js";
import { loadScenarioFile, parseScenario } from "../../src/scenario/index.js";
import { MINIMAL, SPEC_EXAMPLE, SPEC_EXAMPLE_FILE, edit } from "./helpers.js";

describe("parseScenario: the spec example", () => {
  const loaded = parseScenario(SPEC_EXAMPLE, "spec-example.yaml");
  const s = loaded.base;

  it("resolves the top level, account and tenants", () => {
    expect(loaded.file).toBe("spec-example.yaml");
    expect({ name: s.name, description: s.description, variant: s.variant, seed: s.seed, durationMs: s.durationMs, warmupMs: s.warmupMs }).toEqual({
      name: "saas-per-tenant",
      description: "3,000 tenants, one CMK each",
      variant: null,
      seed: 42,
      durationMs: 600_000,
      warmupMs: 30_000,
    });
    expect(s.account.region).toBe("us-east-1");
    expect(s.account.quotas).toMatchObject({ symmetricPerSec: 10_000, rsaPerSec: 1_000, eccPerSec: 1_000, customKeyStorePerSec: 1_800 });
    expect(s.account.quotas.keyPairPerSec).toEqual(DEFAULT_KEY_PAIR_QUOTAS);
    expect(s.account.quotas.source).toMatch(/^scenario \(symmetric, rsa, ecc, customKeyStore\)/);
    expect(s.account.throttle).toEqual({ model: "token-bucket", burstSeconds: 1 });
    expect(s.tenants).toEqual({
      count: 3000,
      distribution: { type: "uniform" },
      classifications: [
        { name: "pii", share: 0.2 },
        { name: "financial", share: 0.1 },
        { name: "default", share: 0.7 },
      ],
    });
  });

  it("resolves keys, clients, cache and s3", () => {
    expect(s.keys).toEqual({
      tier: "customer-managed",
      boundary: "per-classification",
      resourcesPerTenant: 10,
      spec: "SYMMETRIC_DEFAULT",
      store: "kms",
      stores: 1,
      rotation: { type: "every", days: 365 },
      extraWrappingKeys: 0,
    });
    expect(s.clients).toEqual({ instances: 20, routing: "random", retry: { mode: "standard", maxAttempts: 3, profile: "sdk-v3" } });
    expect(s.cache).toEqual({ type: "local", maxAgeMs: 300_000, maxMessagesEncrypted: 1000, maxBytesEncrypted: 1024 ** 3, capacity: 1000 });
    expect(s.s3).toEqual({ bucketKeys: true, bucketKeyLifetimeMs: 300_000, requesters: { type: "count", count: 20 }, buckets: 1, legacyObjectShare: 0 });
  });

  it("resolves traffic: shape in ms, weights to shares, sizes in bytes", () => {
    expect(s.traffic.arrivals).toBe("poisson");
    expect(s.traffic.shape).toEqual([
      { atMs: 0, ratePerSec: 9000, rampMs: 0 },
      { atMs: 300_000, ratePerSec: 15_000, rampMs: 30_000 },
    ]);
    expect(s.traffic.mix.map((m) => [m.label, m.op, m.kmsOperation, m.share, m.sizeBytes])).toEqual([
      ["s3-put", "s3-put", null, 0.3, 65_536],
      ["s3-get", "s3-get", null, 0.5, 0],
      ["encrypt", "encrypt", null, 0.1, 4_096],
      ["decrypt", "decrypt", null, 0.1, 0],
      ["kms:GenerateDataKey", "kms", "GenerateDataKey", 0, 0],
    ]);
    for (const m of s.traffic.mix) {
      expect(m.streaming).toBe(false);
      expect(m.keyPairSpec).toBeNull();
      expect(m.readAge).toEqual({ type: "fixed", ageMs: 0 });
    }
  });

  it("resolves latency in ms", () => {
    expect(s.latency).toEqual({
      kms: { p50Ms: 8, p99Ms: 30 },
      throttled: { p50Ms: 2, p99Ms: 8 },
      s3: { p50Ms: 20, p99Ms: 80 },
      client: { p50Ms: 2, p99Ms: 12 },
    });
  });

  it("resolves the variants in file order, each naming itself", () => {
    expect(loaded.variants.map((v) => [v.variant, v.keys.boundary])).toEqual([
      ["per-tenant", "per-tenant"],
      ["per-classification", "per-classification"],
    ]);
    // Apart from the override and the name, a variant is the base.
    const { variant, keys, ...rest } = loaded.variants[0];
    const { variant: _v, keys: baseKeys, ...baseRest } = s;
    expect(rest).toEqual(baseRest);
    expect({ ...keys, boundary: "per-classification" }).toEqual(baseKeys);
    expect(variant).toBe("per-tenant");
  });

  it("loads from a file the same as from text", async () => {
    const fromFile = await loadScenarioFile(SPEC_EXAMPLE_FILE);
    expect(fromFile.base).toEqual(s);
    expect(fromFile.file).toBe(SPEC_EXAMPLE_FILE);
  });
});

describe("parseScenario: defaults", () => {
  const s = parseScenario(MINIMAL, "minimal.yaml").base;

  it("fills every default of an omitted section", () => {
    expect(s.seed).toBe(1);
    expect(s.description).toBe("");
    expect(s.warmupMs).toBe(0);
    expect(s.account.region).toBe("us-east-1");
    expect(s.account.quotas).toEqual({
      symmetricPerSec: 100_000,
      rsaPerSec: 1_000,
      eccPerSec: 1_000,
      customKeyStorePerSec: 1_800,
      keyPairPerSec: DEFAULT_KEY_PAIR_QUOTAS,
      source: QUOTA_SOURCE,
    });
    expect(s.account.throttle).toEqual({ model: "token-bucket", burstSeconds: 1 });
    expect(s.tenants).toEqual({ count: 10, distribution: { type: "uniform" }, classifications: [{ name: "default", share: 1 }] });
    expect(s.keys).toEqual({
      tier: "customer-managed",
      boundary: "per-classification",
      resourcesPerTenant: 1,
      spec: "SYMMETRIC_DEFAULT",
      store: "kms",
      stores: 1,
      rotation: { type: "none" },
      extraWrappingKeys: 0,
    });
    expect(s.clients).toEqual({ instances: 1, routing: "random", retry: { mode: "standard", maxAttempts: 3, profile: "sdk-v3" } });
    expect(s.cache).toBeNull();
    expect(s.s3).toEqual({ bucketKeys: false, bucketKeyLifetimeMs: 300_000, requesters: { type: "per-instance" }, buckets: 1, legacyObjectShare: 0 });
    expect(s.traffic.arrivals).toBe("poisson");
    expect(s.traffic.shape).toEqual([{ atMs: 0, ratePerSec: 100, rampMs: 0 }]);
    expect(s.latency).toEqual({
      kms: { p50Ms: 8, p99Ms: 30 },
      throttled: { p50Ms: 2, p99Ms: 8 },
      s3: { p50Ms: 20, p99Ms: 80 },
      client: { p50Ms: 0, p99Ms: 0 },
    });
  });

  it.each([
    ["eu-north-1", 10_000],
    ["eu-central-1", 20_000],
    ["us-west-2", 100_000],
  ])("region %s -> symmetric quota %d", (region, quota) => {
    const r = parseScenario(edit(MINIMAL, "duration: 1m", `duration: 1m\naccount: { region: ${region} }`), "r.yaml").base;
    expect(r.account.quotas.symmetricPerSec).toBe(quota);
    expect(r.account.quotas.source).toBe(QUOTA_SOURCE);
  });

  it("merges key-pair quota overrides and says which quotas came from the scenario", () => {
    const text = edit(MINIMAL, "duration: 1m", "duration: 1m\naccount: { quotas: { symmetric: 5000, keyPair: { RSA_2048: 40 } } }");
    const q = parseScenario(text, "q.yaml").base.account.quotas;
    expect(q.symmetricPerSec).toBe(5000);
    expect(q.keyPairPerSec).toEqual({ ...DEFAULT_KEY_PAIR_QUOTAS, RSA_2048: 40 });
    expect(q.source).toBe(`scenario (symmetric, keyPair); others: ${QUOTA_SOURCE}`);
    const all = "account: { quotas: { symmetric: 1, rsa: 2, ecc: 3, customKeyStore: 4, keyPair: { SM2: 5 } } }";
    expect(parseScenario(edit(MINIMAL, "duration: 1m", `duration: 1m\n${all}`), "q.yaml").base.account.quotas.source).toBe("scenario");
  });

  it.each([
    ["throttle", "account: { throttle: { model: fixed-window } }", (s: any) => s.account.throttle, { model: "fixed-window", windowMs: 1000 }],
    ["throttle window", "account: { throttle: { model: fixed-window, windowMs: 2s } }", (s: any) => s.account.throttle, { model: "fixed-window", windowMs: 2000 }],
    ["zipf", "tenants: { count: 10, distribution: { zipf: 1.1 } }", (s: any) => s.tenants.distribution, { type: "zipf", exponent: 1.1 }],
    ["shares", "tenants: { count: 10, classifications: { a: 1, b: 3 } }", (s: any) => s.tenants.classifications, [{ name: "a", share: 0.25 }, { name: "b", share: 0.75 }]],
    ["rotation days", "keys: { rotation: { everyDays: 90 } }", (s: any) => s.keys.rotation, { type: "every", days: 90 }],
    ["retry off", "clients: { retry: { mode: off } }", (s: any) => s.clients.retry, { mode: "off", maxAttempts: 1, profile: "sdk-v3" }],
    ["retry off wins over maxAttempts", "clients: { retry: { mode: off, maxAttempts: 5 } }", (s: any) => s.clients.retry.maxAttempts, 1],
    ["local cache", "cache: { maxAge: 5m }", (s: any) => s.cache, { type: "local", maxAgeMs: 300_000, maxMessagesEncrypted: 2 ** 32, maxBytesEncrypted: 2 ** 53 - 1, capacity: Infinity }],
    ["hierarchical cache", "cache: { type: hierarchical, ttl: 10m }", (s: any) => s.cache, { type: "hierarchical", ttlMs: 600_000, branchKeys: "per-tenant", capacity: Infinity }],
    ["requesters per-tenant", "s3: { requesters: per-tenant }", (s: any) => s.s3.requesters, { type: "per-tenant" }],
    ["bucket keys", "s3: { bucketKeys: true, bucketKeyLifetime: 1h, legacyObjectShare: 0.25, buckets: 3 }", (s: any) => s.s3, { bucketKeys: true, bucketKeyLifetimeMs: 3_600_000, requesters: { type: "per-instance" }, buckets: 3, legacyObjectShare: 0.25 }],
  ])("%s", (_name, yaml, pick, expected) => {
    const text = edit(MINIMAL, "duration: 1m", `duration: 1m\n${yaml}`).replace(yaml.startsWith("tenants") ? "tenants:\n  count: 10\n" : "\u0000", "");
    expect(pick(parseScenario(text, "d.yaml").base)).toEqual(expected);
  });

  it("resolves mix entry defaults and options per operation", () => {
    const mix = [
      "    - { op: encrypt, weight: 1, streaming: true }",
      "    - { op: s3-put, weight: 1 }",
      "    - { op: decrypt, weight: 1, readAge: 1h }",
      "    - { op: s3-get, weight: 1, readAge: { uniform: [0s, 1d] } }",
      "    - { op: decrypt, weight: 1, readAge: { exponential: 30m } }",
      '    - { op: "kms:GenerateDataKeyPair", weight: 1 }',
      '    - { op: "kms:GenerateDataKeyPairWithoutPlaintext", weight: 3, keyPairSpec: RSA_2048 }',
    ].join("\n");
    const text = edit(MINIMAL, '    - { op: "kms:GenerateDataKey", weight: 1 }', mix);
    const m = parseScenario(text, "m.yaml").base.traffic.mix;
    expect(m.map((e) => [e.label, e.share, e.sizeBytes, e.streaming, e.keyPairSpec])).toEqual([
      ["encrypt", 1 / 9, 4096, true, null],
      ["s3-put", 1 / 9, 4096, false, null],
      ["decrypt", 1 / 9, 0, false, null],
      ["s3-get", 1 / 9, 0, false, null],
      ["decrypt", 1 / 9, 0, false, null],
      ["kms:GenerateDataKeyPair", 1 / 9, 0, false, "ECC_NIST_P256"],
      ["kms:GenerateDataKeyPairWithoutPlaintext", 3 / 9, 0, false, "RSA_2048"],
    ]);
    expect(m.slice(2, 5).map((e) => e.readAge)).toEqual([
      { type: "fixed", ageMs: 3_600_000 },
      { type: "uniform", minMs: 0, maxMs: 86_400_000 },
      { type: "exponential", meanMs: 1_800_000 },
    ]);
  });

  it.each([
    ["rate only", "  rate: 100\n", [{ atMs: 0, ratePerSec: 100, rampMs: 0 }]],
    ["shape only, starting later", "  shape: [{ at: 10s, rate: 5, ramp: 5s }]\n", [{ atMs: 10_000, ratePerSec: 5, rampMs: 5_000 }]],
    ["rate before a later shape", "  rate: 7\n  shape: [{ at: 10s, rate: 5 }]\n", [{ atMs: 0, ratePerSec: 7, rampMs: 0 }, { atMs: 10_000, ratePerSec: 5, rampMs: 0 }]],
    ["shape at 0 wins over rate", "  rate: 7\n  shape: [{ at: 0, rate: 5 }, { at: 1m, rate: 9 }]\n", [{ atMs: 0, ratePerSec: 5, rampMs: 0 }, { atMs: 60_000, ratePerSec: 9, rampMs: 0 }]],
  ])("traffic shape: %s", (_name, yaml, shape) => {
    const text = edit(MINIMAL, "  rate: 100\n", yaml);
    expect(parseScenario(text, "t.yaml").base.traffic.shape).toEqual(shape);
  });
});

describe("loadScenarioFile", () => {
  it("reports a missing file as a ScenarioError naming the file", async () => {
    const err = await loadScenarioFile("/nonexistent/dir/nope.yaml").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).problems).toEqual([
      { file: "/nonexistent/dir/nope.yaml", line: null, col: null, path: "", message: "cannot read scenario file: no such file" },
    ]);
    expect((err as ScenarioError).cause).toBeDefined();
  });

  it("reports a directory as a ScenarioError", async () => {
    const dir = fileURLToPath(new URL("../fixtures", import.meta.url));
    const err = await loadScenarioFile(dir).catch((e: unknown) => e);
    expect((err as ScenarioError).problems[0].message).toBe("cannot read scenario file: it is a directory");
  });

  it("rejects a non-string argument as a programmer error", async () => {
    await expect(loadScenarioFile(42 as unknown as string)).rejects.toThrow(TypeError);
    expect(() => parseScenario(undefined as unknown as string, "x")).toThrow(/Expected text to be a string/);
  });
});

describe("example scenarios in scenarios/", () => {
  const root = fileURLToPath(new URL("../../scenarios", import.meta.url));
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml")).sort();
  it.each(files)("%s loads", async (f) => {
    const loaded = await loadScenarioFile(join(root, f));
    expect(loaded.base.name.length).toBeGreaterThan(0);
  });
});
