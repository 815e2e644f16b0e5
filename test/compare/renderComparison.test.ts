import { describe, expect, it } from "vitest";
import { compareResults } from "../../src/compare/compare.js";
import { comparisonToJson, formatMetricDiff, formatMetricValue, formatTolerance, renderComparisonTable } from "../../src/compare/renderComparison.js";
import { makeResult } from "../fixtures/result.js";

const outside = () =>
  compareResults(makeResult(), makeResult({ source: "live", kms: { requests: 5_900_000, throttleRate: 0.05 }, app: { latencyMs: { p99: 40 } } }));

describe("renderComparisonTable", () => {
  it("shows one line per row with predicted, measured, diff, rel, tolerance and verdict", () => {
    const text = renderComparisonTable(outside());
    const line = text.split("\n").find((l) => l.includes(" kms.requests "));
    const cells = line!.split("│").map((c) => c.trim()).filter((c) => c.length > 0);
    expect(cells).toEqual(["kms.requests", "5,600,000", "5,900,000", "+300,000", "+5.4%", "±5.0%", "OUTSIDE"]);
    const rate = text.split("\n").find((l) => l.includes(" kms.throttleRate "));
    expect(rate).toContain("+2.3 pp");
    expect(rate).toContain("±2.0 pp");
  });

  it("ends with the verdict naming the metrics outside tolerance", () => {
    const last = renderComparisonTable(outside()).split("\n").at(-1);
    expect(last).toBe("outside tolerance: 3 of 5 checked metrics (app.latencyMs.p99, kms.requests, kms.throttleRate)");
    expect(renderComparisonTable(compareResults(makeResult(), makeResult())).split("\n").at(-1)).toBe("ok: all 5 checked metrics within tolerance");
  });

  it("names both sides", () => {
    const text = renderComparisonTable(outside());
    expect(text).toContain("predicted  simulate: saas-per-tenant");
    expect(text).toContain("measured   live: saas-per-tenant");
  });

  it("colours only on request", () => {
    expect(renderComparisonTable(outside())).not.toMatch(/\u001b\[/);
    expect(renderComparisonTable(outside(), { color: true })).toMatch(/\u001b\[31m(\u001b\[1m)?OUTSIDE/);
  });

  it.each([
    ["rate", 0.0321, "3.2%"],
    ["latencyMs", 12.34, "12.3 ms"],
    ["usd", 1234.5, "$1,234.50"],
    ["count", 1234567, "1,234,567"],
  ] as const)("formats %s values: %s -> %s", (kind, v, want) => expect(formatMetricValue(kind, v)).toBe(want));

  it("formats diffs and tolerances", () => {
    expect(formatMetricDiff("rate", -0.018)).toBe("-1.8 pp");
    expect(formatMetricDiff("count", 0)).toBe("0");
    expect(formatTolerance("count", { abs: 500, rel: 0.1 })).toBe("±500 or ±10.0%");
    expect(formatTolerance("rate", {})).toBe("-");
  });
});

describe("missing metrics and warnings", () => {
  it("says which metrics were not checked, and prints the warnings above the verdict", () => {
    const m = makeResult({ scenario: "another" });
    delete (m.kms as unknown as Record<string, unknown>).retries;
    const text = renderComparisonTable(compareResults(makeResult(), m));
    const lines = text.split("\n");
    expect(lines.at(-1)).toBe("incomplete: 1 metric(s) missing, not checked: kms.retries (measured)");
    expect(lines.at(-2)).toBe('warning: different scenarios: predicted "saas-per-tenant", measured "another"');
  });

  it("names at most 10 missing metrics in the verdict line", () => {
    const empty = { app: {}, kms: {} } as never;
    expect(renderComparisonTable(compareResults(empty, empty)).split("\n").at(-1)).toMatch(/13 metric\(s\) missing, not checked: app\.operations \(both\), .* and 3 more$/);
  });
});

describe("comparisonToJson", () => {
  it("is deterministic, parses back and keeps the verdicts", () => {
    const json = comparisonToJson(outside());
    expect(comparisonToJson(outside())).toBe(json);
    const doc = JSON.parse(json);
    expect(Object.keys(doc)).toEqual(["ok", "predicted", "measured", "rows", "missing", "warnings"]);
    expect(doc.missing).toEqual([]);
    expect(doc.ok).toBe(false);
    const req = doc.rows.find((r: { metric: string }) => r.metric === "kms.requests");
    expect(req).toEqual({ metric: "kms.requests", kind: "count", predicted: 5_600_000, measured: 5_900_000, diff: 300_000, absDiff: 300_000, relDiff: 0.0535714, tolerance: { rel: 0.05 }, verdict: "outside" });
  });
});
