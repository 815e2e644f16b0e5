/**
 * The HTML reports in a real headless chromium (started by test/globalSetup.ts): each page loads
 * with no console error and no request but the file itself, every chart is drawn with every
 * series and the expected number of points, and a screenshot of each lands in
 * test-output/browser/ for people to look at.
 */
import { expect, it } from "vitest";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { describeBrowser, openReport, type OpenedReport } from "../support/browser.js";
import { runCli } from "../support/cliIo.js";
import { chartAssets } from "../../src/cli/commands/reportOutputs.js";
import { comparePage, renderPage, resultPage, type ChartSpec, type Page } from "../../src/report/html/index.js";
import { compareResults, DEFAULT_TOLERANCES } from "../../src/compare/index.js";
import { liveResult, simulatedResult, WINDOW_SEC } from "../report/html/fixtures.js";

const SCREENSHOTS = resolve("test-output/browser");

async function writePage(page: Page, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kmsplan-html-"));
  const file = join(dir, name);
  await writeFile(file, renderPage(page, await chartAssets()));
  return file;
}

/** The chart specs the page carries (what it was asked to draw). */
async function specsOf(r: OpenedReport): Promise<ChartSpec[]> {
  return JSON.parse(await r.page.locator("#kmsplan-charts").textContent() ?? "[]");
}

/** Every spec drawn, each of its series with as many points as the spec holds values. */
async function expectAllDrawn(r: OpenedReport): Promise<ChartSpec[]> {
  expect(r.errors).toEqual([]);
  expect(r.requests).toEqual([]);
  expect(r.drawn.errors).toEqual([]);
  const specs = await specsOf(r);
  expect(r.drawn.charts.map((c) => c.id)).toEqual(specs.map((s) => s.id));
  for (const spec of specs) {
    const drawn = r.drawn.charts.find((c) => c.id === spec.id)!;
    expect(drawn.xLength, spec.id).toBe(spec.x.values.length);
    expect(drawn.series.map((s) => s.label).sort(), spec.id).toEqual(spec.series.map((s) => s.label).sort());
    for (const s of spec.series) {
      const d = drawn.series.find((x) => x.label === s.label)!;
      expect(d.length, `${spec.id} ${s.label}`).toBe(spec.x.values.length);
      expect(d.points, `${spec.id} ${s.label}`).toBe(s.values.filter((v) => v !== null).length);
    }
    // Each chart's canvas is on the page with a size.
    const box = await r.page.locator(`[data-chart="${spec.id}"] canvas`).first().boundingBox();
    expect(box?.width, spec.id).toBeGreaterThan(250);
  }
  return specs;
}

async function screenshot(r: OpenedReport, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await r.page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
}

/** Points of a drawn series, by chart id and series label prefix. */
function pointsOf(r: OpenedReport, id: string, label: string): number {
  const c = r.drawn.charts.find((x) => x.id === id);
  const s = c?.series.find((x) => x.label.startsWith(label));
  if (!s) throw new Error(`no series ${label} in chart ${id}`);
  return s.points;
}

describeBrowser("HTML reports in chromium", (browser: () => Browser) => {
  it("flagship: the pool chart shows the 15-second spike above the quota line, unseen per minute", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kmsplan-html-"));
    const file = join(dir, "flagship.html");
    const run = await runCli(["simulate", "scenarios/saas-3000-tenants.yaml", "--variant", "per-account", "--html", file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`report: ${file}\n`);
    const r = await openReport(browser(), file);
    try {
      const specs = await expectAllDrawn(r);
      expect(pointsOf(r, "pool-symmetric", "requests/s")).toBe(570);
      const pool = specs.find((s) => s.id === "pool-symmetric")!;
      const values = (label: string) => pool.series.find((s) => s.label.startsWith(label))!.values.filter((v): v is number => v !== null);
      expect(Math.max(...values("requests/s"))).toBeGreaterThan(1.3 * 10_000);
      expect(Math.max(...values("1-min average"))).toBeLessThan(10_000);
      expect(values("quota")).toEqual(new Array(570).fill(10_000));
      // The throttled seconds sit in the spike, which the scenario puts at 5:00-5:15.
      const ranges = pool.marks!.ranges;
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges[0].from).toBeGreaterThanOrEqual(300);
      expect(ranges[ranges.length - 1].to).toBeLessThanOrEqual(330);
      expect(r.drawn.charts.map((c) => c.id)).toContain("pool-symmetric-close-up");
      await screenshot(r, "flagship.png");
    } finally {
      await r.close();
    }
  });

  it("variants with a timeline: pool, close-up, retries, latency, cache and cost charts", async () => {
    const file = await writePage(resultPage([simulatedResult("per-tenant", { costScale: 3 }), simulatedResult("per-account")]), "variants.html");
    const r = await openReport(browser(), file);
    try {
      await expectAllDrawn(r);
      expect(r.drawn.charts.map((c) => c.id)).toEqual(["pool-symmetric", "pool-symmetric-close-up", "retries", "latency", "cache", "cost"]);
      expect(pointsOf(r, "pool-symmetric", "1-min average")).toBe(540);
      expect(pointsOf(r, "pool-symmetric-close-up", "throttled/s")).toBe(180);
      expect(pointsOf(r, "retries", "retries/s")).toBe(180);
      expect(pointsOf(r, "cache", "hit rate")).toBe(WINDOW_SEC);
      expect(pointsOf(r, "cost", "keys")).toBe(2);
      expect(pointsOf(r, "latency", "all operations")).toBe(45); // 20,000 values: 0, 0.1, ..., 4.3 nines, then the max at log10(20,000) = 4.301
      await screenshot(r, "variants.png");
    } finally {
      await r.close();
    }
  });

  it("compare: predicted and measured overlaid, the verdict on top", async () => {
    const predicted = simulatedResult();
    const measured = liveResult();
    const comparison = compareResults(predicted, measured, DEFAULT_TOLERANCES);
    const file = await writePage(comparePage({ comparison, predicted, measured }, { notes: [{ title: "Calibration", lines: ["latency.client p50 1.2 ms"] }] }), "compare.html");
    const r = await openReport(browser(), file);
    try {
      await expectAllDrawn(r);
      expect(pointsOf(r, "latency-all", "predicted")).toBe(45); // 20,000 values: 44 tenths of a nine and the max
      expect(pointsOf(r, "latency-all", "measured")).toBe(45);
      expect(pointsOf(r, "latency-encrypt", "measured")).toBe(35); // 2,000 values: 0..3.3 nines, then the max at 3.301
      expect(pointsOf(r, "pool-symmetric", "measured requests/s")).toBe(WINDOW_SEC);
      expect(await r.page.locator(".verdict").textContent()).toMatch(/checked metrics/);
      await screenshot(r, "compare.png");
    } finally {
      await r.close();
    }
  });

  it("prints: charts scale to the column of an A4 page", async () => {
    const file = await writePage(resultPage([simulatedResult()]), "print.html");
    const r = await openReport(browser(), file);
    try {
      await r.page.emulateMedia({ media: "print" });
      await r.page.setViewportSize({ width: 700, height: 1000 });
      const widths = await r.page.locator(".plot canvas").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
      const column = await r.page.locator("main").evaluate((m) => m.getBoundingClientRect().width);
      expect(widths.length).toBeGreaterThan(3);
      for (const w of widths) expect(w).toBeLessThanOrEqual(column + 0.5);
      const pdf = await r.page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
      expect(r.errors).toEqual([]);
    } finally {
      await r.close();
    }
  });

  it("the guard itself works: a page that fetches or logs an error is caught", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kmsplan-html-"));
    const file = join(dir, "bad.html");
    await writeFile(file, `<!doctype html><img src="http://127.0.0.1:9/x.png"><script>console.error("boom"); window.kmsplanReport = { ready: true, errors: [], charts: [] };</script>`);
    const r = await openReport(browser(), file);
    try {
      expect(r.requests).toEqual(["http://127.0.0.1:9/x.png"]);
      expect(r.errors).toContain("console.error: boom");
    } finally {
      await r.close();
    }
  });
});
