/**
 * Predicted vs measured: one row per metric present (as a finite number) in both results, each with
 * its absolute and relative difference and a verdict against the tolerances. A contract metric
 * (FIXED_METRICS) that either side lacks is listed in `missing`, and the comparison is not ok: a
 * comparison never passes by dropping what it could not check. `options.metrics` names the metrics
 * to compare instead (exact names or per-operation wildcards); then only those are compared, and
 * only those must be present. Results of different scenarios (name, seed, window length) get a
 * warning (`warnings`); the CLI refuses them with --strict.
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
import type { ParsedRunResult } from "../metrics/resultSchema.js";
import { DEFAULT_TOLERANCES, FIXED_METRICS, LATENCY_KEYS, toleranceFor, wildcardOf } from "./tolerances.js";
import type { Comparison, ComparisonRow, ComparisonSide, MetricKind, Tolerance, Tolerances, Verdict } from "./types.js";

/** Relative slack on every bound, against floating-point noise (see the module comment). */
export const BOUND_SLACK = 1e-9;

/** A result to compare: built in process (`RunResult`) or read from a file and validated (`ParsedRunResult`). */
export type ComparableResult = RunResult | ParsedRunResult;

// Results read from files have every metric optional: read them through one loose view.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

interface MetricDef {
  metric: string;
  kind: MetricKind;
  get: (r: Loose) => unknown;
}

export interface CompareOptions {
  /** Compare only these metrics (names or `*` wildcards, validated by the caller); default every metric. */
  metrics?: readonly string[];
}

/**
 * Window lengths (`simulatedSeconds`) differ when apart by more than 10% of the longer, plus 30 s
 * when a side is live: a live window runs on while in-flight operations drain (up to 30 s).
 */
const WINDOW_REL_SLACK = 0.1;
const LIVE_DRAIN_SLACK_SEC = 30;

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

const sorted = (keys: Iterable<string>): string[] => [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

function commonKeys(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): string[] {
  const inB = new Set(Object.keys(b ?? {}));
  return sorted(Object.keys(a ?? {}).filter((k) => inB.has(k)));
}

/** Per-operation latency keys always compared; the others (p99_9, max, mean) when a tolerance or --metrics names them. */
const PER_OPERATION_DEFAULT_KEYS: ReadonlySet<string> = new Set(["p50", "p90", "p99"]);

/**
 * The metrics compared for this pair, in report order. `named(metric)` says whether a tolerance or
 * the caller names a metric: per operation, p99_9, max and mean are compared only then, to keep the
 * table to what is asked for.
 */
export function metricsFor(predicted: ComparableResult, measured: ComparableResult, named: (metric: string) => boolean = () => false): MetricDef[] {
  const p = predicted as Loose;
  const m = measured as Loose;
  const defs: MetricDef[] = [
    { metric: "app.operations", kind: "count", get: (r) => r.app?.operations },
    { metric: "app.failureRate", kind: "rate", get: (r) => r.app?.failureRate },
    ...LATENCY_KEYS.map((k): MetricDef => ({ metric: `app.latencyMs.${k}`, kind: "latencyMs", get: (r) => r.app?.latencyMs?.[k] })),
  ];
  for (const op of commonKeys(p.app?.byOperation, m.app?.byOperation)) {
    // An operation that never ran has no latency to compare.
    if (!(p.app.byOperation[op]?.operations > 0 && m.app.byOperation[op]?.operations > 0)) continue;
    for (const k of LATENCY_KEYS) {
      const metric = `app.byOperation.${op}.latencyMs.${k}`;
      if (PER_OPERATION_DEFAULT_KEYS.has(k) || named(metric)) defs.push({ metric, kind: "latencyMs", get: (r) => r.app.byOperation[op]?.latencyMs?.[k] });
    }
  }
  defs.push(
    { metric: "kms.requests", kind: "count", get: (r) => r.kms?.requests },
    { metric: "kms.throttled", kind: "count", get: (r) => r.kms?.throttled },
    { metric: "kms.throttleRate", kind: "rate", get: (r) => r.kms?.throttleRate },
    { metric: "kms.retries", kind: "count", get: (r) => r.kms?.retries },
  );
  for (const op of commonKeys(p.kms?.byOperation, m.kms?.byOperation)) {
    defs.push({ metric: `kms.byOperation.${op}.requests`, kind: "count", get: (r) => r.kms.byOperation[op]?.requests });
  }
  defs.push({ metric: "cost.monthlyUsd.total", kind: "usd", get: (r) => r.cost?.monthlyUsd?.total });
  return defs;
}

function side(r: Loose): ComparisonSide {
  return { scenario: r.scenario ?? "(unnamed)", variant: r.variant ?? null, source: r.source ?? "simulate", seed: r.seed ?? null, simulatedSeconds: r.simulatedSeconds ?? null };
}

/** Whether `metric` is one of the names (or wildcards) asked for. */
function asked(metric: string, names: ReadonlySet<string>): boolean {
  if (names.has(metric)) return true;
  const w = wildcardOf(metric);
  return w !== null && names.has(w);
}

/** Warnings for results that look like different runs: scenario name, seed, window length; operations on one side only. */
export function sameRunWarnings(p: ComparisonSide, m: ComparisonSide, predicted: Loose, measured: Loose): string[] {
  const out: string[] = [];
  if (p.scenario !== m.scenario) out.push(`different scenarios: predicted "${p.scenario}", measured "${m.scenario}"`);
  if (p.seed !== m.seed) out.push(`different seeds: predicted ${p.seed}, measured ${m.seed} (the arrivals differ)`);
  if (finite(p.simulatedSeconds) && finite(m.simulatedSeconds)) {
    const slack = WINDOW_REL_SLACK * Math.max(p.simulatedSeconds, m.simulatedSeconds) + (p.source === "live" || m.source === "live" ? LIVE_DRAIN_SLACK_SEC : 0);
    if (Math.abs(p.simulatedSeconds - m.simulatedSeconds) > slack) {
      out.push(`different durations: predicted ${p.simulatedSeconds} s, measured ${m.simulatedSeconds} s (simulatedSeconds)`);
    }
  }
  const oneSided = (what: string, a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): void => {
    const inB = new Set(Object.keys(b ?? {}));
    const inA = new Set(Object.keys(a ?? {}));
    const onlyA = sorted(Object.keys(a ?? {}).filter((k) => !inB.has(k)));
    const onlyB = sorted(Object.keys(b ?? {}).filter((k) => !inA.has(k)));
    if (onlyA.length) out.push(`${what}: ${onlyA.join(", ")} only in predicted (not compared)`);
    if (onlyB.length) out.push(`${what}: ${onlyB.join(", ")} only in measured (not compared)`);
  };
  oneSided("app.byOperation", predicted.app?.byOperation, measured.app?.byOperation);
  oneSided("kms.byOperation", predicted.kms?.byOperation, measured.kms?.byOperation);
  return out;
}

export function compareResults(
  predicted: ComparableResult,
  measured: ComparableResult,
  tolerances: Readonly<Tolerances> = DEFAULT_TOLERANCES,
  options: CompareOptions = {},
): Comparison {
  for (const [name, r] of [["predicted", predicted], ["measured", measured]] as const) {
    const x = r as Loose;
    if (!x || typeof x !== "object" || !x.app || typeof x.app !== "object" || !x.kms || typeof x.kms !== "object") {
      throw new TypeError(`Expected ${name} to be a RunResult, got ${r === null ? "null" : typeof r}`);
    }
  }
  const names = options.metrics ? new Set(options.metrics) : null;
  const rows: ComparisonRow[] = [];
  const missing: string[] = [];
  const defs = metricsFor(predicted, measured, (metric) => toleranceFor(metric, tolerances) !== undefined || (names !== null && asked(metric, names)));
  for (const def of defs) {
    if (names && !asked(def.metric, names)) continue;
    const p = def.get(predicted);
    const m = def.get(measured);
    if (!finite(p) || !finite(m)) {
      if ((FIXED_METRICS as readonly string[]).includes(def.metric) || names) missing.push(`${def.metric} (${!finite(p) && !finite(m) ? "both" : !finite(p) ? "predicted" : "measured"})`);
      continue;
    }
    rows.push(compareValue(def.metric, def.kind, p, m, toleranceFor(def.metric, tolerances)));
  }
  // A named per-operation metric (or wildcard) that matched no operation present on both sides.
  for (const n of names ?? []) {
    if (!defs.some((d) => asked(d.metric, new Set([n])))) missing.push(`${n} (no such operation on both sides)`);
  }
  const ps = side(predicted);
  const ms = side(measured);
  return {
    ok: rows.every((r) => r.verdict !== "outside") && missing.length === 0,
    predicted: ps,
    measured: ms,
    rows,
    missing,
    warnings: sameRunWarnings(ps, ms, predicted, measured),
  };
}
