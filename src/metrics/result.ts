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
  /** Highest 60-s average: what CloudWatch AWS/Usage (per-minute) shows. */
  peakMinuteAvgPerSec: number;
  secondsThrottled: number;
  throttled: number;
}

export interface KmsOperationResult {
  requests: number;
  throttled: number;
}

export interface CostResult {
  monthlyUsd: {
    keys: number;
    rotation: number;
    requests: number;
    total: number;
  };
  /** Billable requests per month after the free tier. */
  billableRequestsPerMonth: number;
  freeTierRequests: number;
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
  /** Per-second series per pool (`--series`). */
  series?: { pool: string; requestsPerSec: number[]; throttledPerSec: number[] }[];
}
