/**
 * Results side by side: one column per variant or scenario (label `variant ?? scenario`), one row
 * per decision metric - the seed decision matrix in numbers. Each result's warnings follow the
 * table, prefixed with its label.
 */
import Table from "cli-table3";
import type { RunResult } from "../metrics/result.js";
import { resultLabel } from "./reportModel.js";
import { formatCount, formatMs, formatPct, formatPerSec, formatUsd, NOT_AVAILABLE } from "./format.js";
import { paint } from "./ansi.js";
import { renderWarnings } from "./renderText.js";

export interface RenderVariantsOptions {
  /** ANSI colour. Default false. */
  color?: boolean;
  /** Column budget for wrapped warnings. Default 100. */
  width?: number;
}

/** One row of the matrix: its label and how to read it from a result. */
interface MatrixRow {
  label: string;
  cell: (r: RunResult) => string;
}

/** Highest share of quota reached in any pool during its busiest second (0 when no pools). */
export function peakPoolShare(r: RunResult): number {
  let best = 0;
  for (const p of r.kms.pools) if (p.quotaPerSec > 0) best = Math.max(best, p.peakPerSec / p.quotaPerSec);
  return best;
}

/** Seconds throttled in the worst pool (pools overlap in time, so they are not summed). */
export function worstSecondsThrottled(r: RunResult): number {
  return r.kms.pools.reduce((m, p) => Math.max(m, p.secondsThrottled), 0);
}

export const MATRIX_ROWS: readonly MatrixRow[] = [
  { label: "ops/s", cell: (r) => formatPerSec(r.simulatedSeconds > 0 ? r.app.operations / r.simulatedSeconds : NaN) },
  { label: "failure rate", cell: (r) => formatPct(r.app.failureRate) },
  { label: "latency p50", cell: (r) => formatMs(r.app.latencyMs.p50) },
  { label: "latency p99", cell: (r) => formatMs(r.app.latencyMs.p99) },
  { label: "latency p99.9", cell: (r) => formatMs(r.app.latencyMs.p99_9) },
  { label: "KMS requests", cell: (r) => formatCount(r.kms.requests) },
  { label: "throttle rate", cell: (r) => formatPct(r.kms.throttleRate) },
  { label: "retries", cell: (r) => formatCount(r.kms.retries) },
  { label: "peak pool % of quota (1-s)", cell: (r) => (r.kms.pools.length ? formatPct(peakPoolShare(r)) : NOT_AVAILABLE) },
  { label: "seconds throttled (worst pool)", cell: (r) => formatCount(worstSecondsThrottled(r)) },
  { label: "keys", cell: (r) => formatCount(r.keys.count) },
  { label: "monthly cost: keys + rotation", cell: (r) => formatUsd(r.cost.monthlyUsd.keys + r.cost.monthlyUsd.rotation) },
  { label: "monthly cost: requests", cell: (r) => formatUsd(r.cost.monthlyUsd.requests) },
  { label: "monthly cost: total", cell: (r) => formatUsd(r.cost.monthlyUsd.total) },
  { label: "  priced at KMS req/s (mean)", cell: (r) => formatPerSec(r.cost.basis?.requestsPerSec) },
  { label: "  total at end-of-run rate", cell: (r) => formatUsd(r.cost.endOfRun?.monthlyUsd.total) },
  { label: "cache hit rate", cell: (r) => (r.cache && r.cache.hits + r.cache.misses > 0 ? formatPct(r.cache.hitRate) : "-") },
];

export function renderVariants(results: RunResult[], options: RenderVariantsOptions = {}): string {
  if (!Array.isArray(results) || results.length === 0) {
    throw new TypeError(`Expected results to be a non-empty array of RunResult, got ${Array.isArray(results) ? "[]" : typeof results}`);
  }
  const color = options.color ?? false;
  const width = options.width ?? 100;
  const table = new Table({
    head: ["", ...results.map((r) => paint(resultLabel(r), color, "bold", "cyan"))],
    colAligns: ["left", ...results.map(() => "right" as const)],
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    style: { head: [], border: [] },
  });
  for (const row of MATRIX_ROWS) table.push([row.label, ...results.map(row.cell)]);
  const out = [table.toString()];
  // Warnings every result shares are printed once; the rest under their result.
  const shared = results.length > 1 ? (results[0].warnings ?? []).filter((w) => results.every((r) => r.warnings?.includes(w))) : [];
  if (shared.length) out.push("", renderWarnings(shared, color, width, "Warnings: all"));
  for (const r of results) {
    const own = (r.warnings ?? []).filter((w) => !shared.includes(w));
    if (own.length) out.push("", renderWarnings(own, color, width, `Warnings: ${resultLabel(r)}`));
  }
  return out.join("\n");
}
