/** The result contract's zod schema: what simulate and the fixtures produce passes; hostile shapes fail with their path. */
import { describe, expect, it } from "vitest";
import { IssueSummary, runResultSchema } from "../../src/metrics/resultSchema.js";
import { toJson } from "../../src/report/renderJson.js";
import { simulate } from "../../src/sim/simulate.js";
import { makeResult } from "../fixtures/result.js";
import { makeScenario } from "../fixtures/scenario.js";

function problems(doc: unknown): string[] {
  const r = runResultSchema.safeParse(doc);
  if (r.success) return [];
  const s = new IssueSummary();
  s.addIssues(r.error.issues, doc);
  return s.lines;
}

describe("runResultSchema", () => {
  it("accepts a simulated result as toJson writes it (non-finite numbers become null) and the test fixture", () => {
    const result = simulate(makeScenario({ durationMs: 2000 }), { savings: false, histograms: true, series: true });
    expect(problems(JSON.parse(toJson(result, { histograms: true, series: true })))).toEqual([]);
    expect(problems(makeResult())).toEqual([]);
    expect(problems({ ...makeResult(), live: { anything: 1 } })).toEqual([]); // fields beyond the contract are kept
  });

  it("accepts missing metrics (the comparison decides what it needs)", () => {
    expect(problems({ app: {}, kms: {} })).toEqual([]);
  });

  it.each([
    [{ app: {}, kms: "x" }, ["kms: expected object, got string"]],
    [{ app: null, kms: {} }, ["app: expected object, got null"]],
    [{ kms: {} }, ["app: expected object, got nothing"]],
    [{ app: { byOperation: { encrypt: null } }, kms: {} }, ["app.byOperation.encrypt: expected object, got null"]],
    [{ app: { operations: "12" }, kms: { pools: [{ pool: "symmetric", requests: [] }] } }, ["app.operations: expected number, got string", "kms.pools[0].requests: expected number, got an array"]],
    [{ app: {}, kms: {}, source: "guess" }, ['source: expected one of "simulate", "live"']],
  ])("rejects %j", (doc, want) => {
    expect(problems(doc)).toEqual(want);
  });

  it("IssueSummary keeps the first N problems and counts the rest", () => {
    const doc = Array.from({ length: 50 }, () => ({ app: null, kms: null }));
    const s = new IssueSummary(20);
    doc.forEach((r, i) => {
      const p = runResultSchema.safeParse(r);
      if (!p.success) s.addIssues(p.error.issues, r, [i]);
    });
    expect(s.total).toBe(100);
    expect(s.lines).toHaveLength(20);
    expect(s.lines[0]).toBe("[0].app: expected object, got null");
    expect(s.more()).toBe("and 80 more problem(s)");
  });
});
