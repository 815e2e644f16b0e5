/**
 * The one result builder: `RunMeasurements` (from the engine or the live counters) -> the
 * `RunResult` contract. Every derived field is computed here and only here: app and KMS totals and
 * rates, latency summaries, pool statistics (`poolStats`), the monthly cost and what it is priced
 * at, the per-second series, and the warnings (the source's, those derived from the result, then
 * the scenario loader's).
 *
 * The month (`cost.monthlyUsd`) extrapolates the measured window's mean served rate:
 * (attempts - throttled) / window seconds, per price class. `cost.endOfRun` prices the same month at
 * the served rate of the window's last minute (all of it when shorter), so a growing shape shows
 * what the month costs once it has grown.
 * Worked example: a 120-s window ramping 0 -> 100 GenerateDataKey/s serves 6,000 requests:
 * basis 50/s, 129,600,000 a month -> $388.74 of requests at $0.03 per 10,000 after the 20,000
 * free; the last 60 s average 75/s -> $583.14.
 */
import type { Scenario } from "../scenario/types.js";
import { monthlyCost, type CostBreakdown } from "../model/cost.js";
import { encodeHistogram, mergeHistograms, summarize, type Histogram } from "./histogram.js";
import type { KmsClassMeasurement, RunMeasurements, TimelineMeasurement } from "./measurements.js";
import { MINUTE_SEC, poolStats } from "./poolStats.js";
import type { CostResult, MonthlyUsd, OperationResult, RunResult, TimelineResult } from "./result.js";
import { warningsFor } from "./resultWarnings.js";

export interface BuildOptions {
  /** Per-second pool series and the timeline (`--series`). Default false. */
  series?: boolean;
  /** Encoded HDR histograms. Default false. */
  histograms?: boolean;
}

/** Whole seconds of the run the window covers: [fromSec, toSec). */
export function windowSeconds(w: { fromMs: number; toMs: number }): { fromSec: number; toSec: number } {
  return { fromSec: Math.floor(w.fromMs / 1000), toSec: Math.max(Math.floor(w.fromMs / 1000), Math.ceil(w.toMs / 1000)) };
}

const at = (a: ArrayLike<number>, i: number): number => (i < a.length ? a[i] : 0);
const slice = (a: ArrayLike<number>, fromSec: number, toSec: number): number[] => Array.from({ length: toSec - fromSec }, (_, i) => at(a, fromSec + i));

function byLabel(m: RunMeasurements, histograms: boolean): { byOperation: Record<string, OperationResult>; all: Histogram } {
  const groups = new Map<string, RunMeasurements["operations"]>();
  for (const o of m.operations) groups.set(o.label, [...(groups.get(o.label) ?? []), o]);
  const byOperation: Record<string, OperationResult> = {};
  const parts: Histogram[] = [];
  for (const [label, os] of groups) {
    const h = os.length === 1 ? os[0].latency : mergeHistograms(os.map((o) => o.latency));
    parts.push(h);
    const sum = (f: (o: (typeof os)[number]) => number) => os.reduce((acc, o) => acc + f(o), 0);
    byOperation[label] = {
      operations: sum((o) => o.operations),
      succeeded: sum((o) => o.succeeded),
      failed: sum((o) => o.failed),
      latencyMs: summarize(h),
      ...(histograms ? { histogram: encodeHistogram(h) } : {}),
    };
  }
  return { byOperation, all: mergeHistograms(parts) };
}

function costOf(s: Scenario, keys: number, servedPerSecByClass: Record<string, number>): CostBreakdown {
  const rot = s.keys.rotation;
  return monthlyCost({ tier: s.keys.tier, keys, rotationEveryDays: rot.type === "every" ? rot.days : null, servedPerSecByClass });
}

const usd = (c: CostBreakdown): MonthlyUsd => ({ keys: c.keys, rotation: c.rotation, requests: c.requests, total: c.total });
const sumValues = (r: Record<string, number>): number => Object.values(r).reduce((a, v) => a + v, 0);

/** The month at the window's mean served rate, and at its last minute's. */
function cost(m: RunMeasurements, measuredSec: number, fromSec: number, toSec: number): CostResult {
  const meanByClass: Record<string, number> = {};
  const endByClass: Record<string, number> = {};
  const endFromSec = Math.max(fromSec, toSec - MINUTE_SEC);
  const endSec = toSec - endFromSec;
  for (const k of m.kms) {
    if (k.requests > 0 && measuredSec > 0) meanByClass[k.priceClass] = (meanByClass[k.priceClass] ?? 0) + (k.requests - k.throttled) / measuredSec;
    let served = 0;
    for (let s = endFromSec; s < toSec; s++) served += at(k.servedPerSec, s);
    if (served > 0) endByClass[k.priceClass] = (endByClass[k.priceClass] ?? 0) + served / endSec;
  }
  const mean = costOf(m.scenario, m.keyCount, meanByClass);
  const end = costOf(m.scenario, m.keyCount, endByClass);
  return {
    monthlyUsd: usd(mean),
    billableRequestsPerMonth: mean.billableRequestsPerMonth,
    freeTierRequests: mean.freeTierRequests,
    basis: { rate: "window-mean", requestsPerSec: sumValues(meanByClass), windowSec: measuredSec },
    endOfRun: { requestsPerSec: sumValues(endByClass), windowSec: endSec, monthlyUsd: usd(end), billableRequestsPerMonth: end.billableRequestsPerMonth },
  };
}

function kmsByOperation(classes: readonly KmsClassMeasurement[]): RunResult["kms"]["byOperation"] {
  const out: RunResult["kms"]["byOperation"] = {};
  for (const k of classes) {
    if (k.requests === 0) continue;
    const e = (out[k.operation] ??= { requests: 0, throttled: 0 });
    e.requests += k.requests;
    e.throttled += k.throttled;
  }
  return out;
}

function timeline(t: TimelineMeasurement, fromSec: number, toSec: number): TimelineResult {
  return {
    startSec: fromSec,
    appOpsPerSec: slice(t.appOps, fromSec, toSec),
    appFailedPerSec: slice(t.appFailed, fromSec, toSec),
    retriesPerSec: slice(t.retries, fromSec, toSec),
    cacheHitsPerSec: slice(t.cacheHits, fromSec, toSec),
    cacheMissesPerSec: slice(t.cacheMisses, fromSec, toSec),
  };
}

export function buildRunResult(m: RunMeasurements, options: BuildOptions = {}): RunResult {
  const s = m.scenario;
  const measuredSec = Math.max(0, (m.window.toMs - m.window.fromMs) / 1000);
  const { fromSec, toSec } = windowSeconds(m.window);
  const { byOperation, all } = byLabel(m, options.histograms === true);
  const ops = Object.values(byOperation);
  const operations = ops.reduce((a, o) => a + o.operations, 0);
  const failed = ops.reduce((a, o) => a + o.failed, 0);
  const requests = m.kms.reduce((a, k) => a + k.requests, 0);
  const throttled = m.kms.reduce((a, k) => a + k.throttled, 0);
  const lookups = m.cache.hits + m.cache.misses;
  const result: RunResult = {
    scenario: s.name,
    variant: s.variant,
    seed: s.seed,
    simulatedSeconds: measuredSec,
    source: m.source,
    app: {
      operations,
      succeeded: ops.reduce((a, o) => a + o.succeeded, 0),
      failed,
      failureRate: operations > 0 ? failed / operations : 0,
      latencyMs: summarize(all),
      ...(options.histograms ? { histogram: encodeHistogram(all) } : {}),
      byOperation,
    },
    kms: {
      requests,
      throttled,
      throttleRate: requests > 0 ? throttled / requests : 0,
      retries: m.retries,
      budgetExhausted: m.budgetExhausted,
      byOperation: kmsByOperation(m.kms),
      pools: m.pools.map((p) => poolStats(p.pool, p.quotaPerSec, p.requestsPerSec, p.throttledPerSec, fromSec, toSec)),
      byS3: m.byS3,
    },
    cache: { hits: m.cache.hits, misses: m.cache.misses, hitRate: lookups > 0 ? m.cache.hits / lookups : 0, stampedeMisses: m.cache.stampedeMisses },
    s3: { bucketKeyCalls: m.bucketKeyCalls, objectKeyCalls: m.objectKeyCalls },
    keys: { count: m.keyCount },
    cost: cost(m, measuredSec, fromSec, toSec),
    assumptions: m.assumptions,
    warnings: [],
  };
  if (options.series) {
    result.series = m.pools.map((p) => ({ pool: p.pool, requestsPerSec: slice(p.requestsPerSec, fromSec, toSec), throttledPerSec: slice(p.throttledPerSec, fromSec, toSec) }));
    if (m.timeline !== null) result.timeline = timeline(m.timeline, fromSec, toSec);
  }
  result.warnings = [...m.warnings, ...warningsFor(s, result), ...(s.warnings ?? [])];
  return result;
}
