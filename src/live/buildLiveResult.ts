/**
 * Live measurements -> the `RunResult` contract (source "live"), plus the `live` block
 * (environment, realised schedule, service-time histograms, quota, CloudWatch, isolation, cleanup).
 * Per-operation `latencyMs`/`histogram` run from the SCHEDULED time (coordinated omission
 * corrected); `live.serviceTimeByOperation` from the actual send.
 */
import { encodeHistogram, summarize } from "../metrics/histogram.js";
import type { OperationResult, RunResult } from "../metrics/result.js";
import { monthlyCost } from "../model/cost.js";
import type { Scenario } from "../scenario/types.js";
import type { LiveCounters } from "./LiveCounters.js";
import type { LiveRecorder } from "./LiveRecorder.js";
import type { LiveInfo } from "./types.js";

export type LiveRunResult = RunResult & { live: LiveInfo };

export interface BuildInput {
  scenario: Scenario;
  recorder: LiveRecorder;
  counters: LiveCounters;
  /** Measured wall-clock seconds of the drive. */
  elapsedSec: number;
  keyCount: number;
  live: Omit<LiveInfo, "schedule" | "serviceTimeByOperation" | "attempts" | "errorsByName">;
  notStarted: number;
  warnings: string[];
}

export function buildLiveResult(b: BuildInput): LiveRunResult {
  const { recorder: r, counters: c, scenario } = b;
  const byOperation: Record<string, OperationResult> = {};
  const serviceTime: LiveInfo["serviceTimeByOperation"] = {};
  const cacheByOperation: NonNullable<LiveInfo["cacheByOperation"]> = {};
  for (const [label, s] of r.byOp) {
    byOperation[label] = {
      operations: s.operations,
      succeeded: s.succeeded,
      failed: s.failed,
      latencyMs: summarize(s.fromScheduled),
      histogram: encodeHistogram(s.fromScheduled),
    };
    serviceTime[label] = { latencyMs: summarize(s.fromSend), histogram: encodeHistogram(s.fromSend) };
    if (s.cacheHits + s.cacheMisses > 0) {
      const h = s.hitsFromScheduled;
      cacheByOperation[label] = { hits: s.cacheHits, misses: s.cacheMisses, hitLatencyMs: h ? summarize(h) : null, hitHistogram: h ? encodeHistogram(h) : null };
    }
  }
  const kmsByOp: RunResult["kms"]["byOperation"] = {};
  for (const [op, v] of c.kmsByOperation) kmsByOp[op] = { requests: v.requests, throttled: v.throttled };
  const secs = Math.max(b.elapsedSec, 1e-9);
  const quotaPerSec = b.live.quota.status === "ok" ? b.live.quota.valuePerSec : scenario.account.quotas.symmetricPerSec;
  const peak = c.kmsPerSec.reduce((m, v) => Math.max(m, v), 0);
  let peakMinute = 0;
  for (let i = 0; i < c.kmsPerSec.length; i++) {
    const win = c.kmsPerSec.slice(i, i + 60);
    peakMinute = Math.max(peakMinute, win.reduce((a, v) => a + v, 0) / Math.min(60, Math.max(1, c.kmsPerSec.length)));
  }
  const served = c.kmsRequests - c.kmsThrottled;
  const cost = monthlyCost({
    tier: scenario.keys.tier,
    keys: b.keyCount,
    rotationEveryDays: scenario.keys.rotation.type === "every" ? scenario.keys.rotation.days : null,
    servedPerSecByClass: { [scenario.keys.spec]: served / secs },
  });
  const ops = r.completed - r.warmupOperations;
  const lagSummary = summarize(r.lag);
  return {
    scenario: scenario.name,
    variant: scenario.variant,
    seed: scenario.seed,
    simulatedSeconds: Math.round(b.elapsedSec * 1000) / 1000,
    source: "live",
    app: {
      operations: ops,
      succeeded: ops - r.failed,
      failed: r.failed,
      failureRate: ops > 0 ? r.failed / ops : 0,
      latencyMs: summarize(r.all),
      histogram: encodeHistogram(r.all),
      byOperation,
    },
    kms: {
      requests: c.kmsRequests,
      throttled: c.kmsThrottled,
      throttleRate: c.kmsRequests > 0 ? c.kmsThrottled / c.kmsRequests : 0,
      retries: Math.max(0, c.kmsRequests - c.kmsCalls),
      budgetExhausted: scenario.clients.retry.mode === "off" ? 0 : c.failedAfterOneAttempt,
      byOperation: kmsByOp,
      pools: [
        {
          pool: "symmetric",
          quotaPerSec,
          requests: c.kmsRequests,
          meanPerSec: c.kmsRequests / secs,
          peakPerSec: peak,
          peakMinuteAvgPerSec: peakMinute,
          secondsThrottled: c.throttledPerSec.filter((v) => v > 0).length,
          throttled: c.kmsThrottled,
        },
      ],
      // S3's own calls to KMS are invisible to the client (only CloudTrail/CloudWatch see them).
      byS3: 0,
    },
    cache: {
      hits: c.cacheLookups - c.cacheMisses,
      misses: c.cacheMisses,
      hitRate: c.cacheLookups > 0 ? (c.cacheLookups - c.cacheMisses) / c.cacheLookups : 0,
      stampedeMisses: c.cacheStampedeMisses,
    },
    s3: { bucketKeyCalls: 0, objectKeyCalls: 0 },
    keys: { count: b.keyCount },
    cost: {
      monthlyUsd: { keys: cost.keys, rotation: cost.rotation, requests: cost.requests, total: cost.total },
      billableRequestsPerMonth: cost.billableRequestsPerMonth,
      freeTierRequests: cost.freeTierRequests,
    },
    assumptions: [
      "live: kms.requests counts attempts seen by this process's KMS clients (middleware); calls S3 makes to KMS for SSE-KMS are not visible here (kms.byS3 = 0)",
      "live: ESDK cache hits/misses counted by wrapping the local cache (a miss = the CMM's del after a failed lookup)",
      "live: kms.budgetExhausted = calls failing with a retryable error after 1 attempt (the retry budget cannot be read directly)",
      "live: arrivals scheduled inside the warm-up run but are excluded from statistics, and KMS attempts before its end are not counted (simulate counts the attempts of operations that arrived after it: the two differ only by the retries of operations that straddle its end)",
      "live: latencies run from the scheduled arrival time (coordinated omission corrected); live.serviceTimeByOperation from the send",
    ],
    warnings: b.warnings,
    series: [{ pool: "symmetric", requestsPerSec: [...c.kmsPerSec], throttledPerSec: [...c.throttledPerSec] }],
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
