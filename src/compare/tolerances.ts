/**
 * Tolerances for `kmsplan compare`: the defaults, the metric names they may name, and the parser for
 * a `--tolerance FILE` (JSON or YAML), validated with zod and merged over the defaults.
 *
 * File shape (YAML shown; JSON is the same):
 *
 *   kms.requests: { rel: 0.05 }
 *   app.latencyMs.p99: { rel: 0.2 }
 *   kms.throttled: { abs: 500, rel: 0.1 }     # ok when within 500 OR within 10%
 *   app.byOperation.*.latencyMs.p50: { rel: 0.3 }   # every operation present in both runs
 *   app.latencyMs.p50: null                   # drop the default: info only
 *
 * A metric named in the file replaces its default entirely (bounds are not merged field by field).
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { closest } from "../scenario/describe.js";
import type { Tolerance, Tolerances } from "./types.js";

/**
 * Default tolerances. Rates are compared in absolute terms (a 2-point throttle rate gap matters the
 * same at 1% and at 30%), counts and latencies in relative terms. Everything else is info only.
 * - throttleRate, failureRate: 0.02 absolute (2 percentage points).
 * - kms.requests: 5% relative (retries add requests; 5% is about what a well-fitted model keeps to).
 * - app latency p50 / p99: 20% relative (network jitter on a shared box is easily 10-15%).
 */
export const DEFAULT_TOLERANCES: Readonly<Tolerances> = Object.freeze({
  "kms.throttleRate": { abs: 0.02 },
  "app.failureRate": { abs: 0.02 },
  "kms.requests": { rel: 0.05 },
  "app.latencyMs.p50": { rel: 0.2 },
  "app.latencyMs.p99": { rel: 0.2 },
});

/** Every latency key a result has (`LatencySummary`): each is a metric, app-wide and per operation. */
export const LATENCY_KEYS = ["p50", "p90", "p99", "p99_9", "max", "mean"] as const;

/**
 * Metric names with a fixed name: the contract's metrics every result has (docs/result-contract.md).
 * A comparison that could not check one of them is incomplete (`Comparison.missing`).
 */
export const FIXED_METRICS = [
  "app.operations",
  "app.failureRate",
  ...LATENCY_KEYS.map((k) => `app.latencyMs.${k}` as const),
  "kms.requests",
  "kms.throttled",
  "kms.throttleRate",
  "kms.retries",
  "cost.monthlyUsd.total",
] as const;

const LATENCY_ALT = LATENCY_KEYS.join("|");
/** Per-operation metric names; `<op>` is an operation name or `*` for every operation. */
const PER_OPERATION = [new RegExp(`^app\\.byOperation\\.([^\\s]+)\\.latencyMs\\.(${LATENCY_ALT})$`), /^kms\.byOperation\.([^\s]+)\.requests$/];

/** The metric-name patterns accepted in a tolerance file, for error messages. */
export const METRIC_PATTERNS = [...FIXED_METRICS, `app.byOperation.<op|*>.latencyMs.<${LATENCY_KEYS.join("|")}>`, "kms.byOperation.<Operation|*>.requests"];

export function isKnownMetric(name: string): boolean {
  return (FIXED_METRICS as readonly string[]).includes(name) || PER_OPERATION.some((re) => re.test(name));
}

/** The wildcard form of a per-operation metric ("kms.byOperation.Decrypt.requests" -> "kms.byOperation.*.requests"). */
export function wildcardOf(metric: string): string | null {
  const app = new RegExp(`^app\\.byOperation\\.(.+)\\.latencyMs\\.(${LATENCY_ALT})$`).exec(metric);
  if (app) return `app.byOperation.*.latencyMs.${app[2]}`;
  if (/^kms\.byOperation\..+\.requests$/.test(metric)) return "kms.byOperation.*.requests";
  return null;
}

/**
 * A known metric name close to an unknown one, or null. Per-operation names keep their operation
 * and are matched on the rest. Examples: "kms.request" -> "kms.requests";
 * "app.latencyMs.p999" -> "app.latencyMs.p99_9"; "app.byOperation.encrypt.latencyMs.p95" -> null.
 */
export function suggestMetric(name: string): string | null {
  // "p999" and "p99.9" are one edit from p99 and from p99_9 alike: they mean p99_9.
  const p999 = name.replace(/\.p99\.?9$/, ".p99_9");
  if (p999 !== name && isKnownMetric(p999)) return p999;
  const perOp = /^(app|kms)\.byOperation\.([^.\s]+)\.(.+)$/.exec(name);
  if (perOp) {
    const [, side, op, rest] = perOp;
    const tails = side === "app" ? LATENCY_KEYS.map((k) => `latencyMs.${k}`) : ["requests"];
    const near = closest(rest, tails);
    return near ? `${side}.byOperation.${op}.${near}` : null;
  }
  return closest(name, FIXED_METRICS);
}

/** `"x": unknown metric; did you mean "y"?` (or the list of known names when nothing is close). */
export function unknownMetricMessage(name: string): string {
  const near = suggestMetric(name);
  return near ? `"${name}": unknown metric; did you mean "${near}"?` : `"${name}": unknown metric (known: ${METRIC_PATTERNS.join(", ")})`;
}

/** The tolerance for a metric: its exact entry, else its wildcard entry, else none (info). */
export function toleranceFor(metric: string, tolerances: Tolerances): Tolerance | undefined {
  if (Object.prototype.hasOwnProperty.call(tolerances, metric)) return tolerances[metric];
  const w = wildcardOf(metric);
  return w && Object.prototype.hasOwnProperty.call(tolerances, w) ? tolerances[w] : undefined;
}

const bound = z.number({ error: "must be a number" }).nonnegative("must be >= 0");
const toleranceSchema = z
  .object({ abs: bound.optional(), rel: bound.optional() })
  .strict()
  .refine((t) => t.abs !== undefined || t.rel !== undefined, { message: "give abs, rel or both (or null for info only)" });
const fileSchema = z.record(z.string(), toleranceSchema.nullable());

/** Overrides replace whole entries; a null entry removes the default (info only). */
export function mergeTolerances(base: Readonly<Tolerances>, overrides: Record<string, Tolerance | null>): Tolerances {
  const out: Tolerances = { ...base };
  for (const [metric, t] of Object.entries(overrides)) {
    if (t === null) delete out[metric];
    else out[metric] = { ...t };
  }
  return out;
}

function valueAt(doc: unknown, path: PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const k of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, doc: unknown): string {
  const [metric, ...rest] = issue.path.map(String);
  if (metric === undefined) return issue.code === "invalid_type" ? "expected a mapping of metric name to { abs, rel }" : issue.message;
  const where = rest.length ? `"${metric}".${rest.join(".")}` : `"${metric}"`;
  if (issue.code === "unrecognized_keys") return `${where}: unknown field(s) ${issue.keys.join(", ")} (allowed: abs, rel)`;
  if (issue.code === "invalid_type" && rest.length === 0) return `${where}: expected { abs?, rel? } or null`;
  return `${where}: ${issue.message}, got ${JSON.stringify(valueAt(doc, issue.path)) ?? "nothing"}`;
}

/**
 * Parses a tolerance file (JSON or YAML text) and merges it over `defaults`. Throws `UsageError`
 * listing every problem: syntax, unknown metric names, unknown fields, negative or missing bounds.
 */
export function parseTolerances(text: string, defaults: Readonly<Tolerances> = DEFAULT_TOLERANCES, source = "tolerance file"): Tolerances {
  if (typeof text !== "string") throw new TypeError(`Expected text to be a string, got ${typeof text}`);
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new UsageError(`${source}: not valid JSON or YAML: ${(e as Error).message}`, { cause: e });
  }
  if (doc === null || doc === undefined) return { ...defaults };
  const problems: string[] = [];
  if (typeof doc === "object" && !Array.isArray(doc)) {
    for (const key of Object.keys(doc)) {
      if (!isKnownMetric(key)) problems.push(unknownMetricMessage(key));
    }
  }
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => describeIssue(i, doc)));
  if (problems.length > 0 || !parsed.success) {
    throw new UsageError(`${source}: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
  }
  return mergeTolerances(defaults, parsed.data as Record<string, Tolerance | null>);
}
