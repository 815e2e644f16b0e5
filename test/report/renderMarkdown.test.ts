import { describe, expect, it } from "vitest";
import { renderComparisonMarkdown, renderVariantsMarkdown } from "../../src/report/renderMarkdown.js";
import { compareResults, DEFAULT_TOLERANCES } from "../../src/compare/index.js";
import { makeResult } from "../fixtures/result.js";

describe("renderVariantsMarkdown", () => {
  const a = makeResult({ variant: "per-tenant", warnings: ["shared warning", "only a"] });
  const b = makeResult({ variant: "per-account", keys: { count: 1 }, warnings: ["shared warning"] });
  const md = renderVariantsMarkdown([a, b]);

  it("prints the decision matrix as a pipe table, one column per variant", () => {
    expect(md).toContain("|  | per-tenant | per-account |");
    expect(md).toContain("| --- | ---: | ---: |");
    expect(md).toMatch(/^\| keys \| 3,000 \| 1 \|$/m);
  });

  it("prints shared warnings once and each variant's own under its name", () => {
    expect(md.match(/shared warning/g)).toHaveLength(1);
    expect(md).toContain("> **All**");
    expect(md).toContain("> **per-tenant**\n>\n> - only a");
    expect(md).toContain("<details><summary>Assumptions</summary>");
  });

  it("rejects an empty list", () => {
    expect(() => renderVariantsMarkdown([])).toThrow(TypeError);
  });
});

describe("renderComparisonMarkdown", () => {
  const predicted = makeResult();
  const measured = makeResult({ source: "live", kms: { requests: 9_000_000 } });
  const c = compareResults(predicted, measured, DEFAULT_TOLERANCES);
  const md = renderComparisonMarkdown(c, { command: "rehearse", notes: [{ title: "Calibration", lines: ["client p50 1 ms"] }, { title: "Empty", lines: [] }] });

  it("leads with the verdict and bolds the rows outside tolerance", () => {
    expect(c.ok).toBe(false);
    expect(md).toMatch(/^## kmsplan rehearse: saas-per-tenant$/m);
    expect(md).toMatch(/^\*\*outside tolerance: 1 of \d+ checked metrics \(kms\.requests\)\*\*$/m);
    expect(md).toMatch(/^\| \*\*kms\.requests\*\* \| \*\*5,600,000\*\* \| \*\*9,000,000\*\* \|.*\*\*OUTSIDE\*\* \|$/m);
    expect(md).toMatch(/^\| app\.failureRate \|.*\| ok \|$/m);
  });

  it("puts notes in collapsed blocks, and leaves out empty ones", () => {
    expect(md).toContain("<details><summary>Calibration</summary>\n\n```text\nclient p50 1 ms\n```");
    expect(md).not.toContain("Empty");
  });
});
