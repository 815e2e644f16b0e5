/**
 * Types of a predicted-vs-measured comparison (`kmsplan compare`).
 */

/** How far a measured value may be from the predicted one. Either bound passing is enough. */
export interface Tolerance {
  /** Absolute bound, in the metric's own unit (a fraction for rates, ms for latencies). */
  abs?: number;
  /** Relative bound: |measured - predicted| / |predicted|, e.g. 0.05 for 5%. */
  rel?: number;
}

/** Tolerance per metric name ("kms.requests", "app.byOperation.*.latencyMs.p99", ...). */
export type Tolerances = Record<string, Tolerance>;

/**
 * "ok": within a configured tolerance; "outside": a tolerance is configured and neither bound holds;
 * "info": no tolerance configured, shown for reading only.
 */
export type Verdict = "ok" | "outside" | "info";

/** What a metric measures, which decides how it is formatted. */
export type MetricKind = "count" | "rate" | "latencyMs" | "usd";

export interface ComparisonRow {
  metric: string;
  kind: MetricKind;
  predicted: number;
  measured: number;
  /** measured - predicted (signed). */
  diff: number;
  /** |measured - predicted|. */
  absDiff: number;
  /** absDiff / |predicted|; 0 when both are 0; null when only predicted is 0 (undefined ratio). */
  relDiff: number | null;
  /** The tolerance applied ({} for info rows). */
  tolerance: Tolerance;
  verdict: Verdict;
}

export interface ComparisonSide {
  scenario: string;
  variant: string | null;
  source: string;
  /** null when the result does not say. */
  seed: number | null;
  simulatedSeconds: number | null;
}

export interface Comparison {
  /** False when any row is "outside" or any metric is `missing`. */
  ok: boolean;
  predicted: ComparisonSide;
  measured: ComparisonSide;
  rows: ComparisonRow[];
  /** Metrics that should have been compared but were absent (or null) on a side: "kms.requests (measured)". */
  missing: string[];
  /** The two results look like different runs (scenario, seed, window) or cover different operations. */
  warnings: string[];
}
