/**
 * Replicated simulation: the same workload (same seed, so the same arrivals, tenants, instances and
 * operations) run `n` times with independent draws of everything the model treats as chance -
 * service times, backoff jitter, which limiter waiter wins, read ages - and summarised by the
 * median of every metric.
 *
 * Why: some systems are chaotic. In adaptive retry mode at 150% of quota a handful of throttles
 * decide each client's CUBIC rate curve, and the median latency of one simulated run ranges from
 * 0.3 s to 3.9 s depending on the service-time draws alone (rehearsal-adaptive-dip, 12 replications).
 * The real SDK is one more draw from that spread. A single run's number is then an anecdote; the
 * median over replications is the model's prediction, and the spread says how far one run can
 * stray from it. `kmsplan rehearse` compares the measured run with the median.
 *
 * Example: `simulateReplicated(s, 5)` with p50s [400, 900, 610, 3000, 700] ms -> median result p50
 * 700 ms, spread p50 {min 400, max 3000}. Counts take the median too (an odd `n` keeps them integers).
 */
import type { RunResult } from "../metrics/result.js";
import type { Scenario } from "../scenario/types.js";
import { simulateOnce } from "./simulate.js";
import { runSimulations } from "./pool/runSimulations.js";
import { jobLabel } from "./pool/runJob.js";
import type { RunSimulationsOptions, SimulationJob } from "./pool/types.js";

/** Replications `kmsplan rehearse` runs by default (odd, so medians are observed values). */
export const DEFAULT_REPLICATIONS = 15;

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface ReplicatedResult {
  /** Every numeric field the median of the replicates' values; everything else from replicate 0. */
  result: RunResult;
  replications: number;
  /** Min, median and max across replicates of the headline metrics, by dotted path. */
  spread: Record<string, Spread>;
}

/** Headline metrics whose spread is reported (paths in RunResult). */
export const SPREAD_METRICS = ["app.latencyMs.p50", "app.latencyMs.p99", "app.failureRate", "kms.requests", "kms.throttleRate"] as const;

/** Replicates 0..n-1 of the scenario, one after the other on this thread. */
export function simulateReplicated(scenario: Scenario, replications: number = DEFAULT_REPLICATIONS): ReplicatedResult {
  const runs = replicationJobs(scenario, replications).map((job) => simulateOnce(job.scenario, { replicate: job.replicate }).result);
  return summarizeReplications(runs);
}

/** The same as `simulateReplicated`, byte for byte, with the replicates side by side on the worker pool. */
export async function runReplicated(scenario: Scenario, replications: number = DEFAULT_REPLICATIONS, options: RunSimulationsOptions = {}): Promise<ReplicatedResult> {
  return summarizeReplications(await runSimulations(replicationJobs(scenario, replications), options));
}

/** One job per replicate, labelled "NAME [VARIANT] #r". */
export function replicationJobs(scenario: Scenario, replications: number): SimulationJob[] {
  if (!(Number.isInteger(replications) && replications >= 1)) throw new TypeError(`Expected replications to be a positive integer, got ${replications}`);
  const name = jobLabel({ scenario });
  return Array.from({ length: replications }, (_, r) => ({ scenario, replicate: r, label: `${name} #${r}` }));
}

/** The median result and the spread of the headline metrics over the replicates' results. */
export function summarizeReplications(runs: RunResult[]): ReplicatedResult {
  const spread: Record<string, Spread> = {};
  for (const path of SPREAD_METRICS) {
    const values = runs.map((x) => at(x, path)).filter((v): v is number => typeof v === "number");
    if (values.length === 0) continue;
    values.sort((a, b) => a - b);
    spread[path] = { min: values[0], median: median(values), max: values[values.length - 1] };
  }
  return { result: medianOf(runs) as RunResult, replications: runs.length, spread };
}

function at(x: unknown, path: string): unknown {
  let v: unknown = x;
  for (const k of path.split(".")) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Lower median of sorted values (an observed value, so integer counts stay integers). */
function median(sorted: number[]): number {
  return sorted[(sorted.length - 1) >> 1];
}

/**
 * The element-wise median of structurally similar values: numbers -> median of the numbers present
 * at that place; objects -> by the union of their keys; arrays of equal length -> by index;
 * anything else (strings, arrays of differing lengths) -> the first replicate's.
 */
export function medianOf(values: unknown[]): unknown {
  const present = values.filter((v) => v !== undefined);
  if (present.length === 0) return undefined;
  const first = present[0];
  if (typeof first === "number") {
    const nums = present.filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
    return median(nums);
  }
  if (Array.isArray(first)) {
    if (!present.every((v) => Array.isArray(v) && v.length === first.length)) return first;
    return first.map((_, i) => medianOf(present.map((v) => (v as unknown[])[i])));
  }
  if (first !== null && typeof first === "object") {
    const keys: string[] = [];
    const seen = new Set<string>();
    for (const v of present) {
      if (v === null || typeof v !== "object" || Array.isArray(v)) continue;
      for (const k of Object.keys(v)) if (!seen.has(k)) (seen.add(k), keys.push(k));
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const m = medianOf(present.map((v) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined)));
      if (m !== undefined) out[k] = m;
    }
    return out;
  }
  return first;
}
