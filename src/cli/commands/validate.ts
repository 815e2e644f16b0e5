/** `kmsplan validate FILE...`: load and check scenarios; print what they resolve to, in one line each. */
import type { Argv } from "yargs";
import { resolve } from "node:path";
import { loadScenarioFile } from "../../scenario/index.js";
import { ScenarioError, type ScenarioProblem } from "../../errors.js";
import type { CliIo } from "../io.js";

export async function runValidate(files: string[], io: CliIo): Promise<void> {
  const problems: ScenarioProblem[] = [];
  for (const f of files) {
    try {
      const loaded = await loadScenarioFile(resolve(io.cwd, f));
      const s = loaded.base;
      const rate = s.traffic.shape.map((x) => x.ratePerSec).reduce((a, b) => Math.max(a, b), 0);
      io.stdout(
        `${f}: ok - ${s.name}: ${s.tenants.count.toLocaleString("en-US")} tenants, ${s.keys.boundary} ${s.keys.tier} keys, ` +
          `${s.clients.instances} instance(s), up to ${rate.toLocaleString("en-US")} ops/s for ${s.durationMs / 1000} s` +
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
    "Check scenario files: every problem with file:line:col, exit 2 if any",
    (c) => c.positional("files", { type: "string", array: true, describe: "Scenario YAML file(s)" }),
    async (argv) => {
      await runValidate(argv.files as string[], io);
    },
  );
}
