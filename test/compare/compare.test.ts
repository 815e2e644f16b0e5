import { describe, expect, it } from "vitest";
import { compareResults, compareValue, verdictFor } from "../../src/compare/compare.js";
import { DEFAULT_TOLERANCES } from "../../src/compare/tolerances.js";
import { makeResult } from "../fixtures/result.js";
import type { RunResult } from "../../src/metrics/result.js";

function row(c: ReturnType<typeof compareResults>, metric: string) {
  return c.rows.find((r) => r.metric === metric);
}

describe("compareResults", () => {
  it("matches identical results: every row ok or info, ok = true", () => {
    const c = compareResults(makeResult(), makeResult({ source: "live" }));
    expect(c.ok).toBe(true);
    expect(c.rows.every((r) => r.verdict !== "outside" && r.absDiff === 0)).toBe(true);
    expect(c.measured.source).toBe("live");
  });

  it("has a row for each contract metric, in report order", () => {
    const metrics = compareResults(makeResult(), makeResult()).rows.map((r) => r.metric);
    expect(metrics).toEqual([
      "app.operations",
      "app.failureRate",
      ...["p50", "p90", "p99", "p99_9", "max", "mean"].map((p) => `app.latencyMs.${p}`),
      ...["decrypt", "encrypt", "s3-get", "s3-put"].flatMap((op) => ["p50", "p90", "p99"].map((p) => `app.byOperation.${op}.latencyMs.${p}`)),
      "kms.requests",
      "kms.throttled",
      "kms.throttleRate",
      "kms.retries",
      "kms.byOperation.Decrypt.requests",
      "kms.byOperation.GenerateDataKey.requests",
      "cost.monthlyUsd.total",
    ]);
  });

  // Each default tolerance: exactly at the bound is ok, just beyond is outside.
  it.each([
    ["kms.throttleRate", { kms: { throttleRate: 0.03 } }, { kms: { throttleRate: 0.05 } }, { kms: { throttleRate: 0.0501 } }],
    ["kms.throttleRate", { kms: { throttleRate: 0.05 } }, { kms: { throttleRate: 0.03 } }, { kms: { throttleRate: 0.0299 } }],
    ["app.failureRate", { app: { failureRate: 0.1 } }, { app: { failureRate: 0.12 } }, { app: { failureRate: 0.1201 } }],
    ["kms.requests", { kms: { requests: 100_000 } }, { kms: { requests: 105_000 } }, { kms: { requests: 105_001 } }],
    ["kms.requests", { kms: { requests: 100_000 } }, { kms: { requests: 95_000 } }, { kms: { requests: 94_999 } }],
    ["app.latencyMs.p50", { app: { latencyMs: { p50: 10 } } }, { app: { latencyMs: { p50: 12 } } }, { app: { latencyMs: { p50: 12.01 } } }],
    ["app.latencyMs.p99", { app: { latencyMs: { p99: 30 } } }, { app: { latencyMs: { p99: 24 } } }, { app: { latencyMs: { p99: 23.99 } } }],
  ] as const)("%s: ok at the tolerance, outside just beyond it", (metric, predicted, at, beyond) => {
    const p = makeResult(predicted as never);
    const atC = compareResults(p, makeResult(at as never));
    expect(row(atC, metric)?.verdict).toBe("ok");
    expect(atC.ok).toBe(true);
    const beyondC = compareResults(p, makeResult(beyond as never));
    expect(row(beyondC, metric)?.verdict).toBe("outside");
    expect(beyondC.ok).toBe(false);
    expect(beyondC.rows.filter((r) => r.verdict === "outside").map((r) => r.metric)).toEqual([metric]);
  });

  it("leaves metrics without a tolerance as info, however far apart", () => {
    const c = compareResults(makeResult(), makeResult({ kms: { retries: 10_000_000 }, app: { latencyMs: { p90: 9999 } }, cost: { monthlyUsd: { total: 1 } } }));
    for (const m of ["kms.retries", "app.latencyMs.p90", "cost.monthlyUsd.total", "kms.throttled", "app.operations"]) {
      expect(row(c, m)?.verdict).toBe("info");
      expect(row(c, m)?.tolerance).toEqual({});
    }
    expect(c.ok).toBe(true);
  });

  it("computes signed, absolute and relative differences", () => {
    const c = compareResults(makeResult({ kms: { requests: 200 } }), makeResult({ kms: { requests: 150 } }));
    expect(row(c, "kms.requests")).toMatchObject({ predicted: 200, measured: 150, diff: -50, absDiff: 50, relDiff: 0.25, tolerance: { rel: 0.05 }, verdict: "outside" });
  });

  it("is ok when within abs OR within rel", () => {
    const tol = { "kms.throttled": { abs: 100, rel: 0.1 } };
    const p = makeResult({ kms: { throttled: 10_000 } });
    // 500 off: outside abs (100) but within rel (10% = 1,000)
    expect(row(compareResults(p, makeResult({ kms: { throttled: 10_500 } }), tol), "kms.throttled")?.verdict).toBe("ok");
    const small = makeResult({ kms: { throttled: 10 } });
    // 90 off from 10: 900% relative, but within abs 100
    expect(row(compareResults(small, makeResult({ kms: { throttled: 100 } }), tol), "kms.throttled")?.verdict).toBe("ok");
    // 1,500 off from 10,000: outside both
    expect(row(compareResults(p, makeResult({ kms: { throttled: 11_500 } }), tol), "kms.throttled")?.verdict).toBe("outside");
  });

  it("treats the relative difference from a predicted 0 as undefined: only abs can pass", () => {
    const zero = compareValue("kms.throttled", "count", 0, 5, { rel: 0.5 });
    expect(zero.relDiff).toBeNull();
    expect(zero.verdict).toBe("outside");
    expect(compareValue("kms.throttled", "count", 0, 5, { abs: 5 }).verdict).toBe("ok");
    expect(compareValue("kms.throttled", "count", 0, 0, { rel: 0 }).relDiff).toBe(0);
    expect(compareValue("kms.throttled", "count", 0, 0, { rel: 0 }).verdict).toBe("ok");
  });

  it("fails, naming them, when a contract metric is absent on a side: never ok by dropping it", () => {
    const p = makeResult();
    const m = makeResult();
    (m.app.latencyMs as unknown as Record<string, unknown>).p90 = undefined;
    (p.cost.monthlyUsd as unknown as Record<string, unknown>).total = NaN;
    delete (m.kms as unknown as Record<string, unknown>).requests;
    const c = compareResults(p, m);
    expect(c.missing).toEqual(["app.latencyMs.p90 (measured)", "kms.requests (measured)", "cost.monthlyUsd.total (predicted)"]);
    expect(c.ok).toBe(false);
    expect(c.rows.map((r) => r.metric)).not.toContain("kms.requests");
    // Everything else still agrees.
    expect(c.rows.every((r) => r.verdict !== "outside")).toBe(true);
  });

  it("an empty app and kms check nothing and are not ok", () => {
    const empty = { app: {}, kms: {} } as unknown as RunResult;
    const c = compareResults(empty, empty);
    expect(c.rows).toEqual([]);
    expect(c.missing).toHaveLength(13);
    expect(c.ok).toBe(false);
  });

  it("compares per-operation metrics of operations on both sides, and warns about the others", () => {
    const p = makeResult();
    const m = makeResult();
    delete (m.app.byOperation as Record<string, unknown>)["s3-put"];
    delete (p.kms.byOperation as Record<string, unknown>)["Decrypt"];
    const c = compareResults(p, m);
    const metrics = c.rows.map((r) => r.metric);
    expect(metrics.some((x) => x.includes("s3-put"))).toBe(false);
    expect(metrics).not.toContain("kms.byOperation.Decrypt.requests");
    expect(metrics).toContain("kms.byOperation.GenerateDataKey.requests");
    expect(c.missing).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.warnings).toEqual(["app.byOperation: s3-put only in predicted (not compared)", "kms.byOperation: Decrypt only in measured (not compared)"]);
  });

  it("with named metrics, compares only those and requires only those", () => {
    const m = makeResult();
    delete (m.kms as unknown as Record<string, unknown>).requests;
    const c = compareResults(makeResult(), m, DEFAULT_TOLERANCES, { metrics: ["kms.throttleRate", "app.byOperation.*.latencyMs.p99_9"] });
    expect(c.rows.map((r) => r.metric)).toEqual(["app.byOperation.decrypt.latencyMs.p99_9", "app.byOperation.encrypt.latencyMs.p99_9", "app.byOperation.s3-get.latencyMs.p99_9", "app.byOperation.s3-put.latencyMs.p99_9", "kms.throttleRate"]);
    expect(c.ok).toBe(true);
    const named = compareResults(makeResult(), m, DEFAULT_TOLERANCES, { metrics: ["kms.requests", "kms.byOperation.Encrypt.requests"] });
    expect(named.missing).toEqual(["kms.requests (measured)", "kms.byOperation.Encrypt.requests (no such operation on both sides)"]);
    expect(named.ok).toBe(false);
  });

  it("compares p99_9, max and mean per operation when a tolerance names them", () => {
    const tol = { ...DEFAULT_TOLERANCES, "app.byOperation.*.latencyMs.max": { rel: 0.1 }, "app.latencyMs.mean": { rel: 0.1 } };
    const m = makeResult({ app: { latencyMs: { mean: 9.2 * 1.5 }, byOperation: { encrypt: { latencyMs: { max: 95 * 2 } } } } });
    const c = compareResults(makeResult(), m, tol);
    expect(row(c, "app.byOperation.encrypt.latencyMs.max")?.verdict).toBe("outside");
    expect(row(c, "app.byOperation.decrypt.latencyMs.max")?.verdict).toBe("ok");
    expect(row(c, "app.latencyMs.mean")?.verdict).toBe("outside");
    expect(row(c, "app.byOperation.decrypt.latencyMs.p99_9")).toBeUndefined();
  });

  it.each([
    ["scenario", { scenario: "other" }, /different scenarios: predicted "saas-per-tenant", measured "other"/],
    ["seed", { seed: 7 }, /different seeds: predicted 42, measured 7/],
    ["duration", { simulatedSeconds: 60 }, /different durations: predicted 600 s, measured 60 s/],
  ] as const)("warns when the results are of different runs (%s)", (_what, over, pattern) => {
    const c = compareResults(makeResult(), makeResult(over as never));
    expect(c.warnings.join("\n")).toMatch(pattern);
  });

  it("allows a live window to run up to 30 s longer (draining) without a duration warning", () => {
    const sim = makeResult({ simulatedSeconds: 20 });
    expect(compareResults(sim, makeResult({ simulatedSeconds: 45, source: "live" })).warnings).toEqual([]);
    expect(compareResults(sim, makeResult({ simulatedSeconds: 60, source: "live" })).warnings.join()).toMatch(/different durations/);
    expect(compareResults(sim, makeResult({ simulatedSeconds: 23 })).warnings.join()).toMatch(/different durations/);
  });

  it("skips latencies of an operation that did not run on one side", () => {
    const m = makeResult({ app: { byOperation: { encrypt: { operations: 0, succeeded: 0, failed: 0 } } } });
    const metrics = compareResults(makeResult(), m).rows.map((r) => r.metric);
    expect(metrics.some((x) => x.startsWith("app.byOperation.encrypt."))).toBe(false);
    expect(metrics).toContain("app.byOperation.decrypt.latencyMs.p50");
  });

  it("applies wildcard per-operation tolerances and prefers the exact name", () => {
    const tol = {
      ...DEFAULT_TOLERANCES,
      "kms.byOperation.*.requests": { rel: 0.01 },
      "kms.byOperation.Decrypt.requests": { rel: 0.5 },
    };
    const m = makeResult({ kms: { byOperation: { Decrypt: { requests: 2_700_000 * 1.2 }, GenerateDataKey: { requests: 2_900_000 * 1.02 } } } });
    const c = compareResults(makeResult(), m, tol);
    expect(row(c, "kms.byOperation.Decrypt.requests")?.verdict).toBe("ok");
    expect(row(c, "kms.byOperation.GenerateDataKey.requests")?.verdict).toBe("outside");
    expect(c.ok).toBe(false);
  });

  it("rejects what is not a result", () => {
    expect(() => compareResults(null as unknown as RunResult, makeResult())).toThrow(/predicted/);
    expect(() => compareResults(makeResult(), {} as RunResult)).toThrow(/measured/);
  });
});

describe("verdictFor", () => {
  it.each([
    [0.02, null, { abs: 0.02 }, "ok"],
    [0.0200001, null, { abs: 0.02 }, "outside"],
    [5, 0.05, { rel: 0.05 }, "ok"],
    [5, 0.0500001, { rel: 0.05 }, "outside"],
    [5, 0.5, {}, "info"],
    [5, 0.5, undefined, "info"],
    [0.05 - 0.03, null, { abs: 0.02 }, "ok"], // 0.020000000000000004 in binary
  ] as const)("absDiff %s relDiff %s tolerance %j -> %s", (abs, rel, tol, want) => {
    expect(verdictFor(abs, rel, tol)).toBe(want);
  });
});
