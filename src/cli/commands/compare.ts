/**
 * `kmsplan compare PREDICTED.json MEASURED.json [--tolerance FILE] [--json]`: metric by metric,
 * with absolute and relative differences and a verdict per row; exit 3 when any row is outside.
 */
import type { Argv } from "yargs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { RunResult } from "../../metrics/result.js";
import { compareResults, comparisonToJson, DEFAULT_TOLERANCES, parseTolerances, renderComparisonTable } from "../../compare/index.js";
import { ThresholdError, UsageError } from "../../errors.js";
import type { CliIo } from "../io.js";
import { checkReportArgs, reportOptions, writeHtmlReport } from "./reportOutputs.js";
import { html, renderComparisonMarkdown } from "../../report/index.js";

async function readResult(file: string, io: CliIo, variant?: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${(e as Error).message}`, { cause: e });
  }
  const list = Array.isArray(parsed) ? (parsed as RunResult[]) : [parsed as RunResult];
  const pick = variant ? list.filter((r) => r.variant === variant) : list;
  if (pick.length !== 1 || typeof pick[0] !== "object" || pick[0] === null || !("kms" in pick[0]) || !("app" in pick[0])) {
    throw new UsageError(
      pick.length > 1
        ? `${file} holds ${pick.length} results (variants ${list.map((r) => r.variant).join(", ")}); pick one with --variant`
        : `${file} does not hold a kmsplan result${variant ? ` for variant ${variant}` : ""}`,
    );
  }
  return pick[0];
}

export function compareCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "compare <predicted> <measured>",
    "Compare a predicted result with a measured one, metric by metric; exit 3 when outside tolerance",
    (c) =>
      reportOptions(c)
        .positional("predicted", { type: "string", describe: "Result JSON of `simulate --json`" })
        .positional("measured", { type: "string", describe: "Result JSON of `live` (results/*.json)" })
        .option("tolerance", { type: "string", describe: "JSON or YAML file of tolerances, e.g. { kms.requests: { rel: 0.05 } }" })
        .option("variant", { type: "string", describe: "Which variant to take from files holding several results" })
        .option("json", { type: "boolean", default: false, describe: "Print the comparison as JSON" })
        .epilogue(
          "Default tolerances: " +
            Object.entries(DEFAULT_TOLERANCES)
              .map(([k, v]) => `${k} ${v.abs !== undefined ? `±${v.abs}` : ""}${v.rel !== undefined ? `±${v.rel * 100}%` : ""}`)
              .join(", ") +
            ". A row is ok when within the absolute OR the relative bound.",
        ),
    async (argv) => {
      checkReportArgs(argv as { json?: boolean; markdown?: boolean; html?: string });
      const predicted = await readResult(argv.predicted as string, io, argv.variant as string | undefined);
      const measured = await readResult(argv.measured as string, io, argv.variant as string | undefined);
      let tolerances = DEFAULT_TOLERANCES;
      if (argv.tolerance) {
        const f = argv.tolerance as string;
        const text = await readFile(resolve(io.cwd, f), "utf8").catch((e) => {
          throw new UsageError(`cannot read --tolerance ${f}: ${(e as NodeJS.ErrnoException).code}`, { cause: e });
        });
        tolerances = parseTolerances(text, DEFAULT_TOLERANCES, f);
      }
      const c = compareResults(predicted, measured, tolerances);
      if (argv.html !== undefined) await writeHtmlReport(io, argv.html as string, html.comparePage({ comparison: c, predicted, measured }));
      io.stdout((argv.json ? comparisonToJson(c) : argv.markdown ? renderComparisonMarkdown(c) : renderComparisonTable(c)) + "\n");
      if (!c.ok) throw new ThresholdError(`${c.rows.filter((r) => r.verdict === "outside").length} metric(s) outside tolerance`);
    },
  );
}
