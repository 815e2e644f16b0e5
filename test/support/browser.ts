/**
 * Browser-backed suites: `describeBrowser("name", (browser) => { ... })` attaches to the chromium
 * that test/globalSetup.ts started. Chromium missing: under CI=true the suite fails with a message
 * saying so; otherwise it is reported as skipped (never silently passed), as with moto.
 *
 * `openReport` loads a report file with every request intercepted: the file itself is served,
 * anything else is aborted and recorded, so a test can assert that the page asked for nothing.
 */
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { pathToFileURL } from "node:url";

export interface OpenedReport {
  page: Page;
  /** Every URL the page requested other than the file itself (all aborted). */
  requests: string[];
  /** console.error / console.warn messages and uncaught page errors. */
  errors: string[];
  /** `window.kmsplanReport`: what the page's script drew. */
  drawn: DrawnReport;
  close: () => Promise<void>;
}

export interface DrawnReport {
  ready: boolean;
  errors: string[];
  charts: { id: string; kind: string; title: string; xLength: number; series: { label: string; length: number; points: number }[] }[];
}

export function describeBrowser(name: string, body: (browser: () => Browser) => void): void {
  const endpoint = inject("browserEndpoint");
  if (!endpoint) {
    const why = inject("browserMissing");
    if (process.env.CI === "true") {
      describe(name, () => {
        it("needs chromium", () => {
          throw new Error(`${why}. CI must install it (see .ci/run).`);
        });
      });
    } else {
      describe.skip(`${name} (skipped: ${why})`, () => body(() => undefined as unknown as Browser));
    }
    return;
  }
  describe(name, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await chromium.connectOverCDP(endpoint);
    });
    afterAll(async () => {
      await browser?.close();
    });
    body(() => {
      if (!browser) throw new Error("browser not connected");
      return browser;
    });
  });
}

/** Opens `file` in a fresh context (1280x900, as on a laptop) and waits for its charts. */
export async function openReport(browser: Browser, file: string, viewport = { width: 1280, height: 900 }): Promise<OpenedReport> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", async (route) => {
    const asked = route.request().url();
    if (asked === url) return route.continue();
    requests.push(asked);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  // The page functions run in the browser, where `globalThis` is the window.
  await page.waitForFunction(() => (globalThis as unknown as { kmsplanReport?: { ready: boolean } }).kmsplanReport?.ready === true, undefined, { timeout: 15_000 });
  const drawn = await page.evaluate(() => (globalThis as unknown as { kmsplanReport: DrawnReport }).kmsplanReport);
  return { page, requests, errors, drawn, close: () => context.close() };
}
