/**
 * The report of one run as GitHub-flavoured markdown (for PR comments and docs): the same sections
 * and numbers as `renderText`, as headings, pipe tables and lists.
 */
import type { RunResult } from "../metrics/result.js";
import { buildReport, type ReportTable } from "./reportModel.js";

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

export function renderMarkdown(result: RunResult): string {
  if (!result || typeof result !== "object" || !result.app) {
    throw new TypeError(`Expected result to be a RunResult, got ${result === null ? "null" : typeof result}`);
  }
  const m = buildReport(result);
  const out: string[] = [`## kmsplan ${m.facts[0][1]}: ${m.title}`, "", m.facts.slice(1).map(([k, v]) => `${k} **${v}**`).join(" · ")];
  for (const t of m.tables) out.push("", section(t));
  if (m.savings.length > 0) out.push("", "### Savings", "", ...m.savings.map((s) => `- ${s}`));
  if (m.warnings.length > 0) {
    out.push("", `> [!WARNING]`, ...m.warnings.map((w) => `> - ${w.replace(/\n/g, " ")}`));
  }
  if (m.assumptions.length > 0) {
    out.push("", "<details><summary>Assumptions</summary>", "", ...m.assumptions.map((a) => `- ${a}`), "", "</details>");
  }
  return out.join("\n");
}
