/**
 * Engine counters -> `RunMeasurements` -> the RunResult contract (`buildRunResult`, which computes
 * every derived field for simulate and live alike). The measured window runs from the end of the
 * warm-up to the end of the scenario; attempts after it (retries of the last operations) count in
 * the KMS totals of their operations, not in the per-second pool statistics.
 */
import type { Scenario } from "../scenario/types.js";
import type { RunResult } from "../metrics/result.js";
import { buildRunResult, type BuildOptions } from "../metrics/buildRunResult.js";
import type { RunMeasurements } from "../metrics/measurements.js";
import { keyLayout } from "../model/keyLayout.js";
import { assumptionsFor } from "../model/assumptions.js";
import type { Engine } from "./Engine.js";

export type { BuildOptions } from "../metrics/buildRunResult.js";

export function engineMeasurements(scenario: Scenario, engine: Engine): RunMeasurements {
  const c = engine.counters;
  const p = engine.pools;
  return {
    source: "simulate",
    scenario,
    window: { fromMs: scenario.warmupMs, toMs: scenario.durationMs },
    operations: scenario.traffic.mix.map((m, i) => ({
      label: m.label,
      operations: c.ops[i],
      succeeded: c.succeeded[i],
      failed: c.failed[i],
      latency: c.latency[i].toHistogram(),
    })),
    kms: c.kmsOpNames.map((operation, code) => ({
      operation,
      priceClass: c.kmsOpPriceClass[code],
      requests: c.kmsRequests[code],
      throttled: c.kmsThrottled[code],
      servedPerSec: c.servedPerSec.subarray(code * c.seconds, (code + 1) * c.seconds),
    })),
    pools: p.names.map((pool, i) => ({ pool, quotaPerSec: p.quotas[i], requestsPerSec: p.requestsPerSec[i], throttledPerSec: p.throttledPerSec[i] })),
    retries: c.retries,
    budgetExhausted: c.budgetExhausted,
    byS3: c.byS3,
    bucketKeyCalls: c.bucketKeyCalls,
    objectKeyCalls: c.objectKeyCalls,
    cache: { hits: c.cacheHits, misses: c.cacheMisses, stampedeMisses: c.stampedeMisses },
    keyCount: keyLayout(scenario).accountKeys,
    timeline: c.timeline,
    assumptions: assumptionsFor(scenario),
    warnings: [],
  };
}

export function buildResult(scenario: Scenario, engine: Engine, options: BuildOptions = {}): RunResult {
  return buildRunResult(engineMeasurements(scenario, engine), options);
}
