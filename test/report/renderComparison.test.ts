import { describe, expect, it } from "vitest";
import { peakPoolShare, renderVariants, worstSecondsThrottled } from "../../src/report/renderComparison.js";
import { makeResult } from "../fixtures/result.js";

describe("renderVariants", () => {
  const perTenant = makeResult({ variant: "per-tenant", keys: { count: 3000 }, warnings: ["per-tenant warning"] });
  const perClass = makeResult({
    variant: "per-classification",
    keys: { count: 3 },
    cost: { monthlyUsd: { keys: 3, rotation: 0, requests: 14_500.5, total: 14_503.5 } },
    cache: { hits: 0, misses: 0 },
    warnings: [],
  });
  const out = renderVariants([perTenant, perClass]);
  const lines = out.split("\n");

  it("has one column per variant, labelled variant ?? scenario", () => {
    expect(lines[1]).toMatch(/per-tenant.*per-classification/);
    const unnamed = renderVariants([makeResult({ scenario: "a" }), makeResult({ scenario: "b" })]);
    expect(unnamed.split("\n")[1]).toMatch(/│\s+a\s+│\s+b\s+│/);
  });

  it.each([
    ["ops/s", "9,000", "9,000"],
    ["keys", "3,000", "3"],
    ["monthly cost: total", "$17,500.50", "$14,503.50"],
    ["cache hit rate", "99.1%", "-"],
    ["peak pool % of quota (1-s)", "100.0%", "100.0%"],
    ["throttle rate", "2.7%", "2.7%"],
  ])("row %s shows %s and %s", (label, a, b) => {
    const row = lines.find((l) => l.includes(label));
    expect(row).toBeDefined();
    const cells = row!.split("│").map((c) => c.trim()).filter((c) => c.length > 0);
    expect(cells).toEqual([label, a, b]);
  });

  it("has every decision row", () => {
    for (const label of ["failure rate", "latency p50", "latency p99", "latency p99.9", "KMS requests", "retries", "seconds throttled", "monthly cost: requests"]) {
      expect(out).toContain(label);
    }
  });

  it("lists each result's warnings under its label", () => {
    expect(out).toContain("Warnings: per-tenant (1)");
    expect(out).toContain("per-tenant warning");
    expect(out).not.toContain("Warnings: per-classification");
  });

  it("takes the worst pool for share of quota and throttled seconds", () => {
    const r = makeResult({
      kms: {
        pools: [
          { pool: "symmetric", quotaPerSec: 100, requests: 0, meanPerSec: 0, peakPerSec: 50, peakMinuteAvgPerSec: 0, secondsThrottled: 3, throttled: 0 },
          { pool: "rsa", quotaPerSec: 10, requests: 0, meanPerSec: 0, peakPerSec: 12, peakMinuteAvgPerSec: 0, secondsThrottled: 7, throttled: 0 },
        ],
      },
    });
    expect(peakPoolShare(r)).toBeCloseTo(1.2);
    expect(worstSecondsThrottled(r)).toBe(7);
  });

  it("rejects an empty list", () => {
    expect(() => renderVariants([])).toThrow(TypeError);
  });
});
