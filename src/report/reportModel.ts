/**
 * Turns a `RunResult` into report sections (titled tables of formatted strings) that the text and
 * markdown renderers lay out. Which sections appear, their columns and their number formats live
 * here once, so `renderText` and `renderMarkdown` always say the same thing.
 */
import type { RunResult } from "../metrics/result.js";
import { formatCount, formatMs, formatNumber, formatPct, formatPerSec, formatSeconds, formatUsd, NOT_AVAILABLE } from "./format.js";

/** Column alignment: labels left, numbers right. */
export type Align = "left" | "right";

export interface ReportTable {
  title: string;
  head: string[];
  align: Align[];
  rows: string[][];
  /** Index of rows that are totals (rendered bold in colour output). */
  totalRows?: number[];
}

export interface ReportModel {
  /** "saas-per-tenant [per-tenant]". */
  title: string;
  /** Label / value pairs under the title. */
  facts: [string, string][];
  tables: ReportTable[];
  savings: string[];
  warnings: string[];
  assumptions: string[];
}

/** `variant ?? scenario`: the label of a result in side-by-side tables. */
export function resultLabel(r: RunResult): string {
  return r.variant ?? r.scenario;
}

const LATENCY_HEAD = ["p50", "p90", "p99", "p99.9", "max", "mean"];

function latencyCells(l: Partial<RunResult["app"]["latencyMs"]> | undefined): string[] {
  const v = l ?? {};
  return [v.p50, v.p90, v.p99, v.p99_9, v.max, v.mean].map(formatMs);
}

function rate(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function sortedEntries<T>(record: Record<string, T> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function appTable(r: RunResult): ReportTable {
  const a = r.app;
  const rows = [["all", formatCount(a.operations), formatCount(a.succeeded), formatCount(a.failed), formatPct(a.failureRate), ...latencyCells(a.latencyMs)]];
  for (const [op, o] of sortedEntries(a.byOperation)) {
    rows.push([op, formatCount(o.operations), formatCount(o.succeeded), formatCount(o.failed), formatPct(rate(o.failed, o.operations)), ...latencyCells(o.operations > 0 ? o.latencyMs : undefined)]);
  }
  return {
    title: "App operations",
    head: ["operation", "ops", "succeeded", "failed", "failure rate", ...LATENCY_HEAD],
    align: ["left", ...Array<Align>(10).fill("right")],
    rows,
    totalRows: [0],
  };
}

export function kmsTable(r: RunResult): ReportTable {
  const k = r.kms;
  const rows = [["all", formatCount(k.requests), formatCount(k.throttled), formatPct(k.throttleRate), formatCount(k.retries), formatCount(k.budgetExhausted)]];
  for (const [op, o] of sortedEntries(k.byOperation)) {
    rows.push([op, formatCount(o.requests), formatCount(o.throttled), formatPct(rate(o.throttled, o.requests)), "", ""]);
  }
  if (k.byS3 > 0) rows.push(["of which S3 for you", formatCount(k.byS3), "", "", "", ""]);
  return {
    title: "KMS requests",
    head: ["operation", "requests", "throttled", "throttle rate", "retries", "budget-exhausted ops"],
    align: ["left", "right", "right", "right", "right", "right"],
    rows,
    totalRows: [0],
  };
}

export function poolsTable(r: RunResult): ReportTable {
  const rows = r.kms.pools.map((p) => [
    p.pool,
    formatPerSec(p.quotaPerSec),
    formatPerSec(p.meanPerSec),
    formatPerSec(p.peakPerSec),
    formatPerSec(p.peakMinuteAvgPerSec),
    `${formatPct(rate(p.peakPerSec, p.quotaPerSec))} / ${formatPct(rate(p.peakMinuteAvgPerSec, p.quotaPerSec))}`,
    formatCount(p.secondsThrottled),
    formatCount(p.throttled),
  ]);
  return {
    title: "Quota pools",
    head: ["pool", "quota/s", "mean/s", "peak 1-s /s", "peak 1-min avg /s", "% quota 1-s / 1-min", "s throttled", "throttled"],
    align: ["left", ...Array<Align>(7).fill("right")],
    rows,
  };
}

export function cacheTable(r: RunResult): ReportTable | null {
  const c = r.cache;
  if (!c || c.hits + c.misses === 0) return null;
  return {
    title: "Data-key cache",
    head: ["hits", "misses", "hit rate", "stampede misses"],
    align: ["right", "right", "right", "right"],
    rows: [[formatCount(c.hits), formatCount(c.misses), formatPct(c.hitRate), formatCount(c.stampedeMisses)]],
  };
}

export function s3Table(r: RunResult): ReportTable | null {
  const s = r.s3;
  if (!s || s.bucketKeyCalls + s.objectKeyCalls === 0) return null;
  return {
    title: "S3 SSE-KMS calls",
    head: ["bucket-key calls", "object-key calls", "KMS requests by S3"],
    align: ["right", "right", "right"],
    rows: [[formatCount(s.bucketKeyCalls), formatCount(s.objectKeyCalls), formatCount(r.kms.byS3)]],
  };
}

/** "300 s", "12.5 s". */
const secs = (x: number): string => `${formatNumber(x, Number.isInteger(x) ? 0 : 1)} s`;

/**
 * Keys and the month, priced at the measured window's mean KMS request rate (the first row, what
 * `cost.monthlyUsd` holds) and, when the result has it, at the end-of-run rate (second row).
 */
export function costTable(r: RunResult): ReportTable {
  const m = r.cost.monthlyUsd;
  const basis = r.cost.basis;
  const rows = [
    [
      basis ? `mean of ${secs(basis.windowSec)}` : "window mean",
      basis ? formatPerSec(basis.requestsPerSec) : NOT_AVAILABLE,
      formatCount(r.keys.count),
      formatUsd(m.keys),
      formatUsd(m.rotation),
      formatUsd(m.requests),
      formatUsd(m.total),
      formatCount(r.cost.freeTierRequests),
      formatCount(r.cost.billableRequestsPerMonth),
    ],
  ];
  const end = r.cost.endOfRun;
  if (end) {
    const e = end.monthlyUsd;
    rows.push([`last ${secs(end.windowSec)}`, formatPerSec(end.requestsPerSec), "", formatUsd(e.keys), formatUsd(e.rotation), formatUsd(e.requests), formatUsd(e.total), "", formatCount(end.billableRequestsPerMonth)]);
  }
  return {
    title: "Keys and monthly cost",
    head: ["month priced at", "KMS req/s served", "keys", "keys $", "rotation $", "requests $", "total $/month", "free tier requests", "billable requests/month"],
    align: ["left", ...Array<Align>(8).fill("right")],
    rows,
    totalRows: [0],
  };
}

/** "data-key caching cut kms:GenerateDataKey requests by 98.7% (1,234,000 -> 16,042)". */
export function savingsLines(r: RunResult): string[] {
  return (r.savings ?? []).map((s) => {
    const isUsd = /usd|\$|cost/i.test(s.metric);
    const fmt = isUsd ? formatUsd : formatCount;
    const verb = s.reductionPct >= 0 ? "cut" : "raised";
    const pct = `${Math.abs(s.reductionPct).toFixed(1)}%`;
    return `${s.lever} ${verb} ${s.metric} by ${pct} (${fmt(s.without)} -> ${fmt(s.with)})`;
  });
}

export function buildReport(r: RunResult): ReportModel {
  const tables: ReportTable[] = [appTable(r), kmsTable(r)];
  if (r.kms.pools.length > 0) tables.push(poolsTable(r));
  const cache = cacheTable(r);
  if (cache) tables.push(cache);
  const s3 = s3Table(r);
  if (s3) tables.push(s3);
  tables.push(costTable(r));
  const opsPerSec = r.simulatedSeconds > 0 ? r.app.operations / r.simulatedSeconds : 0;
  return {
    title: r.variant ? `${r.scenario} [${r.variant}]` : r.scenario,
    facts: [
      ["source", r.source ?? "simulate"],
      ["seed", String(r.seed)],
      [r.source === "live" ? "measured" : "simulated", formatSeconds(r.simulatedSeconds)],
      ["load", `${formatPerSec(opsPerSec)} ops/s`],
    ],
    tables,
    savings: savingsLines(r),
    warnings: r.warnings ?? [],
    assumptions: r.assumptions ?? [],
  };
}
