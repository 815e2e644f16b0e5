/**
 * A comparison as a terminal table (metric, predicted, measured, diff, rel, tolerance, verdict)
 * followed by a one-line verdict, and as deterministic JSON. Pure: values in, strings out.
 */
import Table from "cli-table3";
import { formatCount, formatMs, formatNumber, formatPct, formatSigned, formatUsd, NOT_AVAILABLE } from "../report/format.js";
import { roundNumber } from "../report/renderJson.js";
import { paint } from "../report/ansi.js";
import type { Comparison, ComparisonRow, MetricKind, Tolerance } from "./types.js";

export interface RenderComparisonOptions {
  /** ANSI colour (green ok, red outside). Default false. */
  color?: boolean;
}

/** A value of the given kind, for humans. */
export function formatMetricValue(kind: MetricKind, v: number): string {
  switch (kind) {
    case "rate":
      return formatPct(v);
    case "latencyMs":
      return formatMs(v);
    case "usd":
      return formatUsd(v);
    default:
      return Number.isInteger(v) ? formatCount(v) : formatNumber(v, 2);
  }
}

/** A difference of the given kind; rate differences are in percentage points ("+1.8 pp"). */
export function formatMetricDiff(kind: MetricKind, diff: number): string {
  if (kind === "rate") return formatSigned(diff, (v) => (v === 0 ? "0 pp" : `${formatNumber(v * 100, v * 100 < 1 ? 3 : 1)} pp`));
  return formatSigned(diff, (v) => formatMetricValue(kind, v));
}

/** "±2.0 pp", "±5%", "±500 or ±10%", "-" when info only. */
export function formatTolerance(kind: MetricKind, t: Tolerance): string {
  const parts: string[] = [];
  if (t.abs !== undefined) parts.push(`±${kind === "rate" ? `${formatNumber(t.abs * 100, 1)} pp` : formatMetricValue(kind, t.abs)}`);
  if (t.rel !== undefined) parts.push(`±${formatPct(t.rel)}`);
  return parts.length ? parts.join(" or ") : "-";
}

function relCell(row: ComparisonRow): string {
  if (row.relDiff === null) return NOT_AVAILABLE;
  return formatSigned(row.diff === 0 ? 0 : Math.sign(row.diff) * row.relDiff, (v) => formatPct(v));
}

/** A row's cells before its verdict: metric, predicted, measured, diff, rel, tolerance (shared with the markdown and HTML reports). */
export function comparisonCells(r: ComparisonRow): string[] {
  return [r.metric, formatMetricValue(r.kind, r.predicted), formatMetricValue(r.kind, r.measured), formatMetricDiff(r.kind, r.diff), relCell(r), formatTolerance(r.kind, r.tolerance)];
}

function verdictCell(v: ComparisonRow["verdict"], color: boolean): string {
  if (v === "ok") return paint("ok", color, "green");
  if (v === "outside") return paint("OUTSIDE", color, "bold", "red");
  return paint("info", color, "dim");
}

/** Names listed in a summary at most. */
const MAX_NAMED = 10;

function named(list: readonly string[]): string {
  return list.length > MAX_NAMED ? `${list.slice(0, MAX_NAMED).join(", ")}, ... and ${list.length - MAX_NAMED} more` : list.join(", ");
}

/** One line summing up the verdicts. */
export function comparisonSummary(c: Comparison): string {
  const checked = c.rows.filter((r) => r.verdict !== "info");
  const outside = checked.filter((r) => r.verdict === "outside");
  const missing = c.missing ?? [];
  const missingPart = missing.length ? `; ${missing.length} metric(s) missing, not checked: ${named(missing)}` : "";
  if (outside.length > 0) return `outside tolerance: ${outside.length} of ${checked.length} checked metrics (${named(outside.map((r) => r.metric))})${missingPart}`;
  if (missing.length > 0) return `incomplete: ${missing.length} metric(s) missing, not checked: ${named(missing)}`;
  if (checked.length === 0) return "no metric has a tolerance: nothing checked (info only)";
  return `ok: all ${checked.length} checked metrics within tolerance`;
}

export function renderComparisonTable(c: Comparison, options: RenderComparisonOptions = {}): string {
  if (!c || !Array.isArray(c.rows)) throw new TypeError(`Expected c to be a Comparison, got ${c === null ? "null" : typeof c}`);
  const color = options.color ?? false;
  const label = (s: Comparison["predicted"]) => `${s.source}: ${s.variant ? `${s.scenario} [${s.variant}]` : s.scenario}`;
  const table = new Table({
    head: ["metric", "predicted", "measured", "diff", "rel", "tolerance", "verdict"].map((h) => paint(h, color, "bold", "cyan")),
    colAligns: ["left", "right", "right", "right", "right", "right", "left"],
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    style: { head: [], border: [] },
  });
  for (const r of c.rows) table.push([...comparisonCells(r), verdictCell(r.verdict, color)]);
  const summary = paint(comparisonSummary(c), color, "bold", c.ok ? "green" : "red");
  const warnings = (c.warnings ?? []).map((w) => paint(`warning: ${w}`, color, "yellow"));
  return [`predicted  ${label(c.predicted)}`, `measured   ${label(c.measured)}`, table.toString(), ...warnings, summary].join("\n");
}

function roundRowValue(kind: MetricKind, v: number): number | null {
  return roundNumber(v, kind === "latencyMs" ? "ms" : kind === "usd" ? "usd" : "sig6");
}

/** The comparison as JSON: fixed key order, 2-space indent, numbers rounded as in `toJson`. */
export function comparisonToJson(c: Comparison): string {
  const sideJson = (s: Comparison["predicted"]) => ({ scenario: s.scenario, variant: s.variant, source: s.source, seed: s.seed, simulatedSeconds: s.simulatedSeconds });
  const doc = {
    ok: c.ok,
    predicted: sideJson(c.predicted),
    measured: sideJson(c.measured),
    rows: c.rows.map((r) => ({
      metric: r.metric,
      kind: r.kind,
      predicted: roundRowValue(r.kind, r.predicted),
      measured: roundRowValue(r.kind, r.measured),
      diff: roundRowValue(r.kind, r.diff),
      absDiff: roundRowValue(r.kind, r.absDiff),
      relDiff: r.relDiff === null ? null : roundNumber(r.relDiff, "sig6"),
      tolerance: { ...(r.tolerance.abs !== undefined ? { abs: r.tolerance.abs } : {}), ...(r.tolerance.rel !== undefined ? { rel: r.tolerance.rel } : {}) },
      verdict: r.verdict,
    })),
    missing: [...(c.missing ?? [])],
    warnings: [...(c.warnings ?? [])],
  };
  return JSON.stringify(doc, null, 2);
}
