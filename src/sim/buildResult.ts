/**
 * Engine counters -> the RunResult contract: summaries, pool statistics (mean, 1-s peak, 60-s
 * average peak, throttled seconds), monthly cost, assumptions and warnings.
 */
import type { Scenario } from "../scenario/types.js";
import type { PoolResult, RunResult, OperationResult } from "../metrics/result.js";
import { encodeHistogram, mergeHistograms, summarize } from "../metrics/histogram.js";
import { keyLayout } from "../model/keyLayout.js";
import { monthlyCost } from "../model/cost.js";
import { assumptionsFor } from "../model/assumptions.js";
import type { Engine } from "./Engine.js";
import { warningsFor } from "./warnings.js";

export interface BuildOptions {
  series?: boolean;
  histograms?: boolean;
}

export function poolStats(name: string, quota: number, req: Int32Array, thr: Int32Array, fromSec: number, toSec: number): PoolResult {
  let requests = 0, throttled = 0, peak = 0, secondsThrottled = 0;
  for (let s = fromSec; s < toSec; s++) {
    requests += req[s];
    throttled += thr[s];
    if (req[s] > peak) peak = req[s];
    if (thr[s] > 0) secondsThrottled++;
  }
  // CloudWatch AWS/Usage: per-minute sums, aligned to minutes from the start of the run.
  let peakMinute = 0;
  const span = toSec - fromSec;
  if (span < 60) peakMinute = span > 0 ? requests / span : 0;
  else {
    for (let m = fromSec; m + 60 <= toSec; m += 60) {
      let sum = 0;
      for (let s = m; s < m + 60; s++) sum += req[s];
      if (sum / 60 > peakMinute) peakMinute = sum / 60;
    }
  }
  return {
    pool: name,
    quotaPerSec: quota,
    requests,
    meanPerSec: span > 0 ? requests / span : 0,
    peakPerSec: peak,
    peakMinuteAvgPerSec: peakMinute,
    secondsThrottled,
    throttled,
  };
}

export function buildResult(scenario: Scenario, engine: Engine, options: BuildOptions = {}): RunResult {
  const c = engine.counters;
  const mix = scenario.traffic.mix;
  const measuredSec = (scenario.durationMs - scenario.warmupMs) / 1000;
  const fromSec = Math.floor(scenario.warmupMs / 1000);
  const toSec = Math.ceil(scenario.durationMs / 1000);

  const byOperation: Record<string, OperationResult> = {};
  const histograms = c.latency.map((r) => r.toHistogram());
  const labels = new Map<string, number[]>();
  mix.forEach((m, i) => labels.set(m.label, [...(labels.get(m.label) ?? []), i]));
  let ops = 0, succeeded = 0, failed = 0;
  for (const [label, idx] of labels) {
    const h = idx.length === 1 ? histograms[idx[0]] : mergeHistograms(idx.map((i) => histograms[i]));
    const sum = (a: Float64Array) => idx.reduce((acc, i) => acc + a[i], 0);
    byOperation[label] = {
      operations: sum(c.ops),
      succeeded: sum(c.succeeded),
      failed: sum(c.failed),
      latencyMs: summarize(h),
      ...(options.histograms ? { histogram: encodeHistogram(h) } : {}),
    };
    ops += byOperation[label].operations;
    succeeded += byOperation[label].succeeded;
    failed += byOperation[label].failed;
  }
  const all = mergeHistograms(histograms);

  let requests = 0, throttled = 0;
  const kmsByOp: Record<string, { requests: number; throttled: number }> = {};
  const servedPerSecByClass: Record<string, number> = {};
  c.kmsOpNames.forEach((name, code) => {
    if (c.kmsRequests[code] === 0) return;
    const e = (kmsByOp[name] ??= { requests: 0, throttled: 0 });
    e.requests += c.kmsRequests[code];
    e.throttled += c.kmsThrottled[code];
    requests += c.kmsRequests[code];
    throttled += c.kmsThrottled[code];
    const cls = c.kmsOpPriceClass[code];
    servedPerSecByClass[cls] = (servedPerSecByClass[cls] ?? 0) + (c.kmsRequests[code] - c.kmsThrottled[code]) / measuredSec;
  });

  const pools = engine.pools.names.map((name, i) =>
    poolStats(name, engine.pools.quotas[i], engine.pools.requestsPerSec[i], engine.pools.throttledPerSec[i], fromSec, toSec),
  );
  const layout = keyLayout(scenario);
  const rot = scenario.keys.rotation;
  const cost = monthlyCost({
    tier: scenario.keys.tier,
    keys: layout.accountKeys,
    rotationEveryDays: rot.type === "none" ? null : rot.days,
    servedPerSecByClass,
  });
  const lookups = c.cacheHits + c.cacheMisses;
  const result: RunResult = {
    scenario: scenario.name,
    variant: scenario.variant,
    seed: scenario.seed,
    simulatedSeconds: measuredSec,
    source: "simulate",
    app: {
      operations: ops,
      succeeded,
      failed,
      failureRate: ops > 0 ? failed / ops : 0,
      latencyMs: summarize(all),
      ...(options.histograms ? { histogram: encodeHistogram(all) } : {}),
      byOperation,
    },
    kms: {
      requests,
      throttled,
      throttleRate: requests > 0 ? throttled / requests : 0,
      retries: c.retries,
      budgetExhausted: c.budgetExhausted,
      byOperation: kmsByOp,
      pools,
      byS3: c.byS3,
    },
    cache: { hits: c.cacheHits, misses: c.cacheMisses, hitRate: lookups > 0 ? c.cacheHits / lookups : 0, stampedeMisses: c.stampedeMisses },
    s3: { bucketKeyCalls: c.bucketKeyCalls, objectKeyCalls: c.objectKeyCalls },
    keys: { count: layout.accountKeys },
    cost: {
      monthlyUsd: { keys: cost.keys, rotation: cost.rotation, requests: cost.requests, total: cost.total },
      billableRequestsPerMonth: cost.billableRequestsPerMonth,
      freeTierRequests: cost.freeTierRequests,
    },
    assumptions: assumptionsFor(scenario),
    warnings: [],
  };
  if (options.series) {
    result.series = engine.pools.names.map((pool, i) => ({
      pool,
      requestsPerSec: Array.from(engine.pools.requestsPerSec[i].subarray(0, toSec)),
      throttledPerSec: Array.from(engine.pools.throttledPerSec[i].subarray(0, toSec)),
    }));
  }
  result.warnings = warningsFor(scenario, result);
  return result;
}
