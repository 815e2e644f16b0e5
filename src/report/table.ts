/**
 * Lays out a `ReportTable` with cli-table3: box borders, no rule between body rows, numbers right
 * aligned, and colour applied by us (never by cli-table3's terminal detection) so output is the same
 * wherever it runs.
 */
import Table from "cli-table3";
import type { ReportTable } from "./reportModel.js";
import { paint } from "./ansi.js";

/** Borders without a separator line between body rows. */
const CHARS = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

export interface LayoutOptions {
  color: boolean;
}

/** Renders the table body (no title) as a string of lines. */
export function layoutTable(t: ReportTable, options: LayoutOptions): string {
  const table = new Table({
    head: t.head.map((h) => paint(h, options.color, "bold", "cyan")),
    colAligns: t.align,
    chars: CHARS,
    style: { head: [], border: [], "padding-left": 1, "padding-right": 1 },
  });
  const totals = new Set(t.totalRows ?? []);
  t.rows.forEach((row, i) => {
    table.push(totals.has(i) ? row.map((c) => paint(c, options.color, "bold")) : row);
  });
  return table.toString();
}
