/**
 * The report outputs every reporting command shares: `--html FILE` (a self-contained page with
 * charts, written atomically) and `--markdown` (GitHub markdown on stdout instead of the terminal
 * table). The chart library (uPlot) is read here, from the installed package, and passed to the
 * pure renderer in src/report/html, so the report layer does no I/O.
 */
import type { Argv } from "yargs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { RunResult } from "../../metrics/result.js";
import { decodeHistogram, encodeHistogram, mergeHistograms } from "../../metrics/histogram.js";
import { html, renderMarkdown, renderVariantsMarkdown } from "../../report/index.js";
import type { Scenario } from "../../scenario/types.js";
import type { RehearsalOutcome } from "../../rehearse/types.js";
import { medianOf } from "../../sim/replicate.js";
import { simulateOnce } from "../../sim/simulate.js";
import { UsageError } from "../../errors.js";
import { writeFileAtomic, type CliIo } from "../io.js";

export interface ReportOutputArgs {
  html?: string;
  markdown?: boolean;
  json?: boolean;
}

/** Adds `--html FILE` and (unless `markdown: false`) `--markdown` to a command. */
export function reportOptions(c: Argv, options: { markdown?: boolean } = {}): Argv {
  const out = c.option("html", {
    type: "string",
    describe: "Also write a self-contained HTML report with charts to this file (atomically; it loads nothing from the network)",
  });
  if (options.markdown === false) return out;
  return out.option("markdown", {
    type: "boolean",
    default: false,
    describe: 'Print the report as GitHub markdown instead of the terminal table (PR comments; >> "$GITHUB_STEP_SUMMARY")',
  });
}

/** Usage errors of the report flags, before any work is done. */
export function checkReportArgs(args: ReportOutputArgs): void {
  if (args.json && args.markdown) throw new UsageError("--json and --markdown both choose what is printed; pick one");
  if (args.html !== undefined && (typeof args.html !== "string" || args.html.trim() === "")) {
    throw new UsageError("--html needs a file name, e.g. --html results/report.html");
  }
}

let assets: Promise<html.ChartAssets> | undefined;

/** uPlot's minified script and stylesheet from the installed package (read once per process). */
export function chartAssets(): Promise<html.ChartAssets> {
  assets ??= (async () => {
    const require = createRequire(import.meta.url);
    const [script, css, pkg] = await Promise.all([
      readFile(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8"),
      readFile(require.resolve("uplot/dist/uPlot.min.css"), "utf8"),
      readFile(require.resolve("uplot/package.json"), "utf8"),
    ]);
    const { version, license } = JSON.parse(pkg) as { version: string; license: string };
    return { script, css, name: `uPlot ${version} (${license})` };
  })();
  return assets;
}

/** Renders the page and writes it atomically; says where on stderr. */
export async function writeHtmlReport(io: CliIo, file: string, page: html.Page): Promise<void> {
  await writeFileAtomic(resolve(io.cwd, file), html.renderPage(page, await chartAssets()));
  io.stderr(`report: ${file}\n`);
}

/** One result's markdown report, or the side-by-side one for several. */
export function resultsMarkdown(results: readonly RunResult[]): string {
  return results.length === 1 ? renderMarkdown(results[0]) : renderVariantsMarkdown(results);
}

/** The calibration and spread text `rehearse` prints, as titled blocks for the markdown and HTML reports. */
export function rehearsalNotes(calibration: string, spread: string): { title: string; lines: string[] }[] {
  const lines = (t: string) => t.split("\n").filter((l) => l.trim() !== "");
  return [
    { title: "What the prediction was given (calibration)", lines: lines(calibration) },
    { title: "Spread of the prediction", lines: lines(spread) },
  ];
}

/** The rehearsal's page: the comparison, the notes, and the replications' pooled prediction drawn against the live run. */
export async function writeRehearsalHtml(io: CliIo, file: string, out: RehearsalOutcome, notes: { title: string; lines: string[] }[]): Promise<void> {
  const predicted = chartablePrediction(out.simulatedScenario, out.replications, out.predicted);
  const page = html.comparePage(
    { comparison: out.comparison, predicted, measured: out.measured },
    { command: "rehearse", notes, predictedLabel: `predicted (${out.replications} replications pooled)` },
  );
  await writeHtmlReport(io, file, page);
}

/**
 * What the rehearsal's charts draw as "predicted": every replication re-run with histograms and
 * series, their histograms pooled (the model's latency distribution over all its draws) and
 * their per-second arrays taken element-wise at the median; the headline numbers stay those of
 * the median result that was compared. `simulateReplicated` keeps neither, and one replication
 * alone would be one draw of a spread the table summarises by its median.
 */
export function chartablePrediction(scenario: Scenario, replications: number, median: RunResult): RunResult {
  const runs = Array.from({ length: replications }, (_, r) => simulateOnce(scenario, { replicate: r, histograms: true, series: true }).result);
  const pooled = (pick: (r: RunResult) => string | undefined): string | undefined => {
    const parts = runs.map(pick).filter((h): h is string => typeof h === "string");
    return parts.length ? encodeHistogram(mergeHistograms(parts.map(decodeHistogram))) : undefined;
  };
  const mid = medianOf(runs) as RunResult & { timeline?: unknown };
  const byOperation = Object.fromEntries(
    Object.entries(median.app.byOperation).map(([op, o]) => [op, { ...o, histogram: pooled((r) => r.app.byOperation[op]?.histogram) }]),
  );
  return {
    ...median,
    app: { ...median.app, histogram: pooled((r) => r.app.histogram), byOperation },
    series: mid.series,
    ...(mid.timeline ? { timeline: mid.timeline } : {}),
  } as RunResult;
}
