/**
 * The terminal report of one run: header, app operations, KMS requests, quota pools, cache, S3,
 * keys and cost, savings, warnings (prominent) and assumptions (short, last). Pure: result in,
 * string out. Colour is off unless `color: true`.
 */
import type { RunResult } from "../metrics/result.js";
import { buildReport } from "./reportModel.js";
import { layoutTable } from "./table.js";
import { paint } from "./ansi.js";
import { wrapText } from "./format.js";

export interface RenderTextOptions {
  /** ANSI colour and bold. Default false. */
  color?: boolean;
  /** Column budget for wrapped prose (warnings, assumptions, rules). Default 100. */
  width?: number;
}

/** Default column budget for prose in the terminal report. */
export const DEFAULT_TEXT_WIDTH = 100;

function checkResult(result: unknown): asserts result is RunResult {
  const r = result as Partial<RunResult> | null;
  if (!r || typeof r !== "object" || !r.app || !r.kms || !r.cost) {
    throw new TypeError(`Expected result to be a RunResult, got ${r === null ? "null" : typeof r}`);
  }
}

function heading(title: string, color: boolean, width: number): string {
  const rule = "─".repeat(Math.max(0, Math.min(width, 60) - title.length - 4));
  return paint(`── ${title} ${rule}`, color, "bold");
}

/** Renders a warning list (shared with `renderVariants`). */
export function renderWarnings(warnings: string[], color: boolean, width: number, title = "Warnings"): string {
  const lines = [paint(`!! ${title} (${warnings.length})`, color, "bold", "yellow")];
  for (const w of warnings) lines.push(paint(`!  ${wrapText(w, width - 3, "   ")}`, color, "yellow"));
  return lines.join("\n");
}

export function renderText(result: RunResult, options: RenderTextOptions = {}): string {
  checkResult(result);
  const color = options.color ?? false;
  const width = options.width ?? DEFAULT_TEXT_WIDTH;
  if (!Number.isFinite(width) || width < 20) throw new TypeError(`Expected options.width to be a number >= 20, got ${String(options.width)}`);
  const model = buildReport(result);
  const out: string[] = [];
  out.push(paint(`kmsplan ${model.facts[0][1]}: ${model.title}`, color, "bold"));
  out.push(model.facts.slice(1).map(([k, v]) => `${k} ${v}`).join("  ·  "));
  for (const t of model.tables) {
    out.push("", heading(t.title, color, width), layoutTable(t, { color }));
  }
  if (model.savings.length > 0) {
    out.push("", heading("Savings", color, width));
    for (const s of model.savings) out.push(paint(`  ${wrapText(s, width - 2, "    ")}`, color, "green"));
  }
  if (model.warnings.length > 0) {
    out.push("", renderWarnings(model.warnings, color, width));
  }
  if (model.assumptions.length > 0) {
    out.push("", heading("Assumptions", color, width));
    for (const a of model.assumptions) out.push(paint(`  - ${wrapText(a, width - 4, "    ")}`, color, "dim"));
  }
  return out.join("\n");
}
