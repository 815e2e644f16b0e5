/**
 * Golden summaries for every scenario in scenarios/: the key figures of each (variant) result,
 * compared with test/scenarios/golden/<name>.json. A change to the model that moves a number shows
 * up here as a diff to review (update with `npx vitest run test/scenarios -u`), and each scenario's
 * story is asserted in words as well.
 */
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { simulateAll } from "../../src/sim/simulateAll.js";
import type { RunResult } from "../../src/metrics/result.js";

const dir = join(import.meta.dirname, "..", "..", "scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

function summary(r: RunResult) {
  const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    variant: r.variant,
    operations: r.app.operations,
    failed: r.app.failed,
    latencyMs: { p50: r.app.latencyMs.p50, p99: r.app.latencyMs.p99 },
    kmsRequests: r.kms.requests,
    throttled: r.kms.throttled,
    throttleRate: round(r.kms.throttleRate),
    retries: r.kms.retries,
    budgetExhausted: r.kms.budgetExhausted,
    kmsByOperation: r.kms.byOperation,
    pools: r.kms.pools.map((p) => ({ pool: p.pool, peakPerSec: p.peakPerSec, secondsThrottled: p.secondsThrottled })),
    cache: { hits: r.cache.hits, misses: r.cache.misses, stampedeMisses: r.cache.stampedeMisses },
    keys: r.keys.count,
    monthlyUsd: r.cost.monthlyUsd,
    savings: r.savings?.map((s) => `${s.lever}: ${s.metric} ${s.without} -> ${s.with} (-${s.reductionPct}%)`),
    warnings: r.warnings.length,
  };
}

const results = new Map<string, RunResult[]>();
async function run(file: string): Promise<RunResult[]> {
  if (!results.has(file)) {
    const loaded = await loadScenarioFile(join(dir, file));
    const scenarios = loaded.variants.length ? loaded.variants : [loaded.base];
    // On the worker pool (all cores), which gives the same bytes as simulate() one by one.
    results.set(file, await simulateAll(scenarios));
  }
  return results.get(file)!;
}

describe("golden summaries of scenarios/", () => {
  // s3-heavy is 40 simulated minutes at 24,000 ops/s: a minute or more of CPU on a busy 2-core box.
  it.each(files)("%s", { timeout: 300_000 }, async (file) => {
    const rs = await run(file);
    await expect(JSON.stringify(rs.map(summary), null, 2) + "\n").toMatchFileSnapshot(join("golden", file.replace(/\.yaml$/, ".json")));
  });
});

const by = (rs: RunResult[], v: string) => rs.find((r) => r.variant === v)!;

describe("what each scenario shows", () => {
  it("saas-3000-tenants: key layouts throttle alike; 3,000 keys cost $3,000 a month more... and buy nothing", async () => {
    const rs = await run("saas-3000-tenants.yaml");
    const [t, c, a] = ["per-tenant", "per-classification", "per-account"].map((v) => by(rs, v));
    expect(t.kms.throttled).toBeGreaterThan(0);
    expect(c.kms.throttled).toBe(t.kms.throttled);
    expect(a.kms.throttled).toBe(t.kms.throttled);
    expect([t.keys.count, c.keys.count, a.keys.count]).toEqual([3000, 3, 1]);
    const sym = t.kms.pools.find((p) => p.pool === "symmetric")!;
    expect(sym.peakMinuteAvgPerSec).toBeLessThan(sym.quotaPerSec);
    expect(sym.secondsThrottled).toBeGreaterThan(0);
  });

  it("s3-heavy: Bucket Keys remove almost all of S3's KMS calls and the throttling", async () => {
    const rs = await run("s3-heavy.yaml");
    const without = by(rs, "without-bucket-keys"), withBk = by(rs, "with-bucket-keys");
    expect(without.kms.throttled).toBeGreaterThan(0);
    expect(withBk.kms.throttled).toBe(0);
    expect(withBk.kms.requests / without.kms.requests).toBeLessThan(0.01);
  });

  it("over-quota-burst: retries amplify load and spend the retry budget; adaptive mode sends less", async () => {
    const rs = await run("over-quota-burst.yaml");
    const std = by(rs, "standard-retries"), none = by(rs, "no-retries"), adaptive = by(rs, "adaptive-retries");
    expect(std.kms.requests).toBeGreaterThan(none.kms.requests * 1.1);
    expect(std.kms.budgetExhausted).toBeGreaterThan(0);
    expect(none.kms.retries).toBe(0);
    expect(adaptive.kms.requests).toBeLessThan(std.kms.requests);
  });

  it("caching-aws-example: 500 encrypts/s with 100 uses per key -> 5 GenerateDataKey/s, more with real KMS latency", async () => {
    const rs = await run("caching-aws-example.yaml");
    const perSec = (r: RunResult) => r.kms.byOperation.GenerateDataKey.requests / r.simulatedSeconds;
    expect(perSec(by(rs, "aws-arithmetic"))).toBe(5);
    const real = by(rs, "realistic-latency");
    expect(perSec(real)).toBeGreaterThan(10);
    expect(real.cache.stampedeMisses).toBeGreaterThan(0);
  });

  it("bucket-keys-aws-sample: 150 KMS calls without Bucket Keys, 4 with (-97.3%)", async () => {
    const rs = await run("bucket-keys-aws-sample.yaml");
    expect(by(rs, "without-bucket-keys").kms.requests).toBe(150);
    expect(by(rs, "with-bucket-keys").kms.requests).toBe(4);
  });

  it("caching-stampede: concurrent misses at expiry each call KMS", async () => {
    const [r] = await run("caching-stampede.yaml");
    expect(r.cache.stampedeMisses).toBeGreaterThan(0);
    expect(r.warnings.join("\n")).toMatch(/stampede/);
  });
});
