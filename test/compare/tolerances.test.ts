import { describe, expect, it } from "vitest";
import { DEFAULT_TOLERANCES, isKnownMetric, parseTolerances, toleranceFor, wildcardOf } from "../../src/compare/tolerances.js";
import { UsageError } from "../../src/errors.js";

function problemsOf(text: string): string {
  try {
    parseTolerances(text);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("expected parseTolerances to throw");
}

describe("DEFAULT_TOLERANCES", () => {
  it("holds the documented defaults", () => {
    expect(DEFAULT_TOLERANCES).toEqual({
      "kms.throttleRate": { abs: 0.02 },
      "app.failureRate": { abs: 0.02 },
      "kms.requests": { rel: 0.05 },
      "app.latencyMs.p50": { rel: 0.2 },
      "app.latencyMs.p99": { rel: 0.2 },
    });
  });
});

describe("parseTolerances", () => {
  it("merges a JSON file over the defaults, replacing whole entries", () => {
    const t = parseTolerances('{ "kms.requests": { "abs": 100 }, "kms.retries": { "rel": 0.1 } }');
    expect(t["kms.requests"]).toEqual({ abs: 100 });
    expect(t["kms.retries"]).toEqual({ rel: 0.1 });
    expect(t["kms.throttleRate"]).toEqual({ abs: 0.02 });
  });

  it("accepts every latency key a result has: p50 p90 p99 p99_9 max mean", () => {
    const t = parseTolerances("app.latencyMs.p99_9: { rel: 0.3 }\napp.latencyMs.max: { rel: 1 }\napp.latencyMs.mean: { abs: 2 }\napp.byOperation.*.latencyMs.p99_9: { rel: 0.5 }\n");
    expect(t["app.latencyMs.p99_9"]).toEqual({ rel: 0.3 });
    expect(t["app.latencyMs.max"]).toEqual({ rel: 1 });
    expect(t["app.latencyMs.mean"]).toEqual({ abs: 2 });
    expect(toleranceFor("app.byOperation.encrypt.latencyMs.p99_9", t)).toEqual({ rel: 0.5 });
  });

  it("reads YAML, wildcards and null (drop a default)", () => {
    const t = parseTolerances("app.latencyMs.p99: { rel: 0.3 }\napp.latencyMs.p50: null\napp.byOperation.*.latencyMs.p90: { rel: 0.25, abs: 2 }\n");
    expect(t["app.latencyMs.p99"]).toEqual({ rel: 0.3 });
    expect("app.latencyMs.p50" in t).toBe(false);
    expect(toleranceFor("app.byOperation.s3-put.latencyMs.p90", t)).toEqual({ rel: 0.25, abs: 2 });
  });

  it("returns the defaults for an empty file", () => {
    expect(parseTolerances("")).toEqual(DEFAULT_TOLERANCES);
  });

  it("does not modify the defaults", () => {
    parseTolerances('{ "kms.requests": { "rel": 0.5 }, "app.failureRate": null }');
    expect(DEFAULT_TOLERANCES["kms.requests"]).toEqual({ rel: 0.05 });
    expect(DEFAULT_TOLERANCES["app.failureRate"]).toEqual({ abs: 0.02 });
  });

  it.each([
    ['{ "kms.request": { "rel": 0.05 } }', '"kms.request": unknown metric; did you mean "kms.requests"?'],
    ['{ "app.latencyMs.p999": { "rel": 0.05 } }', '"app.latencyMs.p999": unknown metric; did you mean "app.latencyMs.p99_9"?'],
    ['{ "app.byOperation.s3-put.latencyMs.mena": { "rel": 0.05 } }', 'did you mean "app.byOperation.s3-put.latencyMs.mean"?'],
    ['{ "throughput": { "rel": 0.05 } }', '"throughput": unknown metric (known: app.operations'],
    ['{ "kms.requests": { "rel": -0.05 } }', '"kms.requests".rel: must be >= 0, got -0.05'],
    ['{ "kms.throttleRate": { "abs": -1 } }', '"kms.throttleRate".abs: must be >= 0, got -1'],
    ['{ "kms.requests": { "rel": "5%" } }', '"kms.requests".rel: must be a number, got "5%"'],
    ['{ "kms.requests": { "relative": 0.05 } }', '"kms.requests": unknown field(s) relative (allowed: abs, rel)'],
    ['{ "kms.requests": {} }', '"kms.requests": give abs, rel or both'],
    ['{ "kms.requests": 0.05 }', '"kms.requests": expected { abs?, rel? } or null'],
    ["[1, 2]", "expected a mapping of metric name"],
    ["a: [", "not valid JSON or YAML"],
  ])("rejects %s with a clear message", (text, message) => {
    expect(problemsOf(text)).toContain(message);
  });

  it("reports every problem at once", () => {
    const msg = problemsOf('{ "nope": { "rel": 1 }, "kms.retries": { "rel": -1 } }');
    expect(msg).toContain("2 problem(s)");
    expect(msg).toContain('"nope"');
    expect(msg).toContain('"kms.retries".rel');
  });
});

describe("metric names", () => {
  it.each([
    ["kms.requests", true],
    ["app.latencyMs.p99", true],
    ["app.latencyMs.p99_9", true],
    ["app.latencyMs.max", true],
    ["app.latencyMs.mean", true],
    ["app.latencyMs.p95", false],
    ["app.byOperation.encrypt.latencyMs.p99_9", true],
    ["app.byOperation.*.latencyMs.mean", true],
    ["app.byOperation.s3-put.latencyMs.p50", true],
    ["app.byOperation.*.latencyMs.p99", true],
    ["kms.byOperation.GenerateDataKey.requests", true],
    ["kms.byOperation.GenerateDataKey.throttled", false],
    ["cost.monthlyUsd.total", true],
    ["cost.monthlyUsd.keys", false],
  ])("isKnownMetric(%s) = %s", (name, known) => expect(isKnownMetric(name)).toBe(known));

  it("maps per-operation metrics to their wildcard", () => {
    expect(wildcardOf("kms.byOperation.Decrypt.requests")).toBe("kms.byOperation.*.requests");
    expect(wildcardOf("app.byOperation.kms:Decrypt.latencyMs.p99")).toBe("app.byOperation.*.latencyMs.p99");
    expect(wildcardOf("app.byOperation.encrypt.latencyMs.p99_9")).toBe("app.byOperation.*.latencyMs.p99_9");
    expect(wildcardOf("kms.requests")).toBeNull();
  });
});
