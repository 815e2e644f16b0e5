/**
 * The result contract shared by `simulate`, `live`, `compare` and the reports
 * (documented field by field in `docs/result-contract.md`). Field names are the contract: add, never rename.
 */

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
  mean: number;
}

export interface OperationResult {
  operations: number;
  succeeded: number;
  failed: number;
  latencyMs: LatencySummary;
  /** Encoded HDR histogram (hdr-histogram-js `encodeIntoCompressedBase64`), microsecond values. */
  histogram?: string;
}

export interface PoolResult {
  pool: string;
  quotaPerSec: number;
  requests: number;
  meanPerSec: number;
  peakPerSec: number;
  /**
   * Busiest minute of the measured window, as a per-second average: what CloudWatch AWS/Usage
   * (per-minute sums) shows. Minutes are aligned from the window's start; a window shorter than a
   * minute is one minute of its own length (`poolStats`).
   */
  peakMinuteAvgPerSec: number;
  secondsThrottled: number;
  throttled: number;
}

export interface KmsOperationResult {
  requests: number;
  throttled: number;
}

export interface MonthlyUsd {
  keys: number;
  rotation: number;
  requests: number;
  total: number;
}

export interface CostResult {
  /** The month at `basis.requestsPerSec`. */
  monthlyUsd: MonthlyUsd;
  /** Billable requests per month after the free tier. */
  billableRequestsPerMonth: number;
  freeTierRequests: number;
  /**
   * The rate `monthlyUsd` extrapolates: served (billed) KMS requests per second, averaged over the
   * measured window. Absent in results written before it was added.
   */
  basis?: { rate: "window-mean"; requestsPerSec: number; windowSec: number };
  /**
   * The same month at the end-of-run rate: served KMS requests per second of the window's last
   * `windowSec` seconds (60, or the whole window when shorter). Differs from `monthlyUsd` when
   * the traffic shape grows or falls.
   */
  endOfRun?: { requestsPerSec: number; windowSec: number; monthlyUsd: MonthlyUsd; billableRequestsPerMonth: number };
}

/** Per-second series of the measured window (`--series`); entry i is second `startSec + i` of the run. */
export interface TimelineResult {
  startSec: number;
  /** Application operations by the second they arrived (scheduled), and those of them that failed. */
  appOpsPerSec: number[];
  appFailedPerSec: number[];
  /** KMS retry attempts, by the second they were sent. */
  retriesPerSec: number[];
  /** Data-key cache hits and misses, by the second of the lookup. */
  cacheHitsPerSec: number[];
  cacheMissesPerSec: number[];
}

export interface CacheResult {
  hits: number;
  misses: number;
  hitRate: number;
  /** Misses that happened while another miss for the same entry was in flight. */
  stampedeMisses: number;
}

export interface RunResult {
  scenario: string;
  variant: string | null;
  seed: number;
  simulatedSeconds: number;
  /** "simulate" or "live". */
  source: "simulate" | "live";
  app: {
    operations: number;
    succeeded: number;
    failed: number;
    failureRate: number;
    latencyMs: LatencySummary;
    histogram?: string;
    byOperation: Record<string, OperationResult>;
  };
  kms: {
    requests: number;
    throttled: number;
    throttleRate: number;
    retries: number;
    /** Operations whose retries were refused because the client's retry budget was spent. */
    budgetExhausted: number;
    byOperation: Record<string, KmsOperationResult>;
    pools: PoolResult[];
    /** Calls S3 made to KMS on the callers' behalf (subset of `requests`). */
    byS3: number;
  };
  cache: CacheResult;
  s3: { bucketKeyCalls: number; objectKeyCalls: number };
  keys: { count: number };
  cost: CostResult;
  /** Savings against the same scenario without a lever (caching, Bucket Keys), when computed. */
  savings?: { lever: string; metric: string; without: number; with: number; reductionPct: number }[];
  assumptions: string[];
  warnings: string[];
  /** Per-second series per pool over the measured window (`--series`), from second `timeline.startSec` of the run. */
  series?: { pool: string; requestsPerSec: number[]; throttledPerSec: number[] }[];
  /** Per-second application, retry and cache series over the measured window (`--series`). */
  timeline?: TimelineResult;
}
