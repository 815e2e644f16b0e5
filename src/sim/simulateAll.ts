/**
 * `simulateAll(scenarios)`: what `scenarios.map((s) => simulate(s, options))` gives, byte for byte,
 * with every run on the worker pool: each scenario is one job, and each of its lever runs (the
 * scenario without its cache, without its Bucket Keys) another; the savings are computed here, on
 * the calling thread, once all runs are back.
 *
 * Example: a file with variants with-cache and without-cache, 2 cores -> three jobs
 * (with-cache, with-cache without cache, without-cache) on two workers; the results are
 * [with-cache + its savings, without-cache].
 */
import type { Scenario } from "../scenario/types.js";
import type { RunResult } from "../metrics/result.js";
import type { BuildOptions } from "./buildResult.js";
import { leverRuns, withSavings, type LeverRun } from "./savings.js";
import { runSimulations } from "./pool/runSimulations.js";
import { jobLabel } from "./pool/runJob.js";
import type { RunSimulationsOptions, SimulationJob } from "./pool/types.js";

export interface SimulateAllOptions extends BuildOptions, RunSimulationsOptions {
  /** Also run each scenario without each lever it uses and report the savings; default true. */
  savings?: boolean;
}

export async function simulateAll(scenarios: readonly Scenario[], options: SimulateAllOptions = {}): Promise<RunResult[]> {
  if (!Array.isArray(scenarios)) throw new TypeError(`Expected scenarios to be an array, got ${typeof scenarios}`);
  const plans = scenarios.map((scenario) => ({ scenario, levers: options.savings === false ? [] : leverRuns(scenario) }));
  const jobs: SimulationJob[] = plans.flatMap(({ scenario, levers }) => {
    const main: SimulationJob = { scenario, series: options.series, histograms: options.histograms };
    return [main, ...levers.map((l: LeverRun) => ({ scenario: l.scenario, label: `${jobLabel(main)} (${l.phase})` }))];
  });
  const results = await runSimulations(jobs, options);
  let next = 0;
  return plans.map(({ levers }) => {
    const main = results[next++];
    const without = levers.map(() => results[next++]);
    return withSavings(main, levers, without);
  });
}
