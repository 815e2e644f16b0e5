/**
 * The JSON form of results (`--json`, `--out`): contract fields first in the order of
 * the first specification (`docs/result-contract.md`), then other known fields, then any unknown fields sorted by name;
 * map keys (byOperation) sorted; 2-space indent; numbers rounded so the same input always gives
 * the same bytes:
 *
 * - integers are kept as they are;
 * - latencies (any key inside a `latencyMs` object) to 3 decimals (1 microsecond, the HDR resolution);
 * - US dollars (inside `monthlyUsd`) to 2 decimals (cents);
 * - everything else (rates, shares, per-second means) to 6 significant digits:
 *   0.02678571428 -> 0.0267857, 9333.333333 -> 9333.33.
 *
 * Encoded histograms and per-second series (`series`, `timeline`) are dropped unless asked for.
 */
import type { RunResult } from "../metrics/result.js";

export interface ToJsonOptions {
  /** Keep encoded HDR histograms (`histogram` fields). Default false. */
  histograms?: boolean;
  /** Keep the per-second pool series (`series`) and the `timeline`. Default false. */
  series?: boolean;
}

/** Key order of each object kind: contract fields first. */
const ORDER: Record<string, string[]> = {
  result: ["scenario", "variant", "seed", "simulatedSeconds", "app", "kms", "cache", "keys", "cost", "warnings", "source", "s3", "savings", "assumptions", "series", "timeline"],
  app: ["operations", "succeeded", "failed", "failureRate", "latencyMs", "byOperation", "histogram"],
  operation: ["operations", "succeeded", "failed", "latencyMs", "histogram"],
  latencyMs: ["p50", "p90", "p99", "p99_9", "max", "mean"],
  kms: ["requests", "throttled", "throttleRate", "retries", "byOperation", "pools", "budgetExhausted", "byS3"],
  kmsOperation: ["requests", "throttled"],
  pool: ["pool", "quotaPerSec", "meanPerSec", "peakPerSec", "peakMinuteAvgPerSec", "secondsThrottled", "throttled", "requests"],
  cache: ["hits", "misses", "hitRate", "stampedeMisses"],
  s3: ["bucketKeyCalls", "objectKeyCalls"],
  keys: ["count"],
  cost: ["monthlyUsd", "billableRequestsPerMonth", "freeTierRequests", "basis", "endOfRun"],
  costBasis: ["rate", "requestsPerSec", "windowSec"],
  costAtRate: ["requestsPerSec", "windowSec", "monthlyUsd", "billableRequestsPerMonth"],
  monthlyUsd: ["keys", "rotation", "requests", "total"],
  saving: ["lever", "metric", "without", "with", "reductionPct"],
  series: ["pool", "requestsPerSec", "throttledPerSec"],
  timeline: ["startSec", "appOpsPerSec", "appFailedPerSec", "retriesPerSec", "cacheHitsPerSec", "cacheMissesPerSec"],
};

/** Which object kind each child key holds, per parent kind. "map:" marks a record of that kind. */
const CHILDREN: Record<string, Record<string, string>> = {
  result: { app: "app", kms: "kms", cache: "cache", s3: "s3", keys: "keys", cost: "cost", savings: "saving", series: "series", timeline: "timeline" },
  app: { latencyMs: "latencyMs", byOperation: "map:operation" },
  operation: { latencyMs: "latencyMs" },
  kms: { byOperation: "map:kmsOperation", pools: "pool" },
  cost: { monthlyUsd: "monthlyUsd", basis: "costBasis", endOfRun: "costAtRate" },
  costAtRate: { monthlyUsd: "monthlyUsd" },
};

type Rounding = "ms" | "usd" | "sig6";

/** Rounds one number by the rules above; non-finite numbers become null (as JSON.stringify would). */
export function roundNumber(n: number, rounding: Rounding): number | null {
  if (!Number.isFinite(n)) return null;
  if (Number.isInteger(n)) return n === 0 ? 0 : n;
  let out: number;
  if (rounding === "ms") out = Math.round(n * 1000) / 1000;
  else if (rounding === "usd") out = Math.round(n * 100) / 100;
  else out = Number(n.toPrecision(6));
  return out === 0 ? 0 : out; // no -0
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normalise(value: unknown, kind: string | undefined, rounding: Rounding, opts: Required<ToJsonOptions>): unknown {
  if (typeof value === "number") return roundNumber(value, rounding);
  if (Array.isArray(value)) return value.map((v) => normalise(v, kind, rounding, opts));
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  if (kind?.startsWith("map:")) {
    const inner = kind.slice(4);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(obj).sort(compareKeys)) out[k] = normalise(obj[k], inner, rounding, opts);
    return out;
  }
  const order = (kind && ORDER[kind]) || [];
  const rest = Object.keys(obj).filter((k) => !order.includes(k)).sort(compareKeys);
  const out: Record<string, unknown> = {};
  for (const k of [...order, ...rest]) {
    if (!(k in obj) || obj[k] === undefined) continue;
    if (k === "histogram" && !opts.histograms) continue;
    if ((k === "series" || k === "timeline") && kind === "result" && !opts.series) continue;
    const childKind = kind ? CHILDREN[kind]?.[k] : undefined;
    const childRounding: Rounding = kind === "latencyMs" ? "ms" : kind === "monthlyUsd" ? "usd" : k === "latencyMs" ? "ms" : rounding;
    out[k] = normalise(obj[k], childKind, childRounding, opts);
  }
  return out;
}

/** A result (or several) as a deterministic JSON document; see the module comment for the rules. */
export function toJson(result: RunResult | RunResult[], options: ToJsonOptions = {}): string {
  const opts: Required<ToJsonOptions> = { histograms: options.histograms ?? false, series: options.series ?? false };
  const check = (r: unknown, where: string) => {
    if (!r || typeof r !== "object" || Array.isArray(r)) throw new TypeError(`Expected ${where} to be a RunResult object, got ${r === null ? "null" : Array.isArray(r) ? "array" : typeof r}`);
  };
  if (Array.isArray(result)) {
    result.forEach((r, i) => check(r, `result[${i}]`));
    return JSON.stringify(result.map((r) => normalise(r, "result", "sig6", opts)), null, 2);
  }
  check(result, "result");
  return JSON.stringify(normalise(result, "result", "sig6", opts), null, 2);
}
