/**
 * The result contract (docs/result-contract.md) as a zod schema, for reading results back from
 * files (`kmsplan compare`): the shape of every field is checked, so `kms: "x"`, `app: null` or a
 * null entry in `app.byOperation` is an invalid input, never a crash or a silent "ok".
 *
 * What is required: `app` and `kms` are objects. Every metric inside may be absent or null (a
 * non-finite number is written as null, `toJson`), but when present it must have its type. Whether
 * enough metrics are present to compare is the comparison's question, not the schema's
 * (`FIXED_METRICS` in compare/tolerances.ts): a result without `kms.requests` is valid input that
 * cannot be compared on `kms.requests`. Fields the contract does not list are kept (`live`, ...).
 *
 * `IssueSummary` turns zod issues into at most N short "path: expected X, got Y" lines plus a
 * count; the manifest schema of `live` uses it too.
 */
import { z } from "zod";

/** A metric: a number, or null when it was not available (non-finite values are written as null). */
const metric = z.number().nullable().optional();
const text = z.string().optional();

export const latencySummarySchema = z.looseObject({ p50: metric, p90: metric, p99: metric, p99_9: metric, max: metric, mean: metric });

export const operationResultSchema = z.looseObject({
  operations: metric,
  succeeded: metric,
  failed: metric,
  latencyMs: latencySummarySchema.optional(),
  histogram: text,
});

export const poolResultSchema = z.looseObject({
  pool: z.string(),
  quotaPerSec: metric,
  requests: metric,
  meanPerSec: metric,
  peakPerSec: metric,
  peakMinuteAvgPerSec: metric,
  secondsThrottled: metric,
  throttled: metric,
});

export const runResultSchema = z.looseObject({
  scenario: text,
  variant: z.string().nullable().optional(),
  seed: metric,
  simulatedSeconds: metric,
  source: z.enum(["simulate", "live"]).optional(),
  app: z.looseObject({
    operations: metric,
    succeeded: metric,
    failed: metric,
    failureRate: metric,
    latencyMs: latencySummarySchema.optional(),
    histogram: text,
    byOperation: z.record(z.string(), operationResultSchema).optional(),
  }),
  kms: z.looseObject({
    requests: metric,
    throttled: metric,
    throttleRate: metric,
    retries: metric,
    budgetExhausted: metric,
    byOperation: z.record(z.string(), z.looseObject({ requests: metric, throttled: metric })).optional(),
    pools: z.array(poolResultSchema).optional(),
    byS3: metric,
  }),
  cache: z.looseObject({ hits: metric, misses: metric, hitRate: metric, stampedeMisses: metric }).optional(),
  s3: z.looseObject({ bucketKeyCalls: metric, objectKeyCalls: metric }).optional(),
  keys: z.looseObject({ count: metric }).optional(),
  cost: z
    .looseObject({
      monthlyUsd: z.looseObject({ keys: metric, rotation: metric, requests: metric, total: metric }).optional(),
      billableRequestsPerMonth: metric,
      freeTierRequests: metric,
    })
    .optional(),
  savings: z
    .array(z.looseObject({ lever: z.string(), metric: z.string(), without: metric, with: metric, reductionPct: metric }))
    .optional(),
  assumptions: z.array(z.string()).optional(),
  warnings: z.array(z.string()).optional(),
  series: z.array(z.looseObject({ pool: z.string(), requestsPerSec: z.array(z.number().nullable()), throttledPerSec: z.array(z.number().nullable()) })).optional(),
});

/** A result as read from a file: the contract's fields checked, others kept. */
export type ParsedRunResult = z.infer<typeof runResultSchema>;

/** Problems to show at most, by default; the rest are counted. */
export const MAX_SHOWN_ISSUES = 20;

/** A dotted path as users write it: ["app", "byOperation", "encrypt"] -> "app.byOperation.encrypt", [3, "kms"] -> "[3].kms". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : typeof v;
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const k of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** One issue as "path: expected X, got Y" (short; values are never echoed whole). */
export function describeIssue(issue: z.core.$ZodIssue, doc: unknown, prefix: readonly PropertyKey[] = []): string {
  const where = formatPath([...prefix, ...issue.path]) || "(the document)";
  if (issue.code === "invalid_type") {
    const got = valueAt(doc, issue.path);
    return `${where}: expected ${issue.expected}, got ${got === undefined ? "nothing" : typeName(got)}`;
  }
  if (issue.code === "invalid_value") return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return `${where}: ${issue.message.slice(0, 160)}`;
}

/** Collects problems up to a cap, counting the rest. */
export class IssueSummary {
  readonly lines: string[] = [];
  total = 0;
  constructor(readonly max: number = MAX_SHOWN_ISSUES) {}

  add(line: string): void {
    this.total++;
    if (this.lines.length < this.max) this.lines.push(line);
  }

  addIssues(issues: readonly z.core.$ZodIssue[], doc: unknown, prefix: readonly PropertyKey[] = []): void {
    for (const i of issues) {
      this.total++;
      if (this.lines.length < this.max) this.lines.push(describeIssue(i, doc, prefix));
    }
  }

  /** "and N more problem(s)" when some were not shown, else "". */
  more(): string {
    const hidden = this.total - this.lines.length;
    return hidden > 0 ? `and ${hidden.toLocaleString("en-US")} more problem(s)` : "";
  }
}
