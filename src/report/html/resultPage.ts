/**
 * The page of `simulate` (one result, or variants side by side) and of `live` (one measured run):
 * header, findings, then a section per topic (resultSections.ts), per-variant details and the
 * assumptions.
 */
import type { RunResult } from "../../metrics/result.js";
import { formatCount, formatMs, formatPerSec, formatSeconds, formatUsd } from "../format.js";
import { buildReport, resultLabel } from "../reportModel.js";
import { matrixTable } from "../reportTables.js";
import {
  assumptionSections,
  cacheSections,
  costSections,
  detailSections,
  findingsSections,
  kmsSections,
  labelled,
  latencySections,
  poolSections,
  retrySections,
} from "./resultSections.js";
import { group, tableSection } from "./sections.js";
import type { Page, Section } from "./types.js";

export interface ResultPageOptions {
  /** The command named in the heading; default "simulate", or "live" for a live result. */
  command?: string;
}

export function resultPage(results: readonly RunResult[], options: ResultPageOptions = {}): Page {
  if (!Array.isArray(results) || results.length === 0 || !results.every((r) => r && typeof r === "object" && r.app && r.kms)) {
    throw new TypeError(`Expected results to be a non-empty array of RunResult, got ${Array.isArray(results) ? `${results.length} item(s)` : typeof results}`);
  }
  const items = labelled(results);
  const first = results[0];
  const command = options.command ?? (first.source === "live" ? "live" : "simulate");
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const single = results.length === 1;
  const title = `kmsplan ${command}: ${single ? buildReport(first).title : scenarios.join(", ")}`;
  const subtitle = single ? undefined : `${results.length} results side by side: ${results.map(resultLabel).join(", ")}`;
  // The picture first (what a design review pastes), then what the text report says.
  const sections: Section[] = [
    ...poolSections(items),
    ...findingsSections(items),
    ...(single ? [] : [group("Decision matrix", [tableSection(matrixTable(results))])]),
    ...retrySections(items),
    ...latencySections(items),
    ...cacheSections(items),
    ...kmsSections(items),
    ...costSections(items),
    ...(single && first.source === "live" ? liveSections(first) : []),
    ...detailSections(items),
    ...assumptionSections(items),
  ];
  return { title, ...(subtitle ? { subtitle } : {}), facts: facts(results), sections };
}

function facts(results: readonly RunResult[]): [string, string][] {
  const r = results[0];
  const out: [string, string][] = buildReport(r).facts.map(([k, v]) => [k, v]);
  if (results.length === 1) {
    out.push(["keys", formatCount(r.keys.count)], ["monthly", formatUsd(r.cost.monthlyUsd.total)]);
  } else if (results.every((x) => x.seed === r.seed && x.simulatedSeconds === r.simulatedSeconds)) {
    out.splice(3); // load differs per variant: the matrix shows it
  } else {
    out.splice(1);
  }
  return out;
}

/** What `live` adds about the run itself: completeness, where it ran, the realised schedule. */
export function liveSections(r: RunResult): Section[] {
  const live = (r as { live?: Record<string, unknown> }).live;
  if (!live || typeof live !== "object") return [];
  const env = (live.environment ?? {}) as Record<string, unknown>;
  const sched = (live.schedule ?? {}) as Record<string, unknown>;
  const lag = (sched.lagMs ?? {}) as Record<string, number>;
  const text = (v: unknown): string => (v === null || v === undefined ? "-" : typeof v === "number" ? formatCount(v) : String(v));
  const rows: [string, string][] = [
    ["run", text(live.runId)],
    ["complete", live.complete === true ? "yes" : `no (${text(live.stopReason)})`],
    ["driver", text(live.driver)],
    ["KMS endpoint", text(env.kmsEndpoint ?? "AWS")],
    ["Region", text(env.region)],
    ["measured window", formatSeconds(r.simulatedSeconds)],
    ["arrivals planned / started / dropped", `${text(sched.planned)} / ${text(sched.started)} / ${text(sched.dropped)}`],
    ["schedule lag p50 / p99 / max", `${formatMs(lag.p50)} / ${formatMs(lag.p99)} / ${formatMs(lag.max)}`],
    ["achieved rate", `${formatPerSec(r.simulatedSeconds > 0 ? r.app.operations / r.simulatedSeconds : 0)} ops/s`],
  ];
  return [group("Live run", [tableSection({ title: "Live run", head: [], align: ["left", "left"], rows })])];
}
