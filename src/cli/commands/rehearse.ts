/**
 * `kmsplan rehearse FILE [--variant NAME] [--tolerance FILE] [--json]`: start the emulator with the
 * scenario's quota and latency (in a child process), run `live` against it with the real SDK and
 * Encryption SDK, `simulate` the same scenario with the caller overhead measured in a calibration
 * run first, and print predicted vs measured. Exit 3 when any row is outside tolerance.
 */
import type { Argv } from "yargs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { comparisonToJson, DEFAULT_TOLERANCES, parseTolerances, renderComparisonTable } from "../../compare/index.js";
import { ThresholdError, UsageError } from "../../errors.js";
import type { Calibration } from "../../rehearse/index.js";
import { DEFAULT_CALIBRATION_MS } from "../../rehearse/calibrate.js";
import { FORCE_OPTION, guardRunSize, loadForRun } from "./runGuard.js";
import { DEFAULT_REPLICATIONS, type Spread } from "../../sim/replicate.js";
import type { CliIo } from "../io.js";
import { checkReportArgs, rehearsalNotes, reportOptions, writeRehearsalHtml } from "./reportOutputs.js";
import { renderComparisonMarkdown } from "../../report/index.js";
import { DEFAULT_JOBS } from "../../sim/pool/index.js";
import { parseJobs, progressLine } from "./simulate.js";

export interface RehearseArgs {
  file: string;
  variant?: string;
  tolerance?: string;
  json: boolean;
  results: string;
  calibrate: boolean;
  calibrationSeconds: number;
  replications: number;
  force?: boolean;
  html?: string;
  markdown?: boolean;
  /** Default: sized to the machine (see sim/pool autoWorkers). */
  jobs?: number;
}

const ms = (v: number): string => `${v.toFixed(2)} ms`;

/** The calibration, as the lines printed above the comparison. */
export function describeCalibration(c: Calibration): string {
  if (!c.measured) return `calibration: skipped; latency.client p50 ${ms(c.client.p50Ms)}, p99 ${ms(c.client.p99Ms)} as written\n`;
  const lines = [
    `calibration: ${c.seconds.toFixed(0)} s at ${c.ratePerSec} ops/s against the emulator with no quota and no injected latency (${c.operations} ops)`,
    `  latency.client (per KMS attempt): p50 ${ms(c.client.p50Ms)}, p99 ${ms(c.client.p99Ms)}; schedule lag p99 ${ms(c.lagMs.p99)}`,
    ...Object.entries(c.operationsMs).map(
      ([op, l]) => `  ${op} local time (Encryption SDK): p50 ${ms(l.p50Ms)}, p99 ${ms(l.p99Ms)}` + (op in c.missOperationsMs ? `; a cache miss adds ${ms(c.missOperationsMs[op])}` : ""),
    ),
    ...c.notes.map((n) => `  note: ${n}`),
  ];
  return lines.join("\n") + "\n";
}

/** The prediction's spread across replications, as lines printed above the comparison. */
export function describeSpread(replications: number, spread: Record<string, Spread>): string {
  const fmt = (path: string, v: number): string => (path.includes("latencyMs") ? `${v.toFixed(1)} ms` : path.endsWith("Rate") ? v.toFixed(3) : String(v));
  const rows = Object.entries(spread).map(([path, s]) => `  ${path}: median ${fmt(path, s.median)}, range ${fmt(path, s.min)} - ${fmt(path, s.max)}`);
  return [`prediction: median of ${replications} simulated replications (same arrivals, independent service-time, jitter and waiter draws)`, ...rows].join("\n") + "\n";
}

export async function runRehearse(args: RehearseArgs, io: CliIo): Promise<void> {
  checkReportArgs(args);
  const loaded = await loadForRun(args.file, io);
  const scenario = args.variant ? loaded.variants.find((v) => v.variant === args.variant) : loaded.base;
  if (!scenario) throw new UsageError(`unknown variant ${args.variant} in ${args.file}; the file defines: ${loaded.variants.map((v) => v.variant).join(", ") || "none"}`);
  guardRunSize([{ file: loaded.file, scenario, run: { simulatedPasses: Math.max(1, args.replications || 1), live: true } }], args.force === true);
  let tolerances = DEFAULT_TOLERANCES;
  if (args.tolerance) {
    const f = args.tolerance;
    const text = await readFile(resolve(io.cwd, f), "utf8").catch((e: unknown) => {
      throw new UsageError(`cannot read --tolerance ${f}: ${(e as NodeJS.ErrnoException).code}`, { cause: e });
    });
    tolerances = parseTolerances(text, DEFAULT_TOLERANCES, f);
  }
  if (!(Number.isInteger(args.replications) && args.replications >= 1 && args.replications <= 1001)) {
    throw new UsageError(`--replications must be an integer from 1 to 1001, got ${args.replications}`);
  }
  const jobs = parseJobs(args.jobs);
  if (!(Number.isFinite(args.calibrationSeconds) && args.calibrationSeconds > 0)) {
    throw new UsageError(`--calibration-seconds must be a positive number, got ${args.calibrationSeconds}`);
  }
  const ac = new AbortController();
  const off = io.onInterrupt(() => ac.abort());
  let lastPhase = "";
  let drawn = false;
  try {
    // Loaded here, not at the top: the AWS SDK takes about 1 s to load, which every other command would pay.
    const { rehearse } = await import("../../rehearse/index.js");
    const out = await rehearse({
      scenario,
      resultsDir: resolve(io.cwd, args.results),
      tolerances,
      calibrate: args.calibrate,
      calibrationMs: args.calibrationSeconds * 1000,
      replications: args.replications,
      jobs,
      signal: ac.signal,
      onProgress: (p) => {
        // The replications on a terminal: one line, redrawn.
        if (p.simulation) {
          if (io.isTTY) io.stderr(`\r${progressLine(p.simulation)}\x1b[K`);
          drawn = io.isTTY;
          return;
        }
        if (drawn) io.stderr("\r\x1b[K");
        drawn = false;
        // One line per phase, plus the live driver's periodic progress.
        if (p.phase !== lastPhase || p.live) io.stderr(`kmsplan rehearse: ${p.message}\n`);
        lastPhase = p.phase;
      },
    });
    io.stderr(`kmsplan rehearse: measured result in ${out.measuredFile}\n`);
    const notes = rehearsalNotes(describeCalibration(out.calibration), describeSpread(out.replications, out.spread));
    if (args.html !== undefined) await writeRehearsalHtml(io, args.html, out, notes);
    if (args.markdown) {
      io.stdout(renderComparisonMarkdown(out.comparison, { command: "rehearse", notes }) + "\n");
    } else if (args.json) {
      io.stderr(describeCalibration(out.calibration) + describeSpread(out.replications, out.spread));
      io.stdout(comparisonToJson(out.comparison) + "\n");
    } else {
      io.stdout(describeCalibration(out.calibration) + describeSpread(out.replications, out.spread) + renderComparisonTable(out.comparison) + "\n");
    }
    if (!out.comparison.ok) {
      const outside = out.comparison.rows.filter((r) => r.verdict === "outside").length;
      const missing = out.comparison.missing.length;
      throw new ThresholdError(
        outside > 0
          ? `${outside} metric(s) outside tolerance: the model does not match this machine's run`
          : `comparison incomplete: ${missing} metric(s) missing from a result (${out.comparison.missing.slice(0, 3).join(", ")})`,
      );
    }
  } finally {
    off();
  }
}

export function rehearseCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "rehearse <file>",
    "Run a scenario live against the local emulator and simulate it; compare predicted vs measured (exit 3 when outside tolerance)",
    (c) =>
      reportOptions(c)
        .positional("file", { type: "string", describe: "Scenario YAML (sized for one machine: see scenarios/rehearsal/)" })
        .option("variant", { type: "string", describe: "Rehearse this variant of the file instead of the base scenario" })
        .option("tolerance", { type: "string", describe: "JSON or YAML file of tolerances merged over the defaults" })
        .option("json", { type: "boolean", default: false, describe: "Print the comparison as JSON (calibration on stderr)" })
        .option("results", { type: "string", default: "results", describe: "Directory for the live runs' result files" })
        .option("calibrate", { type: "boolean", default: true, describe: "Measure the caller overhead first (--no-calibrate: use latency.client as written)" })
        .option("replications", { type: "number", default: DEFAULT_REPLICATIONS, describe: "Simulated runs of the same arrivals with independent service-time, jitter and waiter draws; the prediction is their median" })
        .option("force", FORCE_OPTION)
        .option("jobs", { type: "number", describe: `Replications simulated at the same time, one worker thread each; 1 runs them one by one in this process. The prediction does not depend on it. Default: one per core (${DEFAULT_JOBS} here), or all at once when there are at most twice as many as cores` })
        .option("calibration-seconds", { type: "number", default: DEFAULT_CALIBRATION_MS / 1000, describe: "Traffic seconds of the calibration run (after the scenario's warm-up; at most the scenario's own)" })
        .example("$0 rehearse scenarios/rehearsal/over-quota-1-instance.yaml", "150% of quota against the emulator, predicted vs measured"),
    async (argv) => {
      await runRehearse(argv as unknown as RehearseArgs, io);
    },
  );
}
