/** Small constructors for page sections, so that page builders read as a list of what is shown. */
import type { ReportTable } from "../reportModel.js";
import type { ChartSpec, Section, Tone } from "./types.js";

export function prose(...paragraphs: string[]): Section {
  return { kind: "prose", paragraphs };
}

export function list(items: string[], tone?: Tone): Section {
  return { kind: "list", items, ...(tone ? { tone } : {}) };
}

export function tableSection(table: ReportTable, extra: Omit<Extract<Section, { kind: "table" }>, "kind" | "table"> = {}): Section {
  return { kind: "table", table, ...extra };
}

export function chartSection(chart: ChartSpec): Section {
  return { kind: "chart", chart };
}

export function group(title: string, sections: Section[], extra: Omit<Extract<Section, { kind: "group" }>, "kind" | "title" | "sections"> = {}): Section {
  return { kind: "group", title, sections, ...extra };
}

/** Every chart spec in a list of sections, depth first (the page's JSON of charts). */
export function chartsOf(sections: readonly Section[]): ChartSpec[] {
  const out: ChartSpec[] = [];
  for (const s of sections) {
    if (s.kind === "chart") out.push(s.chart);
    else if (s.kind === "group") out.push(...chartsOf(s.sections));
  }
  return out;
}
