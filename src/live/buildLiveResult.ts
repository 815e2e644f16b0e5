/**
 * Live measurements -> `RunMeasurements` -> the `RunResult` contract (source "live") through the
 * same builder as simulate (`buildRunResult`), plus the `live` block (environment, realised
 * schedule, service-time histograms, quota, CloudWatch, isolation, cleanup).
 * Per-operation `latencyMs`/`histogram` run from the SCHEDULED time (coordinated omission
 * corrected); `live.serviceTimeByOperation` from the actual send.
 */
import { encodeHistogram, summarize } from "../metrics/histogram.js";
import { buildRunResult } from "../metrics/buildRunResult.js";
import type { KmsClassMeasurement, MeasuredWindow, PoolMeasurement, RunMeasurements } from "../metrics/measurements.js";
import type { RunResult } from "../metrics/result.js";
import { priceClassFor } from "../model/cost.js";
import { requestClassTable } from "../model/requestClasses.js";
import type { Scenario } from "../scenario/types.js";
import type { LiveCounters } from "./LiveCounters.js";
import type { LiveRecorder } from "./LiveRecorder.js";
import type { LiveInfo } from "./types.js";

export type LiveRunResult = RunResult & { live: LiveInfo };

export interface BuildInput {
  scenario: Scenario;
  recorder: LiveRecorder;
  counters: LiveCounters;
  /** The measured window, ms of the run (0 = the schedule's time 0, `counters.startMs`). */
  window: MeasuredWindow;
  keyCount: number;
  live: Omit<LiveInfo, "schedule" | "serviceTimeByOperation" | "attempts" | "errorsByName">;
  notStarted: number;
  warnings: string[];
}

const LIVE_ASSUMPTIONS = [
  "live: kms.requests counts attempts seen by this process's KMS clients (middleware); calls S3 makes to KMS for SSE-KMS are not visible here (kms.byS3 = 0)",
  "live: each attempt counts in the quota pools and price class of its request, as in simulate, by the second it was sent; a throttled request that draws from two pools (custom key store) counts as throttled in both, since the error does not say which refused it",
  "live: ESDK cache hits/misses counted by wrapping the local cache (a miss = the CMM's del after a failed lookup)",
  "live: kms.retries = attempts counted minus calls completed; timeline.retriesPerSec = attempts whose amz-sdk-request header says attempt > 1, by the second sent; kms.budgetExhausted = calls failing with a retryable error after 1 attempt (the retry budget cannot be read directly)",
  "live: arrivals scheduled inside the warm-up run but are excluded from statistics, and KMS attempts before its end are not counted (simulate counts the attempts of operations that arrived after it: the two differ only by the retries of operations that straddle its end)",
  "live: latencies run from the scheduled arrival time (coordinated omission corrected); live.serviceTimeByOperation from the send",
];

/** Per request class; before `attribute` (nothing sent yet) by operation at the key spec's price. */
function kmsClasses(c: LiveCounters, scenario: Scenario): KmsClassMeasurement[] {
  if (c.table === null) {
    return [...c.kmsByOperation].map(([operation, v]) => ({ operation, priceClass: priceClassFor(scenario.keys.spec, null), ...v, servedPerSec: [] }));
  }
  return c.table.classes.map((k, i) => ({ operation: k.operation, priceClass: k.priceClass, requests: c.classes[i].requests, throttled: c.classes[i].throttled, servedPerSec: c.classes[i].servedPerSec }));
}

/** Every pool of the scenario; the symmetric quota from Service Quotas when it was read. */
function pools(c: LiveCounters, scenario: Scenario, quota: LiveInfo["quota"]): PoolMeasurement[] {
  const table = c.table ?? requestClassTable(scenario);
  return table.pools.map((p, i) => ({
    pool: p.name,
    quotaPerSec: p.name === "symmetric" && quota.status === "ok" ? quota.valuePerSec : p.quotaPerSec,
    requestsPerSec: c.pools[i]?.requestsPerSec ?? [],
    throttledPerSec: c.pools[i]?.throttledPerSec ?? [],
  }));
}

export function liveMeasurements(b: BuildInput): RunMeasurements {
  const { recorder: r, counters: c, scenario } = b;
  const t = c.timeline;
  return {
    source: "live",
    scenario,
    window: b.window,
    operations: [...r.byOp].map(([label, s]) => ({ label, operations: s.operations, succeeded: s.succeeded, failed: s.failed, latency: s.fromScheduled })),
    kms: kmsClasses(c, scenario),
    pools: pools(c, scenario, b.live.quota),
    // Calls' attempts beyond their first: a warm-up call's retries after the warm-up cancel out, as in simulate.
    retries: Math.max(0, c.kmsRequests - c.kmsCalls),
    budgetExhausted: scenario.clients.retry.mode === "off" ? 0 : c.failedAfterOneAttempt,
    // S3's own calls to KMS are invisible to the client (only CloudTrail/CloudWatch see them).
    byS3: 0,
    bucketKeyCalls: 0,
    objectKeyCalls: 0,
    cache: { hits: c.cacheLookups - c.cacheMisses, misses: c.cacheMisses, stampedeMisses: c.cacheStampedeMisses },
    keyCount: b.keyCount,
    timeline: {
      appOps: t.appOps,
      appFailed: t.appFailed,
      retries: t.retries,
      cacheHits: t.cacheLookups.map((n, i) => n - (t.cacheMisses[i] ?? 0)),
      cacheMisses: t.cacheMisses,
    },
    assumptions: LIVE_ASSUMPTIONS,
    warnings: b.warnings,
  };
}

export function buildLiveResult(b: BuildInput): LiveRunResult {
  const r = b.recorder;
  const c = b.counters;
  const result = buildRunResult(liveMeasurements(b), { series: true, histograms: true });
  const serviceTime: LiveInfo["serviceTimeByOperation"] = {};
  const cacheByOperation: NonNullable<LiveInfo["cacheByOperation"]> = {};
  for (const [label, s] of r.byOp) {
    serviceTime[label] = { latencyMs: summarize(s.fromSend), histogram: encodeHistogram(s.fromSend) };
    if (s.cacheHits + s.cacheMisses > 0) {
      const h = s.hitsFromScheduled;
      cacheByOperation[label] = { hits: s.cacheHits, misses: s.cacheMisses, hitLatencyMs: h ? summarize(h) : null, hitHistogram: h ? encodeHistogram(h) : null };
    }
  }
  const lagSummary = summarize(r.lag);
  return {
    ...result,
    live: {
      ...b.live,
      schedule: {
        planned: r.planned,
        started: r.started,
        dropped: r.dropped,
        warmupOperations: r.warmupOperations,
        notStarted: b.notStarted,
        lagMs: { p50: lagSummary.p50, p99: lagSummary.p99, max: lagSummary.max },
        lagHistogram: encodeHistogram(r.lag),
      },
      serviceTimeByOperation: serviceTime,
      ...(Object.keys(cacheByOperation).length > 0 ? { cacheByOperation } : {}),
      attempts: { total: c.callAttempts, retryDelayMs: c.retryDelayMs, failedAfterOneAttempt: c.failedAfterOneAttempt },
      errorsByName: Object.fromEntries(r.errors),
    },
  };
}
