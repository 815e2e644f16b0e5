/**
 * What a run measured, in a form that does not say who measured it: the engine's counters
 * (`src/sim/buildResult.ts`) and the live counters (`src/live/buildLiveResult.ts`) both fill it,
 * and `buildRunResult` alone turns it into the `RunResult` contract. So pool statistics, rates,
 * cost and warnings are computed once, the same way, for `simulate` and `live`.
 *
 * Time: every per-second series is indexed by the second of the RUN (index = floor(ms / 1000) from
 * the schedule's time 0: virtual time in `simulate`, the drive's start in `live`), by the second
 * the attempt was sent (KMS) or the operation arrived (app). Series may be shorter than the
 * window (missing seconds count 0) or longer (later seconds are ignored).
 */
import type { Scenario } from "../scenario/types.js";
import type { Histogram } from "./histogram.js";

/** The measured window, ms of the run: from the end of the warm-up to the end of the measurement. */
export interface MeasuredWindow {
  fromMs: number;
  toMs: number;
}

/** Per mix label (the same label may come more than once: the builder merges them). */
export interface OperationMeasurement {
  label: string;
  operations: number;
  succeeded: number;
  failed: number;
  /** Latency from scheduled arrival to completion, every completed operation, microseconds. */
  latency: Histogram;
}

/** Per KMS request class (operation and price class, `requestClassTable`). */
export interface KmsClassMeasurement {
  operation: string;
  /** `priceClassFor`: the key spec, or `keypair:<spec>`. */
  priceClass: string;
  /** Attempts (first tries and retries) counted for the result, and those throttled. */
  requests: number;
  throttled: number;
  /** Admitted attempts per second of the run (all of them, as for the pools): prices the end of the run. */
  servedPerSec: ArrayLike<number>;
}

export interface PoolMeasurement {
  pool: string;
  quotaPerSec: number;
  /** Attempts that reached the pool, and those it throttled, per second of the run. */
  requestsPerSec: ArrayLike<number>;
  throttledPerSec: ArrayLike<number>;
}

/** Per second of the run. */
export interface TimelineMeasurement {
  appOps: ArrayLike<number>;
  appFailed: ArrayLike<number>;
  retries: ArrayLike<number>;
  cacheHits: ArrayLike<number>;
  cacheMisses: ArrayLike<number>;
}

export interface RunMeasurements {
  source: "simulate" | "live";
  /** The scenario as run: name, variant, seed, keys (cost), loader warnings. */
  scenario: Scenario;
  window: MeasuredWindow;
  operations: OperationMeasurement[];
  kms: KmsClassMeasurement[];
  /** Every pool the scenario can reach, in `requestClassTable` order. */
  pools: PoolMeasurement[];
  retries: number;
  budgetExhausted: number;
  byS3: number;
  bucketKeyCalls: number;
  objectKeyCalls: number;
  cache: { hits: number; misses: number; stampedeMisses: number };
  keyCount: number;
  /** Per-second app, retry and cache counts, when kept (`--series`, and always in live). */
  timeline: TimelineMeasurement | null;
  assumptions: string[];
  /** The source's own warnings (live: run notes), listed before those derived from the result. */
  warnings: string[];
}
