/**
 * The HTML report as data: a page is a header and a list of sections; a section is prose, a list,
 * a table or a chart spec (or a titled group of those). `renderPage` turns a page into one
 * self-contained HTML file; the page builders (`simulatePage`, `comparePage`) only assemble data.
 *
 * How to add a report for a new command (`capacity`, `sweep`, `recommend`, `merge`, ...):
 *
 * ```ts
 * const page: Page = {
 *   title: "kmsplan capacity: saas-3000-tenants",
 *   facts: [["searched", "instances"], ["answer", "14"]],
 *   sections: [
 *     group("Answer", [prose("14 instances keep p99 under 200 ms.")]),
 *     chartSection(timeChart({ id: "slo", title: "p99 against instances", ... })),
 *     tableSection(myReportTable),
 *   ],
 * };
 * await writeHtmlReport(io, args.html, page); // src/cli/commands/reportOutputs.ts
 * ```
 *
 * A chart is a `ChartSpec`: x values, one value array per series (aligned with x, `null` for a
 * gap), axes with a unit. Every chart lands in the page's JSON of chart specs, so the browser
 * tests can count its series and points without knowing what it shows.
 */
import type { ReportTable } from "../reportModel.js";

/** How axis values are formatted in the page. */
export type AxisUnit = "perSec" | "ms" | "usd" | "pct" | "count";

export interface AxisSpec {
  label: string;
  unit: AxisUnit;
  /** Logarithmic scale (base 10). Values <= 0 are not drawn. */
  log?: boolean;
  /** Fixed bounds; default: fitted to the data (and to 0 for linear scales). */
  min?: number;
  max?: number;
}

/**
 * How a series is drawn: `line`, `step` (held until the next point: per-minute averages), `dash`
 * (reference lines such as a quota), `bars`, `points`.
 */
export type SeriesStyle = "line" | "step" | "dash" | "bars" | "points";

export interface SeriesSpec {
  label: string;
  /** One value per x value; null where there is none. */
  values: (number | null)[];
  /** CSS colour. */
  color: string;
  style: SeriesStyle;
  /** Which y axis: "y" (left, default) or "y2" (right). */
  axis?: "y" | "y2";
  /** Shade the area under a line. */
  fill?: boolean;
  /** Draw a line across null values (sparse series such as summary percentiles). */
  spanGaps?: boolean;
}

/** A shaded range of x (e.g. seconds in which a pool throttled). Inclusive from, exclusive to. */
export interface XRange {
  from: number;
  to: number;
}

/**
 * `time`: x in seconds of the measured window. `spectrum`: x in "nines" (log10 of 1/(1 - q):
 * 1 = p90, 2 = p99, 3 = p99.9), labelled as percentiles. `bars`: x is the index of a category.
 */
export type ChartKind = "time" | "spectrum" | "bars";

export interface ChartSpec {
  /** Unique in the page; becomes the DOM id `chart-<id>`. */
  id: string;
  kind: ChartKind;
  title: string;
  /** One or two sentences under the chart: what to read from it. */
  caption?: string;
  x: { label: string; values: number[]; categories?: string[] };
  y: AxisSpec;
  y2?: AxisSpec;
  series: SeriesSpec[];
  /** Shaded x ranges, with what they mean in the legend line under the chart. */
  marks?: { label: string; color: string; ranges: XRange[] };
  /** Stack the `bars` series (the legend still shows each series' own value). */
  stacked?: boolean;
  /** Plot height in CSS pixels; default 260. */
  heightPx?: number;
}

export type Tone = "warning" | "info" | "ok" | "bad";

export type Section =
  | { kind: "prose"; paragraphs: string[] }
  | { kind: "list"; items: string[]; tone?: Tone }
  | { kind: "table"; table: ReportTable; note?: string; toneOfCell?: (row: number, col: number) => Tone | undefined }
  | { kind: "chart"; chart: ChartSpec }
  | { kind: "group"; title: string; sections: Section[]; intro?: string; collapsed?: boolean; layout?: "stack" | "grid" };

export interface Page {
  /** `<title>` and the page heading. */
  title: string;
  /** A line under the heading. */
  subtitle?: string;
  /** Label / value pairs under the heading. */
  facts: [string, string][];
  /** A verdict banner under the facts (compare, rehearse). */
  verdict?: { tone: Tone; text: string };
  sections: Section[];
}

/**
 * The chart library, inlined into every page: its script (defining the `uPlot` global) and its
 * stylesheet. The CLI reads them from the installed package; tests may pass the same.
 */
export interface ChartAssets {
  script: string;
  css: string;
  /** Shown in the page's footer, e.g. "uPlot 1.6.32 (MIT)". */
  name: string;
}
