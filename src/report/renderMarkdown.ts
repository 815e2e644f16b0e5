/**
 * Reports as GitHub-flavoured markdown, for pull-request comments and CI job summaries
 * (`kmsplan simulate FILE --markdown >> "$GITHUB_STEP_SUMMARY"`): one run (the same sections and
 * numbers as `renderText`), variants side by side (as `renderVariants`), and a predicted-vs-measured
 * comparison (as `renderComparisonTable`), as headings, pipe tables and lists.
 */
import type { RunResult } from "../metrics/result.js";
import type { Comparison } from "../compare/types.js";
import { comparisonSummary } from "../compare/renderComparison.js";
import { buildReport, resultLabel, type ReportTable } from "./reportModel.js";
import { allAssumptions, comparisonTable, matrixTable, splitWarnings } from "./reportTables.js";

/** Escapes the characters that would break a pipe-table cell. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** One pipe table with alignment markers ("---:" for right-aligned numbers). */
export function markdownTable(head: string[], rows: string[][], align?: ("left" | "right")[]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  const rule = head.map((_, i) => (align?.[i] === "right" ? "---:" : "---"));
  return [line(head), `| ${rule.join(" | ")} |`, ...rows.map(line)].join("\n");
}

function section(t: ReportTable): string {
  const rows = t.rows.map((row, i) => ((t.totalRows ?? []).includes(i) ? row.map((c) => (c ? `**${c}**` : c)) : row));
  return `### ${t.title}\n\n${markdownTable(t.head, rows, t.align)}`;
}

/** A GitHub alert block of warnings ("> [!WARNING]"), optionally titled. */
function warningBlock(warnings: readonly string[], title?: string): string[] {
  if (warnings.length === 0) return [];
  return ["", `> [!WARNING]`, ...(title ? [`> **${escapeCell(title)}**`, ">"] : []), ...warnings.map((w) => `> - ${w.replace(/\n/g, " ")}`)];
}

function assumptionsBlock(assumptions: readonly string[]): string[] {
  if (assumptions.length === 0) return [];
  return ["", "<details><summary>Assumptions</summary>", "", ...assumptions.map((a) => `- ${a}`), "", "</details>"];
}

export function renderMarkdown(result: RunResult): string {
  if (!result || typeof result !== "object" || !result.app) {
    throw new TypeError(`Expected result to be a RunResult, got ${result === null ? "null" : typeof result}`);
  }
  const m = buildReport(result);
  const out: string[] = [`## kmsplan ${m.facts[0][1]}: ${m.title}`, "", m.facts.slice(1).map(([k, v]) => `${k} **${v}**`).join(" · ")];
  for (const t of m.tables) out.push("", section(t));
  if (m.savings.length > 0) out.push("", "### Savings", "", ...m.savings.map((s) => `- ${s}`));
  out.push(...warningBlock(m.warnings), ...assumptionsBlock(m.assumptions));
  return out.join("\n");
}

/** Several results side by side: the decision matrix, then the warnings all share and each one's own. */
export function renderVariantsMarkdown(results: readonly RunResult[]): string {
  if (!Array.isArray(results) || results.length === 0 || !results.every((r) => r && typeof r === "object" && r.app)) {
    throw new TypeError(`Expected results to be a non-empty array of RunResult, got ${Array.isArray(results) ? `${results.length} item(s)` : typeof results}`);
  }
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const t = matrixTable(results);
  const out = [`## kmsplan simulate: ${scenarios.join(", ")}`, "", `${results.length} results: ${results.map(resultLabel).join(", ")}`, "", markdownTable(t.head, t.rows, t.align)];
  const { shared, own } = splitWarnings(results);
  out.push(...warningBlock(shared, results.length > 1 ? "All" : undefined));
  for (const o of own) out.push(...warningBlock(o.warnings, o.label));
  out.push(...assumptionsBlock(allAssumptions(results)));
  return out.join("\n");
}

export interface ComparisonMarkdownOptions {
  /** The command in the heading; default "compare". */
  command?: string;
  /** Titled blocks of lines after the table (rehearse: calibration and the prediction's spread). */
  notes?: { title: string; lines: string[] }[];
}

/** A comparison: the verdict line, the table (OUTSIDE rows in bold), then any notes. */
export function renderComparisonMarkdown(c: Comparison, options: ComparisonMarkdownOptions = {}): string {
  if (!c || !Array.isArray(c.rows)) throw new TypeError(`Expected c to be a Comparison, got ${c === null ? "null" : typeof c}`);
  const label = (s: Comparison["predicted"]) => `${s.source}: ${s.variant ? `${s.scenario} [${s.variant}]` : s.scenario}`;
  const t = comparisonTable(c);
  const rows = t.rows.map((row, i) => (c.rows[i].verdict === "outside" ? row.map((cell) => `**${cell}**`) : row));
  const out = [
    `## kmsplan ${options.command ?? "compare"}: ${c.measured.variant ? `${c.measured.scenario} [${c.measured.variant}]` : c.measured.scenario}`,
    "",
    `${label(c.predicted)} against ${label(c.measured)}`,
    "",
    `**${comparisonSummary(c)}**`,
    "",
    markdownTable(t.head, rows, t.align),
  ];
  for (const n of options.notes ?? []) {
    if (n.lines.length === 0) continue;
    out.push("", `<details><summary>${escapeCell(n.title)}</summary>`, "", "```text", ...n.lines, "```", "", "</details>");
  }
  return out.join("\n");
}
