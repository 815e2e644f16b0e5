#!/usr/bin/env node
/**
 * kmsplan's command line: the one error boundary. Commands are small modules in ./commands; this
 * file maps errors to exit codes and nothing else:
 *   0 ok · 1 unexpected · 2 invalid scenario or usage · 3 a threshold or comparison failed ·
 *   4 a run invalid or incomplete.
 */
import { pathToFileURL } from "node:url";
import { readFileSync, realpathSync } from "node:fs";
import yargs, { type Argv } from "yargs";
import { ScenarioError, ThresholdError, UsageError, GuardrailError, RunIncompleteError, InputError } from "../errors.js";
import { processIo, type CliIo } from "./io.js";
import { commands } from "./commands/index.js";

export const EXIT_OK = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_INVALID = 2;
export const EXIT_THRESHOLD = 3;
export const EXIT_INCOMPLETE = 4;

/** The exit codes, as `--help` and the README state them. */
export const EXIT_CODES_TEXT =
  "Exit codes: 0 ok; 1 unexpected error (a bug: please report it); 2 invalid scenario, input file or usage; " +
  "3 a threshold or comparison failed; 4 a live run or cleanup incomplete (no credentials, endpoint unreachable or silent, " +
  "interrupted, stopped by a guardrail budget, or resources left behind).";

/** kmsplan's version, from its package.json (two levels up from both src/cli and dist/cli). */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

export function buildParser(io: CliIo, argv: string[]): Argv {
  let parser = yargs(argv)
    .scriptName("kmsplan")
    .usage(
      "kmsplan: load simulator and capacity planner for AWS KMS key strategies.\n\n" +
        "KMS request quotas are shared per account + Region + key type, not per key; AWS services such as\n" +
        "S3 draw from the same pool; SDK retries amplify load under throttling; caching and Bucket Keys cut\n" +
        "calls. kmsplan predicts it all from a scenario file, measures it live, and compares the two.\n\n" +
        "Usage: kmsplan <command> [options]",
    )
    .strict()
    .demandCommand(1, "Name a command (see the list above).")
    .recommendCommands()
    .help()
    .alias("h", "help")
    .version(packageVersion())
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    })
    .epilogue(`Scenario format: scenarios/scenario.schema.json and README.md.\n${EXIT_CODES_TEXT}`);
  for (const c of commands) parser = c(parser, io);
  return parser;
}

/** Run kmsplan with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    const parser = buildParser(io, argv);
    if (argv.length === 0) {
      // A bare `kmsplan` is a usage error (exit 2) that teaches: the command list, on stderr.
      io.stderr((await parser.getHelp()) + "\n\nkmsplan: name a command (above).\n");
      return EXIT_INVALID;
    }
    await parser.parseAsync(argv, {}, (err, _argv, output) => {
      if (output && !err) io.stdout(output + "\n");
      if (err) throw err;
    });
    return EXIT_OK;
  } catch (e) {
    return reportError(e, io);
  }
}

export function reportError(e: unknown, io: CliIo): number {
  if (e instanceof ScenarioError) {
    io.stderr(`${e.message}\n${e.problems.length} problem(s) found.\n`);
    return EXIT_INVALID;
  }
  if (e instanceof UsageError) {
    io.stderr(`kmsplan: ${e.message}\nRun 'kmsplan --help' or 'kmsplan <command> --help'.\n`);
    return EXIT_INVALID;
  }
  if (e instanceof InputError) {
    io.stderr(`kmsplan: ${e.message}\n`);
    return EXIT_INVALID;
  }
  if (e instanceof ThresholdError) {
    io.stderr(`kmsplan: ${e.message}\n`);
    return EXIT_THRESHOLD;
  }
  if (e instanceof RunIncompleteError) {
    io.stderr(`kmsplan: ${e.message}\n`);
    return EXIT_INCOMPLETE;
  }
  if (e instanceof GuardrailError) {
    io.stderr(`kmsplan: ${e.message}\n`);
    return EXIT_INVALID;
  }
  const err = e as Error;
  io.stderr(`kmsplan: unexpected error: ${err?.stack ?? String(e)}\n`);
  return EXIT_UNEXPECTED;
}

function isEntryPoint(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? "")).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
