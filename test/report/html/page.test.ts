import { describe, expect, it } from "vitest";
import { comparePage, renderPage, resultPage, chartsOf, type ChartAssets, type Page } from "../../../src/report/html/index.js";
import { compareResults, DEFAULT_TOLERANCES } from "../../../src/compare/index.js";
import { makeResult } from "../../fixtures/result.js";
import { liveResult, simulatedResult } from "./fixtures.js";

/** A stand-in chart library: these tests read the page's structure, the browser tests draw it. */
const ASSETS: ChartAssets = { script: "var uPlot = function () {}; // </script> inside a library", css: ".uplot {}", name: "uPlot test" };

const chartIds = (p: Page) => chartsOf(p.sections).map((c) => c.id);

/** The chart specs as the page's script will read them. */
function specsIn(html: string): { id: string; series: { values: unknown[] }[] }[] {
  const m = /<script type="application\/json" id="kmsplan-charts">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error("no chart JSON in the page");
  return JSON.parse(m[1]);
}

describe("resultPage", () => {
  it("draws one chart for variants whose data is identical, and says so", () => {
    const page = resultPage([simulatedResult("per-tenant"), simulatedResult("per-account")]);
    expect(chartIds(page)).toEqual(["pool-symmetric", "pool-symmetric-close-up", "retries", "latency", "cache", "cost"]);
    const pool = chartsOf(page.sections)[0];
    expect(pool.caption).toMatch(/^Identical for per-tenant and per-account\./);
    expect(page.subtitle).toBe("2 results side by side: per-tenant, per-account");
  });

  it("draws each variant's own chart when they differ, named in the title", () => {
    const other = simulatedResult("with-cache");
    other.series![0].requestsPerSec = other.series![0].requestsPerSec.map((v) => Math.round(v / 10));
    other.app.histogram = undefined;
    other.app.byOperation = { encrypt: { ...other.app.byOperation.encrypt }, decrypt: { ...other.app.byOperation.decrypt } };
    const page = resultPage([simulatedResult("without-cache"), other]);
    const charts = chartsOf(page.sections);
    const pools = charts.filter((c) => c.id.startsWith("pool-"));
    expect(pools.map((c) => c.title)).toEqual([
      "symmetric pool: KMS requests per second against the quota (without-cache)",
      "symmetric pool, close-up of 3:30-6:30 (without-cache)",
      "symmetric pool: KMS requests per second against the quota (with-cache)",
      "symmetric pool, close-up of 3:30-6:30 (with-cache)",
    ]);
    // Latency differs: one chart per operation, a curve per variant.
    const all = charts.find((c) => c.id === "latency-all-operations")!;
    expect(all.series.map((s) => s.label)).toEqual(["without-cache", "with-cache"]);
    expect(all.caption).toMatch(/with-cache: summary percentiles only/);
  });

  it("holds the text report's tables, the warnings and the assumptions", () => {
    const html = renderPage(resultPage([simulatedResult()]), ASSETS);
    for (const title of ["App operations", "KMS requests", "Quota pools", "Data-key cache", "S3 SSE-KMS calls", "Keys and monthly cost"]) expect(html).toContain(title);
    expect(html).toContain("per-minute average 95% of quota hides 42 throttled seconds");
    expect(html).toContain("<details class=\"card\" id=\"assumptions\"><summary>Assumptions</summary>");
  });

  it("adds the live run's facts to a live result", () => {
    const page = resultPage([liveResult()]);
    expect(page.title).toBe("kmsplan live: saas-per-tenant");
    const live = page.sections.find((s) => s.kind === "group" && s.title === "Live run");
    expect(JSON.stringify(live)).toContain("http://127.0.0.1:1");
  });

  it("rejects what is not a list of results", () => {
    expect(() => resultPage([])).toThrow(TypeError);
    expect(() => resultPage([{} as never])).toThrow(TypeError);
  });
});

describe("comparePage", () => {
  const predicted = simulatedResult();
  const measured = liveResult();
  const comparison = compareResults(predicted, measured, DEFAULT_TOLERANCES);
  const page = comparePage({ comparison, predicted, measured }, { notes: [{ title: "Calibration", lines: ["client p50 1 ms"] }] });

  it("leads with the verdict and colours each row's verdict cell", () => {
    expect(page.verdict).toEqual({ tone: comparison.ok ? "ok" : "bad", text: expect.stringMatching(/checked metrics/) });
    const html = renderPage(page, ASSETS);
    const okCells = html.match(/<td class="tone-ok">ok<\/td>/g) ?? [];
    expect(okCells.length).toBe(comparison.rows.filter((r) => r.verdict === "ok").length);
    expect(html).toContain("client p50 1 ms");
  });

  it("overlays predicted and measured: spectra per operation, pool demand, throttles", () => {
    const charts = chartsOf(page.sections);
    expect(charts.map((c) => c.id)).toEqual([
      "latency-all", "latency-decrypt", "latency-encrypt", "latency-s3-get", "latency-s3-put", "pool-symmetric", "throttles",
    ]);
    for (const c of charts.filter((x) => x.kind === "spectrum")) expect(c.series.map((s) => s.label)).toEqual(["predicted", "measured"]);
    const pool = charts.find((c) => c.id === "pool-symmetric")!;
    // Both runs' windows line up: the measured series starts where the predicted one's warm-up ends.
    const p = pool.series[0].values, m = pool.series[1].values;
    expect(p).toEqual(m);
  });
});

describe("comparePage without throttling, far below the quota", () => {
  it("leaves out the throttles chart and fits the pool chart to the demand", () => {
    const quiet = (r: ReturnType<typeof simulatedResult>) => {
      r.kms.throttled = 0;
      r.kms.pools[0] = { ...r.kms.pools[0], quotaPerSec: 1_000_000 };
      r.series![0].throttledPerSec = r.series![0].throttledPerSec.map(() => 0);
      return r;
    };
    const predicted = quiet(simulatedResult()), measured = quiet(liveResult());
    const page = comparePage({ comparison: compareResults(predicted, measured, DEFAULT_TOLERANCES), predicted, measured });
    const charts = chartsOf(page.sections);
    expect(charts.map((c) => c.id)).not.toContain("throttles");
    const pool = charts.find((c) => c.id === "pool-symmetric")!;
    expect(pool.y.max).toBeCloseTo(16_000 * 1.15);
    expect(pool.caption).toMatch(/quota line is above the scale/);
  });
});

describe("renderPage", () => {
  const page = resultPage([simulatedResult()]);

  it("is one self-contained document: a CSP that forbids fetching, no external references", () => {
    const html = renderPage(page, ASSETS);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/\b(?:src|href)="(?!data:)/);
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    expect(html.startsWith("<!doctype html>")).toBe(true);
  });

  it("keeps inline text from closing its element", () => {
    const nasty = makeResult({ scenario: "</script><script>alert(1)</script>", warnings: ["<b>bold</b> & </style>"] });
    const html = renderPage(resultPage([nasty]), ASSETS);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;/style&gt;");
    expect(html).toContain("<\\/script> inside a library");
    expect(html.match(/<\/script>/g)).toHaveLength(3); // the JSON, the library, the page script
  });

  it("carries every chart spec as JSON the page can read back", () => {
    const html = renderPage(page, ASSETS);
    const specs = specsIn(html);
    expect(specs.map((s) => s.id)).toEqual(chartIds(page));
    expect(specs[0].series[0].values).toHaveLength(570);
  });

  it("gives the same bytes for the same page", () => {
    expect(renderPage(resultPage([simulatedResult()]), ASSETS)).toBe(renderPage(resultPage([simulatedResult()]), ASSETS));
  });

  it("refuses duplicate chart ids and missing assets", () => {
    const c = chartsOf(page.sections)[0];
    const twice: Page = { title: "t", facts: [], sections: [{ kind: "chart", chart: c }, { kind: "chart", chart: c }] };
    expect(() => renderPage(twice, ASSETS)).toThrow(/unique chart ids/);
    expect(() => renderPage(page, {} as ChartAssets)).toThrow(TypeError);
  });
});
