/**
 * `kmsplan compare A.json B.json [--tolerance FILE] [--metrics a,b] [--strict] [--json]`: metric by
 * metric, with absolute and relative differences and a verdict per row. Both files are validated
 * against the result contract first (src/metrics/resultSchema.ts): an invalid one exits 2 with
 * at most 20 problems listed. Exit 3 when a row is outside tolerance or a contract metric could not
 * be compared (name the metrics to compare with --metrics); --strict also refuses (exit 2) results
 * that look like different runs (scenario, seed, duration).
 */
import type { Argv } from "yargs";
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import {
  compareResults,
  comparisonToJson,
  DEFAULT_TOLERANCES,
  isKnownMetric,
  parseTolerances,
  renderComparisonTable,
  unknownMetricMessage,
  type Tolerances,
} from "../../compare/index.js";
import { IssueSummary, runResultSchema, type ParsedRunResult } from "../../metrics/resultSchema.js";
import { InputError, ThresholdError, UsageError } from "../../errors.js";
import type { CliIo } from "../io.js";
import type { RunResult } from "../../metrics/result.js";
import { checkReportArgs, reportOptions, writeHtmlReport } from "./reportOutputs.js";
import { html, renderComparisonMarkdown } from "../../report/index.js";

/** Largest result file read, bytes (512 MiB): far above any result, histograms and series included. */
export const MAX_RESULT_BYTES = 512 * 1024 * 1024;

/** Variant names listed at most in a message. */
const MAX_LISTED_VARIANTS = 10;

export interface CompareArgs {
  predicted: string;
  measured: string;
  tolerance?: string;
  variant?: string;
  variantA?: string;
  variantB?: string;
  metrics?: string;
  strict: boolean;
  json: boolean;
  markdown?: boolean;
  html?: string;
}

function variantNames(list: readonly unknown[]): string {
  const names = list.map((r) => (r !== null && typeof r === "object" ? String((r as { variant?: unknown }).variant ?? "(base)") : "(not a result)"));
  const shown = names.slice(0, MAX_LISTED_VARIANTS).join(", ");
  return names.length > MAX_LISTED_VARIANTS ? `${shown}, ... and ${(names.length - MAX_LISTED_VARIANTS).toLocaleString("en-US")} more` : shown;
}

async function readJson(file: string, io: CliIo): Promise<unknown> {
  const path = resolve(io.cwd, file);
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(`${file} is a directory, not a result file`);
    if (st.size > MAX_RESULT_BYTES) throw new InputError(`${file} is ${st.size.toLocaleString("en-US")} bytes, over the ${MAX_RESULT_BYTES.toLocaleString("en-US")} a result file can be`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `${file}: no such file` : `cannot read ${file} (${code ?? (e as Error).message})`, { cause: e });
  }
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new InputError(`${file} is not JSON: ${(e as Error).message.slice(0, 160)}`, { cause: e });
  }
}

/** One result of a file (a result, or an array of them as `simulate --json` writes for variants), validated. */
export async function readResult(file: string, io: CliIo, variant: string | undefined, flag: string): Promise<ParsedRunResult> {
  const doc = await readJson(file, io);
  const list = Array.isArray(doc) ? doc : [doc];
  const indexed = list.map((r, i) => ({ r, i }));
  const pick = variant === undefined ? indexed : indexed.filter(({ r }) => r !== null && typeof r === "object" && (r as { variant?: unknown }).variant === variant);
  if (pick.length === 0) {
    throw new InputError(
      list.length === 0 ? `${file} holds no result (an empty array)` : `${file} has no result for variant ${variant}; it holds: ${variantNames(list)}`,
    );
  }
  if (pick.length > 1) {
    throw new InputError(`${file} holds ${pick.length.toLocaleString("en-US")} results (variants ${variantNames(pick.map((p) => p.r))}); pick one with ${flag}`);
  }
  const { r, i } = pick[0];
  const parsed = runResultSchema.safeParse(r);
  if (!parsed.success) {
    const s = new IssueSummary();
    s.addIssues(parsed.error.issues, r, Array.isArray(doc) ? [i] : []);
    const more = s.more();
    throw new InputError(
      `${file} is not a kmsplan result (docs/result-contract.md): ${s.total} problem(s):\n  ${s.lines.join("\n  ")}${more ? `\n  ${more}` : ""}`,
    );
  }
  return parsed.data;
}

/** `--metrics a,b` -> the names, each checked (exit 2 with "did you mean" for an unknown one). */
export function parseMetricsArg(text: string): string[] {
  const names = text.split(",").map((m) => m.trim()).filter((m) => m !== "");
  if (names.length === 0) throw new UsageError("--metrics: name at least one metric, e.g. --metrics kms.requests,app.latencyMs.p99");
  const unknown = names.filter((m) => !isKnownMetric(m));
  if (unknown.length) throw new UsageError(`--metrics: ${unknown.map(unknownMetricMessage).join("; ")}`);
  return names;
}

async function readTolerances(file: string | undefined, io: CliIo): Promise<Tolerances> {
  if (!file) return DEFAULT_TOLERANCES;
  const text = await readFile(resolve(io.cwd, file), "utf8").catch((e: unknown) => {
    throw new InputError(`cannot read --tolerance ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  });
  return parseTolerances(text, DEFAULT_TOLERANCES, file);
}

export async function runCompare(args: CompareArgs, io: CliIo): Promise<void> {
  checkReportArgs(args);
  const metrics = args.metrics !== undefined ? parseMetricsArg(args.metrics) : undefined;
  const tolerances = await readTolerances(args.tolerance, io);
  const predicted = await readResult(args.predicted, io, args.variantA ?? args.variant, args.variantA !== undefined ? "--variant-a" : "--variant (or --variant-a)");
  const measured = await readResult(args.measured, io, args.variantB ?? args.variant, args.variantB !== undefined ? "--variant-b" : "--variant (or --variant-b)");
  const c = compareResults(predicted, measured, tolerances, { metrics });
  if (args.strict && c.warnings.some((w) => w.startsWith("different "))) {
    throw new UsageError(`--strict: these results are not of the same run: ${c.warnings.filter((w) => w.startsWith("different ")).join("; ")}`);
  }
  if (args.html !== undefined) await writeHtmlReport(io, args.html, html.comparePage({ comparison: c, predicted: predicted as RunResult, measured: measured as RunResult }));
  io.stdout((args.json ? comparisonToJson(c) : args.markdown ? renderComparisonMarkdown(c) : renderComparisonTable(c)) + "\n");
  const outside = c.rows.filter((r) => r.verdict === "outside").length;
  if (outside > 0) throw new ThresholdError(`${outside} metric(s) outside tolerance${c.missing.length ? `, ${c.missing.length} missing` : ""}`);
  if (c.missing.length > 0) {
    const hint = metrics ? "" : "; to compare only some metrics, name them with --metrics";
    throw new ThresholdError(`comparison incomplete: ${c.missing.length} metric(s) missing (${c.missing.slice(0, 3).join(", ")}${c.missing.length > 3 ? ", ..." : ""})${hint}`);
  }
}

export function compareCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "compare <predicted> <measured>",
    "Compare a predicted result with a measured one (or two variants), metric by metric; exit 3 when outside tolerance",
    (c) =>
      reportOptions(c)
        .positional("predicted", { type: "string", describe: "Result JSON, e.g. of `simulate --json` (the reference side)" })
        .positional("measured", { type: "string", describe: "Result JSON, e.g. of `live` (results/*.json)" })
        .option("tolerance", { type: "string", describe: "JSON or YAML file of tolerances, e.g. { kms.requests: { rel: 0.05 } }" })
        .option("variant", { type: "string", describe: "Which variant to take from files holding several results (both sides)" })
        .option("variant-a", { type: "string", describe: "Which variant to take from the first file" })
        .option("variant-b", { type: "string", describe: "Which variant to take from the second file" })
        .option("metrics", { type: "string", describe: "Compare only these metrics, comma-separated (e.g. kms.requests,app.latencyMs.p99)" })
        .option("strict", { type: "boolean", default: false, describe: "Refuse (exit 2) results of different scenarios, seeds or durations instead of warning" })
        .option("json", { type: "boolean", default: false, describe: "Print the comparison as JSON" })
        .example("$0 compare predicted.json results/2026-...-live.json", "predicted vs measured")
        .example("$0 compare out.json out.json --variant-a per-tenant --variant-b per-account", "two variants of one simulate output")
        .epilogue(
          "Default tolerances: " +
            Object.entries(DEFAULT_TOLERANCES)
              .map(([k, v]) => `${k} ${v.abs !== undefined ? `±${v.abs}` : ""}${v.rel !== undefined ? `±${v.rel * 100}%` : ""}`)
              .join(", ") +
            ". A row is ok when within the absolute OR the relative bound. Tolerance files may name every metric of the table: " +
            "app.latencyMs.<p50|p90|p99|p99_9|max|mean>, the same per operation (app.byOperation.<op|*>.latencyMs.<...>), kms.byOperation.<Op|*>.requests, ...\n" +
            "Every contract metric (app.operations, failureRate, latency p50-mean, kms.requests/throttled/throttleRate/retries, cost) must be present " +
            "in both results, else the comparison is incomplete (exit 3), unless --metrics names what to compare.\n" +
            "Exit codes: 0 all within tolerance; 2 an input is missing, not JSON or not a result (at most 20 problems listed), a bad option, or --strict refused; " +
            "3 a metric outside tolerance or missing.",
        ),
    async (argv) => {
      await runCompare(argv as unknown as CompareArgs, io);
    },
  );
}
