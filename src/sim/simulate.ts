/**
 * The library entry point of `kmsplan simulate`: run one resolved scenario, return its RunResult.
 * Pure and deterministic: same scenario (seed included) -> same result, byte for byte.
 */
import type { Scenario } from "../scenario/types.js";
import type { RunResult } from "../metrics/result.js";
import { Engine } from "./Engine.js";
import { buildResult, type BuildOptions } from "./buildResult.js";
import { leverRuns, withSavings } from "./savings.js";

export interface SimulateOptions extends BuildOptions {
  /** Called between chunks of simulated time with the fraction done (0..1) and the lever being run. */
  onProgress?: (fraction: number, phase: string) => void;
  /**
   * Also simulate the scenario without each lever it uses (data-key cache, S3 Bucket Keys) and
   * report the saving ("caching cut GenerateDataKey by 98.7%"). Default true.
   */
  savings?: boolean;
}

export interface SimulationStats {
  events: number;
  wallMs: number;
}

/** Chunks of simulated time between progress callbacks. */
const PROGRESS_CHUNKS = 50;

export function simulateOnce(
  scenario: Scenario,
  options: BuildOptions & { onProgress?: (fraction: number) => void; replicate?: number } = {},
): { result: RunResult; engine: Engine } {
  const engine = new Engine(scenario, options.replicate ?? 0, { timeline: options.series === true });
  if (options.onProgress) {
    const step = scenario.durationMs / PROGRESS_CHUNKS;
    for (let i = 1; i <= PROGRESS_CHUNKS; i++) {
      engine.advance(i === PROGRESS_CHUNKS ? scenario.durationMs : i * step);
      options.onProgress(i / PROGRESS_CHUNKS);
    }
  }
  engine.run();
  return { result: buildResult(scenario, engine, options), engine };
}

export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const progress = options.onProgress;
  const { result } = simulateOnce(scenario, { ...options, onProgress: progress && ((f) => progress(f, "scenario")) });
  if (options.savings === false) return result;
  const runs = leverRuns(scenario);
  const without = runs.map((run) => simulateOnce(run.scenario, { onProgress: progress && ((f) => progress(f, run.phase)) }).result);
  return withSavings(result, runs, without);
}
