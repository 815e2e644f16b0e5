/**
 * The library entry point of `kmsplan simulate`: run one resolved scenario, return its RunResult.
 * Pure and deterministic: same scenario (seed included) -> same result, byte for byte.
 */
import type { Scenario } from "../scenario/types.js";
import type { RunResult } from "../metrics/result.js";
import { Engine } from "./Engine.js";
import { buildResult, type BuildOptions } from "./buildResult.js";

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
  if (options.savings !== false) {
    const savings: NonNullable<RunResult["savings"]> = [];
    if (scenario.cache) {
      const without = simulateOnce({ ...scenario, cache: null }, { onProgress: progress && ((f) => progress(f, "without cache")) }).result;
      savings.push(...leverSavings("data-key caching", without, result));
    }
    if (scenario.s3.bucketKeys && scenario.traffic.mix.some((m) => m.op.startsWith("s3-"))) {
      const noBucketKeys = { ...scenario, s3: { ...scenario.s3, bucketKeys: false } };
      const without = simulateOnce(noBucketKeys, { onProgress: progress && ((f) => progress(f, "without Bucket Keys")) }).result;
      savings.push(...leverSavings("S3 Bucket Keys", without, result));
    }
    if (savings.length > 0) result.savings = savings;
  }
  return result;
}

function leverSavings(lever: string, without: RunResult, withLever: RunResult): NonNullable<RunResult["savings"]> {
  const out: NonNullable<RunResult["savings"]> = [];
  const ops = new Set([...Object.keys(without.kms.byOperation), ...Object.keys(withLever.kms.byOperation)]);
  for (const op of [...ops].sort()) {
    const a = without.kms.byOperation[op]?.requests ?? 0;
    const b = withLever.kms.byOperation[op]?.requests ?? 0;
    if (a > 0 && a !== b) out.push({ lever, metric: `kms:${op} requests`, without: a, with: b, reductionPct: round1(((a - b) / a) * 100) });
  }
  const a = without.kms.requests, b = withLever.kms.requests;
  if (a > 0) out.push({ lever, metric: "KMS requests", without: a, with: b, reductionPct: round1(((a - b) / a) * 100) });
  const ca = without.cost.monthlyUsd.total, cb = withLever.cost.monthlyUsd.total;
  if (ca > 0) out.push({ lever, metric: "monthly cost (USD)", without: ca, with: cb, reductionPct: round1(((ca - cb) / ca) * 100) });
  return out;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
