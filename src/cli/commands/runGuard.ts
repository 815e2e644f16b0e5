/**
 * What every command that runs scenarios does before it starts: load each file and print the
 * loader's warnings on stderr, then refuse runs too large for this machine (estimateRun, exit 2)
 * unless `--force`.
 */
import { totalmem } from "node:os";
import { resolve } from "node:path";
import { ScenarioError, type ScenarioProblem } from "../../errors.js";
import { liveScenario } from "../../live/liveScenario.js";
import { loadScenarioFile } from "../../scenario/index.js";
import type { LoadedScenario, Scenario } from "../../scenario/types.js";
import { defaultBudget, estimateRun, formatWall, runSizeProblem, type PlannedRun, type RunBudget } from "../../sim/estimate.js";
import type { CliIo } from "../io.js";

/** `file:line:col: warning: path: message`. */
export function formatWarning(w: ScenarioProblem): string {
  const where = w.line !== null ? `${w.file}:${w.line}:${w.col ?? 1}` : w.file;
  return `${where}: warning: ${w.path ? `${w.path}: ` : ""}${w.message}`;
}

/** Loads a scenario file (relative to the working directory) and prints its warnings on stderr. */
export async function loadForRun(file: string, io: CliIo): Promise<LoadedScenario> {
  const loaded = await loadScenarioFile(resolve(io.cwd, file));
  for (const w of loaded.warnings) io.stderr(formatWarning(w) + "\n");
  return loaded;
}

/** The `--force` option of simulate, rehearse and live. */
export const FORCE_OPTION = {
  type: "boolean",
  default: false,
  describe: "Run even when the estimate says the run takes over 30 min or needs over half of this machine's memory",
} as const;

export interface PlannedScenario {
  file: string;
  scenario: Scenario;
  run: PlannedRun;
}

/**
 * Throws a ScenarioError (exit 2) when a planned run, or all of them together, would take longer
 * than the budget's wall time or need more memory; does nothing with `force`.
 */
export function guardRunSize(planned: PlannedScenario[], force: boolean, budget: RunBudget = defaultBudget(totalmem())): void {
  if (force || planned.length === 0) return;
  const problems: ScenarioProblem[] = [];
  let totalMs = 0;
  for (const p of planned) {
    const estimate = estimateRun(p.scenario);
    const why = runSizeProblem(p.scenario, estimate, p.run, budget);
    const label = p.scenario.variant ? `variant "${p.scenario.variant}": ` : "";
    if (why) problems.push({ file: p.file, line: null, col: null, path: "", message: label + why });
    totalMs += estimate.wallMs * p.run.simulatedPasses;
  }
  if (problems.length === 0 && totalMs > budget.maxWallMs) {
    problems.push({
      file: planned[0].file,
      line: null,
      col: null,
      path: "",
      message: `too large to run: these ${planned.length} runs would take about ${formatWall(totalMs)} of simulation together (limit ${formatWall(budget.maxWallMs)}); pick fewer with --variant, shrink them, or run them anyway with --force`,
    });
  }
  if (problems.length) throw new ScenarioError(problems);
}

/** The scenario as `live` will drive it (--tenants, --scale), for the size check; as written when they are invalid (runLive reports that). */
export function sizedForLive(s: Scenario, tenants: number | undefined, scale: number | undefined): Scenario {
  try {
    return liveScenario(s, tenants, scale);
  } catch {
    return s;
  }
}
