/**
 * `kmsplan simulate FILE... [--json | --markdown] [--out FILE] [--html FILE] [--series] [--jobs N]`: offline prediction.
 * One result: the full report. Several (variants, or several files): a side-by-side table, then
 * each result's warnings. --json prints the contract (an array when there are several results).
 * Every run - each variant, each lever's re-run for the savings - is a job on the worker pool
 * (`--jobs`, default sized to the machine); the output does not depend on the number of jobs.
 */
import type { Argv } from "yargs";
import type { Scenario } from "../../scenario/types.js";
import type { RunResult } from "../../metrics/result.js";
import { simulateAll } from "../../sim/simulateAll.js";
import { DEFAULT_JOBS, type SimulationProgress } from "../../sim/pool/index.js";
import { renderText, renderVariants, toJson } from "../../report/index.js";
import { UsageError } from "../../errors.js";
import { writeFileAtomic, type CliIo } from "../io.js";
import { resolve } from "node:path";
import { parseDurationArg } from "./args.js";
import { FORCE_OPTION, guardRunSize, loadForRun } from "./runGuard.js";
import { simulatePasses } from "../../sim/estimate.js";
import { checkReportArgs, reportOptions, resultsMarkdown, writeHtmlReport } from "./reportOutputs.js";
import { html } from "../../report/index.js";

export interface SimulateArgs {
  files: string[];
  json: boolean;
  out?: string;
  series: boolean;
  histograms: boolean;
  variant?: string[];
  base: boolean;
  seed?: number;
  duration?: string;
  savings: boolean;
  progress?: boolean;
  color?: boolean;
  force?: boolean;
  html?: string;
  markdown?: boolean;
  /** Default: sized to the machine (see sim/pool autoWorkers). */
  jobs?: number;
}

/** Which scenarios a file contributes: its variants (or only those named), else the base. */
export function selectScenarios(base: Scenario, variants: Scenario[], args: Pick<SimulateArgs, "variant" | "base">): Scenario[] {
  const wanted = args.variant;
  if (wanted && wanted.length) {
    const byName = new Map(variants.map((v) => [v.variant!, v]));
    const missing = wanted.filter((w) => !byName.has(w));
    if (missing.length) {
      throw new UsageError(`unknown variant(s) ${missing.join(", ")} in ${base.name}; the file defines: ${[...byName.keys()].join(", ") || "none"}`);
    }
    return [...(args.base ? [base] : []), ...wanted.map((w) => byName.get(w)!)];
  }
  return variants.length ? [...(args.base ? [base] : []), ...variants] : [base];
}

export function applyOverrides(s: Scenario, args: Pick<SimulateArgs, "seed" | "duration">): Scenario {
  let out = s;
  if (args.seed !== undefined) out = { ...out, seed: args.seed };
  if (args.duration !== undefined) {
    const durationMs = parseDurationArg(args.duration, "--duration");
    if (durationMs <= out.warmupMs) throw new UsageError(`--duration ${args.duration} must be longer than the warm-up (${out.warmupMs} ms)`);
    out = { ...out, durationMs };
  }
  return out;
}

/** --jobs: a positive integer, or undefined (the pool sizes itself to the machine). */
export function parseJobs(jobs: unknown): number | undefined {
  if (jobs === undefined) return undefined;
  if (typeof jobs !== "number" || !Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs: expected a whole number >= 1 (simulations at the same time), got ${String(jobs)}`);
  return jobs;
}

/** Widest progress line, characters: narrower than a default 120-column terminal, so `\r` redraws it. */
const PROGRESS_WIDTH = 110;

/**
 * One line of progress across the pool: the overall fraction, runs done, and each run going.
 * Example: "simulating 42% (3 of 9 done): saas [per-tenant] 63%, saas [per-account] (without cache) 12%"
 */
export function progressLine(p: SimulationProgress): string {
  const going = p.running.map((r) => `${r.label} ${Math.floor(r.fraction * 100)}%`).join(", ");
  const line = `simulating ${Math.floor(p.fraction * 100)}% (${p.done} of ${p.total} done)${going ? `: ${going}` : ""}`;
  return line.length <= PROGRESS_WIDTH ? line : `${line.slice(0, PROGRESS_WIDTH - 1)}…`;
}

export async function runSimulate(args: SimulateArgs, io: CliIo): Promise<RunResult[]> {
  checkReportArgs(args);
  const jobs = parseJobs(args.jobs);
  const scenarios: Scenario[] = [];
  const planned = [];
  for (const f of args.files) {
    const loaded = await loadForRun(f, io);
    const picked = selectScenarios(loaded.base, loaded.variants, args).map((s) => applyOverrides(s, args));
    planned.push(...picked.map((s) => ({ file: loaded.file, scenario: s, run: { simulatedPasses: simulatePasses(s, args.savings !== false), live: false } })));
    scenarios.push(...picked);
  }
  guardRunSize(planned, args.force === true);
  const showProgress = args.progress ?? io.isTTY;
  let shown = "";
  const results = await simulateAll(scenarios, {
    series: args.series || args.html !== undefined, // the HTML report charts them
    histograms: args.histograms || args.html !== undefined,
    savings: args.savings,
    jobs,
    onProgress: showProgress
      ? (p) => {
          const line = progressLine(p);
          if (line !== shown) io.stderr(`\r${line}\x1b[K`);
          shown = line;
        }
      : undefined,
  });
  if (showProgress) io.stderr("\r\x1b[K");
  const json = toJson(results.length === 1 ? results[0] : results, { histograms: args.histograms, series: args.series });
  if (args.out) await writeFileAtomic(resolve(io.cwd, args.out), json + "\n");
  if (args.html !== undefined) await writeHtmlReport(io, args.html, html.resultPage(results));
  if (args.json) io.stdout(json + "\n");
  else if (args.markdown) io.stdout(resultsMarkdown(results) + "\n");
  else if (results.length === 1) io.stdout(renderText(results[0], { color: args.color ?? false }) + "\n");
  else {
    io.stdout(renderVariants(results) + "\n");
  }
  return results;
}

export function simulateCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "simulate <files..>",
    "Predict throttling, retries, latency, key count and monthly cost of a scenario (offline, seconds)",
    (c) =>
      reportOptions(c)
        .positional("files", { type: "string", array: true, describe: "Scenario YAML file(s); several files or variants are compared side by side" })
        .option("json", { type: "boolean", default: false, describe: "Print the result as JSON (the contract in docs/result-contract.md)" })
        .option("out", { type: "string", describe: "Also write the JSON result to this file (atomically)" })
        .option("series", { type: "boolean", default: false, describe: "Add per-second request and throttle series per quota pool to the JSON" })
        .option("histograms", { type: "boolean", default: false, describe: "Add encoded HDR latency histograms to the JSON (mergeable)" })
        .option("variant", { type: "string", array: true, describe: "Only these variants (repeatable); default: all variants, or the base without variants" })
        .option("base", { type: "boolean", default: false, describe: "Include the base scenario alongside its variants" })
        .option("seed", { type: "number", describe: "Override the scenario's seed" })
        .option("duration", { type: "string", describe: "Override the simulated duration (e.g. 60s, 10m)" })
        .option("savings", { type: "boolean", default: true, describe: "Also run without caching / Bucket Keys to report their savings (--no-savings to skip)" })
        .option("progress", { type: "boolean", describe: "Show progress on stderr (default: when stderr is a terminal)" })
        .option("color", { type: "boolean", describe: "Colour the terminal report" })
        .option("force", FORCE_OPTION)
        .option("jobs", { type: "number", describe: `Simulations at the same time, one worker thread each (variants, savings re-runs); 1 runs them one by one in this process. Results do not depend on it. Default: one per core (${DEFAULT_JOBS} here), or all at once when there are at most twice as many as cores` })
        .example("$0 simulate scenarios/saas-3000-tenants.yaml", "the decision matrix: per-tenant vs per-classification vs per-account")
        .example("$0 simulate scenarios/s3-heavy.yaml --json --out results/s3.json", "machine-readable result")
        .example("$0 simulate a.yaml b.yaml", "two scenarios side by side")
        .example("$0 simulate scenarios/saas-3000-tenants.yaml --html results/flagship.html", "a report with charts to open or attach")
        .example("$0 simulate scenarios/s3-heavy.yaml --jobs 1", "one run at a time, in this process"),
    async (argv) => {
      await runSimulate(argv as unknown as SimulateArgs, io);
    },
  );
}
