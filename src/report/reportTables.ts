/**
 * Report tables that span several results, shared by the markdown and HTML reports: the decision
 * matrix (variants side by side, the rows of `renderVariants`), the predicted-vs-measured
 * comparison (the rows of `renderComparisonTable`), and the split of warnings into those every
 * result shares and each result's own.
 */
import type { RunResult } from "../metrics/result.js";
import type { Comparison, ComparisonRow } from "../compare/types.js";
import { comparisonCells } from "../compare/renderComparison.js";
import { MATRIX_ROWS } from "./renderComparison.js";
import { resultLabel, type Align, type ReportTable } from "./reportModel.js";

/** One column per result, one row per decision metric. */
export function matrixTable(results: readonly RunResult[]): ReportTable {
  return {
    title: "Decision matrix",
    head: ["", ...results.map(resultLabel)],
    align: ["left", ...results.map((): Align => "right")],
    rows: MATRIX_ROWS.map((row) => [row.label, ...results.map(row.cell)]),
  };
}

/** The verdict column's text: "ok", "OUTSIDE", "info". */
export function verdictText(v: ComparisonRow["verdict"]): string {
  return v === "outside" ? "OUTSIDE" : v;
}

/** Index of the verdict column in `comparisonTable`. */
export const VERDICT_COLUMN = 6;

export function comparisonTable(c: Comparison): ReportTable {
  return {
    title: "Predicted against measured",
    head: ["metric", "predicted", "measured", "diff", "rel", "tolerance", "verdict"],
    align: ["left", "right", "right", "right", "right", "right", "left"],
    rows: c.rows.map((r) => [...comparisonCells(r), verdictText(r.verdict)]),
  };
}

/** Warnings every result has (when there are several), then each result's others. */
export function splitWarnings(results: readonly RunResult[]): { shared: string[]; own: { label: string; warnings: string[] }[] } {
  const shared = results.length > 1 ? (results[0].warnings ?? []).filter((w) => results.every((r) => r.warnings?.includes(w))) : [];
  const own = results
    .map((r) => ({ label: resultLabel(r), warnings: (r.warnings ?? []).filter((w) => !shared.includes(w)) }))
    .filter((o) => o.warnings.length > 0);
  return { shared, own };
}

/** Every distinct assumption of the results, in first-seen order. */
export function allAssumptions(results: readonly RunResult[]): string[] {
  return [...new Set(results.flatMap((r) => r.assumptions ?? []))];
}
