/**
 * Predicted vs measured: one row per metric present (as a finite number) in both results, each with
 * its absolute and relative difference and a verdict against the tolerances.
 *
 * The rule: a row is "ok" when |measured - predicted| <= abs OR |measured - predicted| / |predicted|
 * <= rel, for whichever bounds its tolerance gives; "outside" when it has a bound and meets none;
 * "info" when no tolerance applies. Bounds are inclusive, with a relative slack of 1e-9 so that
 * floating-point noise at the boundary (0.05 - 0.03 = 0.020000000000000004) does not flip a verdict.
 * When predicted is 0, the relative difference is undefined (null) unless measured is 0 as well;
 * only an abs bound can then pass.
 *
 * Worked example: predicted kms.throttleRate 0.030, measured 0.048, default { abs: 0.02 }:
 * absDiff 0.018 <= 0.02 -> ok. Predicted kms.requests 100,000, measured 106,000, { rel: 0.05 }:
 * relDiff 0.06 > 0.05 -> outside, and the comparison is not ok.
 */
import type { RunResult } from "../metrics/result.js";
import { DEFAULT_TOLERANCES, toleranceFor } from "./tolerances.js";
import type { Comparison, ComparisonRow, ComparisonSide, MetricKind, Tolerance, Tolerances, Verdict } from "./types.js";

/** Relative slack on every bound, against floating-point noise (see the module comment). */
export const BOUND_SLACK = 1e-9;

interface MetricDef {
  metric: string;
  kind: MetricKind;
  get: (r: RunResult) => unknown;
}

const PERCENTILES = ["p50", "p90", "p99"] as const;

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function within(diff: number, limit: number | undefined): boolean {
  return limit !== undefined && diff <= limit * (1 + BOUND_SLACK) + Number.EPSILON;
}

/** The verdict of one difference against one tolerance (the abs-OR-rel rule). */
export function verdictFor(absDiff: number, relDiff: number | null, tolerance: Tolerance | undefined): Verdict {
  if (!tolerance || (tolerance.abs === undefined && tolerance.rel === undefined)) return "info";
  if (within(absDiff, tolerance.abs)) return "ok";
  if (relDiff !== null && within(relDiff, tolerance.rel)) return "ok";
  return "outside";
}

/** One comparison row; exported for tests and for callers that compare single figures. */
export function compareValue(metric: string, kind: MetricKind, predicted: number, measured: number, tolerance: Tolerance | undefined): ComparisonRow {
  const diff = measured - predicted;
  const absDiff = Math.abs(diff);
  const relDiff = predicted !== 0 ? absDiff / Math.abs(predicted) : measured === 0 ? 0 : null;
  return { metric, kind, predicted, measured, diff, absDiff, relDiff, tolerance: tolerance ? { ...tolerance } : {}, verdict: verdictFor(absDiff, relDiff, tolerance) };
}

function commonKeys(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): string[] {
  const inB = new Set(Object.keys(b ?? {}));
  return Object.keys(a ?? {}).filter((k) => inB.has(k)).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** The metrics compared for this pair, in report order. */
export function metricsFor(predicted: RunResult, measured: RunResult): MetricDef[] {
  const defs: MetricDef[] = [
    { metric: "app.operations", kind: "count", get: (r) => r.app?.operations },
    { metric: "app.failureRate", kind: "rate", get: (r) => r.app?.failureRate },
    ...PERCENTILES.map((p): MetricDef => ({ metric: `app.latencyMs.${p}`, kind: "latencyMs", get: (r) => r.app?.latencyMs?.[p] })),
  ];
  for (const op of commonKeys(predicted.app?.byOperation, measured.app?.byOperation)) {
    // An operation that never ran has no latency to compare.
    if (!(predicted.app.byOperation[op].operations > 0 && measured.app.byOperation[op].operations > 0)) continue;
    for (const p of PERCENTILES) {
      defs.push({ metric: `app.byOperation.${op}.latencyMs.${p}`, kind: "latencyMs", get: (r) => r.app.byOperation[op]?.latencyMs?.[p] });
    }
  }
  defs.push(
    { metric: "kms.requests", kind: "count", get: (r) => r.kms?.requests },
    { metric: "kms.throttled", kind: "count", get: (r) => r.kms?.throttled },
    { metric: "kms.throttleRate", kind: "rate", get: (r) => r.kms?.throttleRate },
    { metric: "kms.retries", kind: "count", get: (r) => r.kms?.retries },
  );
  for (const op of commonKeys(predicted.kms?.byOperation, measured.kms?.byOperation)) {
    defs.push({ metric: `kms.byOperation.${op}.requests`, kind: "count", get: (r) => r.kms.byOperation[op]?.requests });
  }
  defs.push({ metric: "cost.monthlyUsd.total", kind: "usd", get: (r) => r.cost?.monthlyUsd?.total });
  return defs;
}

function side(r: RunResult): ComparisonSide {
  return { scenario: r.scenario, variant: r.variant ?? null, source: r.source ?? "simulate", seed: r.seed, simulatedSeconds: r.simulatedSeconds };
}

export function compareResults(predicted: RunResult, measured: RunResult, tolerances: Readonly<Tolerances> = DEFAULT_TOLERANCES): Comparison {
  for (const [name, r] of [["predicted", predicted], ["measured", measured]] as const) {
    if (!r || typeof r !== "object" || !r.app || !r.kms) {
      throw new TypeError(`Expected ${name} to be a RunResult, got ${r === null ? "null" : typeof r}`);
    }
  }
  const rows: ComparisonRow[] = [];
  for (const def of metricsFor(predicted, measured)) {
    const p = def.get(predicted);
    const m = def.get(measured);
    if (!finite(p) || !finite(m)) continue;
    rows.push(compareValue(def.metric, def.kind, p, m, toleranceFor(def.metric, tolerances)));
  }
  return { ok: rows.every((r) => r.verdict !== "outside"), predicted: side(predicted), measured: side(measured), rows };
}
