/**
 * `kmsplan validate FILE... [--strict]`: load and check scenarios; print what they resolve to, in
 * one line each, and every warning on stderr. Problems exit 2; warnings exit 0, or 2 with --strict.
 */
import type { Argv } from "yargs";
import { resolve } from "node:path";
import { loadScenarioFile } from "../../scenario/index.js";
import { describeRate } from "../../scenario/describe.js";
import { ScenarioError, type ScenarioProblem } from "../../errors.js";
import type { CliIo } from "../io.js";
import { formatWarning } from "./runGuard.js";

export interface ValidateOptions {
  /** Treat warnings as problems (exit 2). */
  strict?: boolean;
}

export async function runValidate(files: string[], io: CliIo, options: ValidateOptions = {}): Promise<void> {
  const problems: ScenarioProblem[] = [];
  for (const f of files) {
    try {
      const loaded = await loadScenarioFile(resolve(io.cwd, f));
      const s = loaded.base;
      if (!options.strict) for (const w of loaded.warnings) io.stderr(formatWarning(w) + "\n");
      else problems.push(...loaded.warnings.map((w) => ({ ...w, message: `${w.message} (a warning; --strict makes it a problem)` })));
      const warned = loaded.warnings.length ? ` (${loaded.warnings.length} warning(s))` : "";
      io.stdout(
        `${f}: ok${warned} - ${s.name}: ${s.tenants.count.toLocaleString("en-US")} tenants, ${s.keys.boundary} ${s.keys.tier} keys, ` +
          `${s.clients.instances} instance(s), ${describeRate(s)}` +
          (loaded.variants.length ? `, variants: ${loaded.variants.map((v) => v.variant).join(", ")}` : "") +
          "\n",
      );
    } catch (e) {
      if (e instanceof ScenarioError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new ScenarioError(problems);
}

export function validateCommand(y: Argv, io: CliIo): Argv {
  return y.command(
    "validate <files..>",
    "Check scenario files: every problem with file:line:col (exit 2), warnings on stderr (exit 0; --strict: exit 2)",
    (c) =>
      c
        .positional("files", { type: "string", array: true, describe: "Scenario YAML file(s)" })
        .option("strict", { type: "boolean", default: false, describe: "Fail (exit 2) on warnings too: bare-number durations, shape steps past the end, ..." })
        .example("$0 validate scenarios/*.yaml", "check every scenario")
        .example("$0 validate my.yaml --strict", "in CI: warnings fail too"),
    async (argv) => {
      await runValidate(argv.files as string[], io, { strict: argv.strict as boolean });
    },
  );
}
