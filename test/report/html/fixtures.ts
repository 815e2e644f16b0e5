/**
 * Results for the HTML report tests, built in code: a simulated run with per-second pool series
 * (600 s with a 30-s warm-up, a 15-s spike above a 10,000/s quota), a `timeline` (the per-second
 * arrays `simulate --series` adds: app ops, failures, retries, cache hits and misses), encoded HDR
 * histograms, and a live run of the same shape (series from the end of the warm-up).
 */
import { createHistogram, encodeHistogram, recordMs } from "../../../src/metrics/histogram.js";
import type { RunResult } from "../../../src/metrics/result.js";
import type { Timeline } from "../../../src/report/html/index.js";
import { makeResult } from "../../fixtures/result.js";

export const QUOTA = 10_000;
export const RUN_SEC = 600;
export const WARMUP_SEC = 30;
export const WINDOW_SEC = RUN_SEC - WARMUP_SEC;
/** Run seconds (from the start of the run) whose demand is above the quota. */
export const SPIKE = { from: 300, to: 315 };
/** Run seconds in which the pool throttled (the bucket's 1 s of burst lasts the first 5). */
export const THROTTLED = { from: 305, to: 315 };

/** A histogram of n latencies spread log-uniformly from `fromMs` to `toMs` (deterministic). */
export function histogramOf(n: number, fromMs: number, toMs: number): string {
  const h = createHistogram();
  for (let i = 0; i < n; i++) recordMs(h, fromMs * (toMs / fromMs) ** (i / (n - 1)));
  return encodeHistogram(h);
}

function poolArrays(offsetSec: number, lengthSec: number): { requestsPerSec: number[]; throttledPerSec: number[] } {
  const requestsPerSec: number[] = [];
  const throttledPerSec: number[] = [];
  for (let i = 0; i < lengthSec; i++) {
    const t = offsetSec + i;
    const spike = t >= SPIKE.from && t < SPIKE.to;
    const throttled = t >= THROTTLED.from && t < THROTTLED.to;
    requestsPerSec.push(spike ? 16_000 - Math.abs(t - 310) * 300 : 8_000 + ((t * 37) % 200));
    throttledPerSec.push(throttled ? 4_000 + (t % 3) * 500 : 0);
  }
  return { requestsPerSec, throttledPerSec };
}

/** The timeline over the measured window: retries trail the throttles by a second (the 1-s backoff base). */
export function timelineFor(throttledPerSec: readonly number[], withCache: boolean, startSec = WARMUP_SEC): Required<Timeline> & { startSec: number } {
  const n = throttledPerSec.length;
  return {
    startSec,
    appOpsPerSec: Array.from({ length: n }, () => 9_000),
    appFailedPerSec: throttledPerSec.map((_, i) => Math.round((throttledPerSec[i - 2] ?? 0) * 0.05)),
    retriesPerSec: throttledPerSec.map((_, i) => Math.round((throttledPerSec[i - 1] ?? 0) * 0.8)),
    cacheHitsPerSec: Array.from({ length: n }, (_, i) => (withCache ? 880 + (i % 7) : 0)),
    cacheMissesPerSec: Array.from({ length: n }, (_, i) => (withCache ? 20 + (i % 5) : 0)),
  };
}

/** The busiest aligned minute's mean, as `peakMinuteAvgPerSec` is defined. */
function busiestMinute(perSec: readonly number[]): number {
  let best = 0;
  for (let m = 0; m + 60 <= perSec.length; m += 60) best = Math.max(best, perSec.slice(m, m + 60).reduce((a, v) => a + v, 0) / 60);
  return best;
}

const poolResult = (throttled: number[], requests: number[]) => ({
  pool: "symmetric",
  quotaPerSec: QUOTA,
  requests: requests.reduce((a, v) => a + v, 0),
  meanPerSec: requests.reduce((a, v) => a + v, 0) / requests.length,
  peakPerSec: Math.max(...requests),
  peakMinuteAvgPerSec: busiestMinute(requests),
  secondsThrottled: throttled.filter((v) => v > 0).length,
  throttled: throttled.reduce((a, v) => a + v, 0),
});

/** A simulated result with series and timeline over the measured window, and histograms. */
export function simulatedResult(variant: string | null = null, opts: { cache?: boolean; costScale?: number } = {}): RunResult {
  const full = poolArrays(0, RUN_SEC);
  const windowThrottled = full.throttledPerSec.slice(WARMUP_SEC);
  const cache = opts.cache ?? true;
  const r = makeResult({
    variant,
    simulatedSeconds: WINDOW_SEC,
    app: {
      histogram: histogramOf(20_000, 0.3, 2_000),
      byOperation: {
        "s3-put": { histogram: histogramOf(5_000, 5, 2_000) },
        "s3-get": { histogram: histogramOf(8_000, 4, 1_500) },
        encrypt: { histogram: histogramOf(3_500, 0.3, 90) },
        decrypt: { histogram: histogramOf(3_500, 0.3, 80) },
      },
    },
    kms: { pools: [poolResult(windowThrottled, full.requestsPerSec.slice(WARMUP_SEC))] },
    ...(cache ? {} : { cache: { hits: 0, misses: 0, hitRate: 0, stampedeMisses: 0 } }),
    ...(opts.costScale ? { cost: { monthlyUsd: { keys: 3000 * opts.costScale, rotation: 6000 * opts.costScale, requests: 14_500, total: 14_500 + 9000 * opts.costScale } } } : {}),
  });
  // As the engine writes them: the pool series and the timeline cover the measured window.
  r.series = [{ pool: "symmetric", requestsPerSec: full.requestsPerSec.slice(WARMUP_SEC), throttledPerSec: windowThrottled }];
  r.timeline = timelineFor(windowThrottled, cache);
  return r;
}

/** A live result of the same traffic: series from the end of the warm-up, histograms, no timeline. */
export function liveResult(): RunResult {
  const windowed = poolArrays(WARMUP_SEC, WINDOW_SEC);
  const r = simulatedResult();
  delete (r as RunResult & { timeline?: Timeline }).timeline;
  return {
    ...r,
    source: "live",
    app: {
      ...r.app,
      histogram: histogramOf(20_000, 0.35, 2_400),
      byOperation: Object.fromEntries(Object.entries(r.app.byOperation).map(([k, o]) => [k, { ...o, histogram: histogramOf(2_000, 0.4, 1_800) }])),
    },
    series: [{ pool: "symmetric", ...windowed }],
    live: { runId: "run-1", complete: true, stopReason: null, driver: "sdk", environment: { kmsEndpoint: "http://127.0.0.1:1", region: "eu-north-1" }, schedule: { planned: 10, started: 10, dropped: 0, lagMs: { p50: 0.2, p99: 1.1, max: 3 } } },
  } as RunResult;
}
