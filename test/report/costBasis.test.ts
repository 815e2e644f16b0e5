/**
 * Every report says which rate the month is priced at: the cost table's rows (text and markdown),
 * the variants matrix, and the JSON key order of the new cost and timeline fields.
 */
import { describe, expect, it } from "vitest";
import { renderMarkdown, renderText, renderVariants, toJson } from "../../src/report/index.js";
import { makeResult } from "../fixtures/result.js";

const priced = () =>
  makeResult({
    cost: {
      basis: { rate: "window-mean", requestsPerSec: 9333.33, windowSec: 600 },
      endOfRun: { requestsPerSec: 12_000, windowSec: 60, monthlyUsd: { keys: 3000, rotation: 0, requests: 18_642.9, total: 21_642.9 }, billableRequestsPerMonth: 31_103_980_000 },
    },
    timeline: { startSec: 0, appOpsPerSec: [1, 2], appFailedPerSec: [0, 0], retriesPerSec: [0, 1], cacheHitsPerSec: [1, 1], cacheMissesPerSec: [0, 1] },
  });

describe("cost basis in reports", () => {
  it("text: the month at the window's mean rate, then at the last minute's", () => {
    const text = renderText(priced());
    expect(text).toMatch(/month priced at/);
    expect(text).toMatch(/mean of 600 s\s*│\s*9,333\s*│\s*3,000\s*│\s*\$3,000\.00\s*│\s*\$0\.00\s*│\s*\$14,500\.50\s*│\s*\$17,500\.50/);
    expect(text).toMatch(/last 60 s\s*│\s*12,000\s*│\s*│\s*\$3,000\.00\s*│\s*\$0\.00\s*│\s*\$18,642\.90\s*│\s*\$21,642\.90/);
  });

  it("markdown: the same two rows", () => {
    const md = renderMarkdown(priced());
    expect(md).toContain("| **mean of 600 s** | **9,333** |");
    expect(md).toContain("| last 60 s | 12,000 |  | $3,000.00 | $0.00 | $18,642.90 | $21,642.90 |");
  });

  it("a result written before the basis existed still renders, with the rate unknown", () => {
    const text = renderText(makeResult());
    expect(text).toMatch(/window mean\s*│\s*n\/a/);
    expect(text).not.toMatch(/last 60 s/);
  });

  it("the variants matrix shows the rate priced and the total at the end-of-run rate", () => {
    const m = renderVariants([priced(), makeResult({ variant: "old" })]);
    expect(m).toMatch(/priced at KMS req\/s \(mean\)\s*│\s*9,333\s*│\s*n\/a/);
    expect(m).toMatch(/total at end-of-run rate\s*│\s*\$21,642\.90\s*│\s*n\/a/);
  });

  it("JSON: basis and endOfRun after the first-specified cost fields; timeline only with series", () => {
    const doc = JSON.parse(toJson(priced()));
    expect(Object.keys(doc.cost)).toEqual(["monthlyUsd", "billableRequestsPerMonth", "freeTierRequests", "basis", "endOfRun"]);
    expect(Object.keys(doc.cost.endOfRun)).toEqual(["requestsPerSec", "windowSec", "monthlyUsd", "billableRequestsPerMonth"]);
    expect(doc.cost.basis).toEqual({ rate: "window-mean", requestsPerSec: 9333.33, windowSec: 600 });
    expect(doc.timeline).toBeUndefined();
    const full = JSON.parse(toJson(priced(), { series: true }));
    expect(Object.keys(full.timeline)).toEqual(["startSec", "appOpsPerSec", "appFailedPerSec", "retriesPerSec", "cacheHitsPerSec", "cacheMissesPerSec"]);
  });
});
