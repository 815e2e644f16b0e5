/**
 * The sections of a report about one or more results (simulate, live): findings, quota pools,
 * throttles and retries, latency, cache, cost, per-result details, assumptions. Each function
 * returns the sections for its topic, or [] when the results have nothing to show for it, and
 * draws one chart for variants whose data is identical (see charts/grouping.ts).
 */
import type { RunResult } from "../../metrics/result.js";
import { formatUsd } from "../format.js";
import { appTable, buildReport, cacheTable, costTable, kmsTable, poolsTable, resultLabel, s3Table, type ReportTable } from "../reportModel.js";
import { allAssumptions, splitWarnings } from "../reportTables.js";
import { cacheChart, hasCache } from "./charts/cache.js";
import { costBasisText, costChart, endOfRunTotalUsd } from "./charts/cost.js";
import { groupIdentical, groupNaming, idPart, type ResultGroup } from "./charts/grouping.js";
import { curveOf, spectrumChart, type SpectrumCurve } from "./charts/latencySpectrum.js";
import { chartablePools, poolDemandCharts, type LabelledResult } from "./charts/poolDemand.js";
import { hasRetryActivity, retriesChart } from "./charts/retries.js";
import { cycleColor } from "./palette.js";
import { chartSection, group, list, prose, tableSection } from "./sections.js";
import { poolSeries, timelineOf } from "./timeSeries.js";
import type { ChartSpec, Section } from "./types.js";

export function labelled(results: readonly RunResult[]): LabelledResult[] {
  return results.map((result) => ({ label: resultLabel(result), result }));
}

const charts = (specs: (ChartSpec | null)[]): Section[] => specs.filter((c): c is ChartSpec => c !== null).map(chartSection);

/** Names a group's chart after the results it draws (see groupNaming). */
function named(spec: ChartSpec | null, g: ResultGroup, groups: number, total: number): ChartSpec | null {
  if (!spec) return null;
  const n = groupNaming(g, groups, total);
  return {
    ...spec,
    title: n.title ? `${spec.title} (${n.title})` : spec.title,
    ...(n.note ? { caption: [n.note, spec.caption].filter(Boolean).join(" ") } : {}),
  };
}

/**
 * A table of several results' rows, each row prefixed by its result's label; once, titled
 * "(identical for all N)", when every result gives the same rows.
 */
function perResultTable(items: readonly LabelledResult[], build: (r: RunResult) => ReportTable | null): ReportTable | null {
  const tables = items.map((i) => ({ label: i.label, t: build(i.result) })).filter((x): x is { label: string; t: ReportTable } => x.t !== null);
  if (tables.length === 0) return null;
  if (tables.length === 1) return tables[0].t;
  const first = tables[0].t;
  if (tables.every(({ t }) => JSON.stringify(t.rows) === JSON.stringify(first.rows))) {
    return { ...first, title: `${first.title} (identical for all ${tables.length})` };
  }
  return {
    title: first.title,
    head: ["variant", ...first.head],
    align: ["left", ...first.align],
    rows: tables.flatMap(({ label, t }) => t.rows.map((row) => [label, ...row])),
  };
}

export function findingsSections(items: readonly LabelledResult[]): Section[] {
  const { shared, own } = splitWarnings(items.map((i) => i.result));
  const out: Section[] = [];
  if (items.length === 1) {
    if (own.length) out.push(list(own[0].warnings, "warning"));
  } else {
    if (shared.length) out.push(group(`All ${items.length} variants`, [list(shared, "warning")]));
    for (const o of own) out.push(group(o.label, [list(o.warnings, "warning")]));
  }
  const savings = items.flatMap((i) => buildReport(i.result).savings.map((s) => (items.length > 1 ? `${i.label}: ${s}` : s)));
  if (savings.length) out.push(group("Savings", [list(savings, "ok")]));
  return out.length ? [group("Findings", out)] : [];
}

export function poolSections(items: readonly LabelledResult[]): Section[] {
  const names = [...new Set(items.flatMap((i) => chartablePools(i.result).map((p) => p.pool)))];
  const specs: (ChartSpec | null)[] = [];
  for (const name of names) {
    const groups = groupIdentical(items, (r) => {
      const s = poolSeries(r, name);
      return s && r.kms.pools.some((p) => p.pool === name) ? JSON.stringify(s) : undefined;
    });
    groups.forEach((g, gi) => {
      const pool = g.result.kms.pools.find((p) => p.pool === name)!;
      specs.push(...poolDemandCharts(`pool-${idPart(name)}${gi ? `-${gi + 1}` : ""}`, pool, g.result).map((c) => named(c, g, groups.length, items.length)));
    });
  }
  const table = perResultTable(items, (r) => (r.kms.pools.length ? poolsTable(r) : null));
  const body = [...charts(specs), ...(table ? [tableSection(table)] : [])];
  if (body.length === 0) return [];
  const intro = specs.length === 0 ? "Per-second demand needs a result with series (simulate --series, or any live run)." : undefined;
  return [group("Quota pools", body, intro ? { intro } : {})];
}

export function retrySections(items: readonly LabelledResult[]): Section[] {
  const active = items.filter((i) => hasRetryActivity(i.result));
  if (active.length === 0) return items.some((i) => i.result.series) ? [group("Throttles and retries", [prose("No attempt was throttled, retried or failed.")])] : [];
  const groups = groupIdentical(active, (r) => {
    if (!r.series) return undefined;
    const t = timelineOf(r);
    return JSON.stringify([r.series.map((s) => s.throttledPerSec), t?.retriesPerSec, t?.appFailedPerSec]);
  });
  const specs = groups.map((g, gi) => named(retriesChart(`retries${gi ? `-${gi + 1}` : ""}`, g.result), g, groups.length, items.length));
  const body = charts(specs);
  return body.length ? [group("Throttles and retries", body)] : [];
}

/** "all operations" and each operation of a result, as spectrum inputs. */
function operationsOf(r: RunResult): [string, { histogram?: string; latencyMs: RunResult["app"]["latencyMs"]; operations: number }][] {
  const ops = Object.entries(r.app.byOperation).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // With one operation, "all operations" is the same curve drawn twice.
  return ops.length === 1 ? ops : [["all operations", r.app], ...ops];
}

export function latencySections(items: readonly LabelledResult[]): Section[] {
  const groups = groupIdentical(items, (r) => JSON.stringify(operationsOf(r).map(([k, o]) => [k, o.histogram ?? o.latencyMs])));
  const specs: (ChartSpec | null)[] = [];
  if (groups.length === 1) {
    const g = groups[0];
    const curves = operationsOf(g.result).map(([label, o], i) => curveOf(label, cycleColor(i), o));
    specs.push(named(spectrumChart("latency", "Latency percentile spectrum by operation", curves), g, 1, items.length));
  } else {
    const labels = [...new Set(groups.flatMap((g) => operationsOf(g.result).map(([k]) => k)))];
    for (const op of labels) {
      const curves: SpectrumCurve[] = [];
      groups.forEach((g, gi) => {
        const o = operationsOf(g.result).find(([k]) => k === op)?.[1];
        if (o && o.operations > 0) curves.push(curveOf(g.labels.join(", "), cycleColor(gi), o));
      });
      specs.push(spectrumChart(`latency-${idPart(op)}`, `Latency percentile spectrum: ${op}`, curves));
    }
  }
  const table = perResultTable(items, appTable);
  const drawn = charts(specs);
  const chartsPart = drawn.length > 1 ? [group("", drawn, { layout: "grid" })] : drawn;
  return [group("Latency", [...chartsPart, ...(table ? [tableSection(table)] : [])])];
}

export function cacheSections(items: readonly LabelledResult[]): Section[] {
  const cached = items.filter((i) => hasCache(i.result));
  if (cached.length === 0) return [];
  const groups = groupIdentical(cached, (r) => {
    const t = timelineOf(r);
    return JSON.stringify([t?.cacheHitsPerSec, t?.cacheMissesPerSec, r.cache]);
  });
  const specs = groups.map((g, gi) => named(cacheChart(`cache${gi ? `-${gi + 1}` : ""}`, g.result), g, groups.length, cached.length));
  const table = perResultTable(cached, cacheTable);
  const intro = specs.every((s) => s === null) ? "The hit rate per second needs a result with a timeline (simulate --series)." : undefined;
  return [group("Data-key cache", [...charts(specs), ...(table ? [tableSection(table)] : [])], intro ? { intro } : {})];
}

export function kmsSections(items: readonly LabelledResult[]): Section[] {
  if (items.length !== 1) return [];
  const r = items[0].result;
  const s3 = s3Table(r);
  return [group("KMS requests", [tableSection(kmsTable(r)), ...(s3 ? [tableSection(s3)] : [])])];
}

export function costSections(items: readonly LabelledResult[]): Section[] {
  const table = perResultTable(items, costTable)!;
  const notes = items.flatMap((i) => {
    const basis = costBasisText(i.result);
    const end = endOfRunTotalUsd(i.result);
    const who = items.length > 1 ? `${i.label}: ` : "";
    return [
      ...(basis ? [`${who}priced at ${basis}`] : []),
      ...(end !== undefined ? [`${who}at the end-of-run rate the month would cost ${formatUsd(end)}`] : []),
    ];
  });
  return [group("Keys and monthly cost", [...charts([costChart("cost", items)]), tableSection(table), ...(notes.length ? [list(notes, "info")] : [])])];
}

/** With several results: each one's full tables (the text report's content), collapsed. */
export function detailSections(items: readonly LabelledResult[]): Section[] {
  if (items.length < 2) return [];
  return items.map((i) => group(`Details: ${i.label}`, buildReport(i.result).tables.map((t) => tableSection(t)), { collapsed: true }));
}

export function assumptionSections(items: readonly LabelledResult[]): Section[] {
  const a = allAssumptions(items.map((i) => i.result));
  return a.length ? [group("Assumptions", [list(a)], { collapsed: true })] : [];
}
