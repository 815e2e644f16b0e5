import { describe, expect, it } from "vitest";
import { renderText } from "../../src/report/renderText.js";
import { renderMarkdown } from "../../src/report/renderMarkdown.js";
import { stripAnsi } from "../../src/report/ansi.js";
import { makeResult } from "../fixtures/result.js";

describe("renderText", () => {
  const text = renderText(makeResult({ variant: "per-tenant" }));

  it("has a header with scenario, variant, seed and simulated time", () => {
    const [first, second] = text.split("\n");
    expect(first).toContain("saas-per-tenant [per-tenant]");
    expect(second).toContain("seed 42");
    expect(second).toContain("600 s (10 min)");
  });

  it.each(["App operations", "KMS requests", "Quota pools", "Data-key cache", "S3 SSE-KMS calls", "Keys and monthly cost", "Savings", "Warnings (1)", "Assumptions"])(
    "contains the %s section",
    (title) => expect(text).toContain(title),
  );

  it("formats numbers for humans", () => {
    expect(text).toContain("5,400,000"); // app operations
    expect(text).toContain("0.019%"); // failure rate
    expect(text).toContain("410.0 ms"); // p99.9
    expect(text).toContain("2.7%"); // throttle rate 150,000 / 5,600,000
    expect(text).toContain("100.0% / 95.0%"); // peak 1-s and 1-min share of quota
    expect(text).toContain("$17,500.50");
    expect(text).toContain("99.1%"); // cache hit rate
  });

  it("lists every app and KMS operation", () => {
    for (const op of ["s3-put", "s3-get", "encrypt", "decrypt", "GenerateDataKey", "Decrypt"]) expect(text).toContain(op);
  });

  it("shows savings, the warning and the assumptions, in that order, at the end", () => {
    const s = text.indexOf("data-key caching cut kms:GenerateDataKey requests by 98.7% (770,000 -> 10,000)");
    const w = text.indexOf("per-minute average 95% of quota hides 42 throttled seconds");
    const a = text.indexOf("S3 Bucket Key lifetime 5m");
    expect(s).toBeGreaterThan(text.indexOf("Keys and monthly cost"));
    expect(w).toBeGreaterThan(s);
    expect(a).toBeGreaterThan(w);
  });

  it("omits cache and S3 sections when there were no cache lookups or S3 calls", () => {
    const plain = renderText(makeResult({ cache: { hits: 0, misses: 0 }, s3: { bucketKeyCalls: 0, objectKeyCalls: 0 }, savings: [], warnings: [] }));
    expect(plain).not.toContain("Data-key cache");
    expect(plain).not.toContain("S3 SSE-KMS calls");
    expect(plain).not.toContain("Savings");
    expect(plain).not.toContain("Warnings");
  });

  it("is free of ANSI codes by default and coloured on request, with the same text", () => {
    expect(text).not.toMatch(/\u001b\[/);
    const coloured = renderText(makeResult({ variant: "per-tenant" }), { color: true });
    expect(coloured).toMatch(/\u001b\[33m/); // yellow warnings
    expect(stripAnsi(coloured).replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " "));
  });

  it("wraps long warnings to the width", () => {
    const long = "word ".repeat(60).trim();
    const out = renderText(makeResult({ warnings: [long] }), { width: 40 });
    const lines = out.split("\n").filter((l) => l.includes("word"));
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
  });

  it("shows n/a latencies for an operation that never ran (latencyMs {})", () => {
    const out = renderText(makeResult({ app: { byOperation: { "kms:GenerateDataKey": { operations: 0, succeeded: 0, failed: 0, latencyMs: {} as never } } } }));
    const line = out.split("\n").find((l) => l.includes("kms:GenerateDataKey"));
    expect(line).toMatch(/│\s+0\s+│/);
    expect(line!.match(/n\/a/g)).toHaveLength(6);
  });

  it("rejects what is not a result", () => {
    expect(() => renderText(null as never)).toThrow(TypeError);
    expect(() => renderText(makeResult(), { width: 5 })).toThrow(/width/);
  });
});

describe("renderMarkdown", () => {
  const md = renderMarkdown(makeResult());
  it("renders sections as headings and pipe tables with right-aligned numbers", () => {
    expect(md).toContain("## kmsplan simulate: saas-per-tenant");
    expect(md).toContain("### Quota pools");
    expect(md).toMatch(/\| --- \| ---: \|/);
    expect(md).toContain("| **all** | **5,400,000** |");
  });
  it("puts warnings in a warning callout", () => {
    expect(md).toContain("> [!WARNING]\n> - per-minute average 95% of quota hides 42 throttled seconds");
  });
  it("escapes pipes in cells", () => {
    const out = renderMarkdown(makeResult({ kms: { pools: [{ pool: "a|b", quotaPerSec: 1, requests: 0, meanPerSec: 0, peakPerSec: 0, peakMinuteAvgPerSec: 0, secondsThrottled: 0, throttled: 0 }] } }));
    expect(out).toContain("| a\\|b |");
  });
});
