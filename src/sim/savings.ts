/**
 * The savings of a lever (data-key caching, S3 Bucket Keys): the same scenario is simulated once
 * more without the lever, and the two results are diffed here. The runs are planned apart from the
 * diff so that a caller can run them where it likes - one after the other (`simulate`) or side by
 * side on a worker pool (`simulateAll`) - and get the same bytes.
 *
 * Example: a scenario with a cache and S3 Bucket Keys on S3 traffic plans two lever runs,
 * "without cache" and "without Bucket Keys"; with their results, `savingsOf` gives rows such as
 * { lever: "data-key caching", metric: "KMS requests", without: 120000, with: 1600, reductionPct: 98.7 }.
 */
import type { Scenario } from "../scenario/types.js";
import type { RunResult } from "../metrics/result.js";

export type SavingsRow = NonNullable<RunResult["savings"]>[number];

/** One extra run that measures a lever: the scenario without it. */
export interface LeverRun {
  /** The lever's name in the savings rows, e.g. "data-key caching". */
  lever: string;
  /** What the run is, for progress lines, e.g. "without cache". */
  phase: string;
  /** The scenario with the lever switched off. */
  scenario: Scenario;
}

/** The lever runs a scenario needs for its savings, in report order (none when it uses no lever). */
export function leverRuns(scenario: Scenario): LeverRun[] {
  const runs: LeverRun[] = [];
  if (scenario.cache) runs.push({ lever: "data-key caching", phase: "without cache", scenario: { ...scenario, cache: null } });
  if (scenario.s3.bucketKeys && scenario.traffic.mix.some((m) => m.op.startsWith("s3-"))) {
    runs.push({ lever: "S3 Bucket Keys", phase: "without Bucket Keys", scenario: { ...scenario, s3: { ...scenario.s3, bucketKeys: false } } });
  }
  return runs;
}

/**
 * `result` with its `savings` set from the lever runs' results (`without[i]` is the result of
 * `runs[i]`); unchanged when no lever saved anything.
 */
export function withSavings(result: RunResult, runs: LeverRun[], without: RunResult[]): RunResult {
  if (runs.length !== without.length) throw new TypeError(`Expected one result per lever run (${runs.length}), got ${without.length}`);
  const savings = runs.flatMap((run, i) => leverSavings(run.lever, without[i], result));
  if (savings.length > 0) result.savings = savings;
  return result;
}

function leverSavings(lever: string, without: RunResult, withLever: RunResult): SavingsRow[] {
  const out: SavingsRow[] = [];
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
