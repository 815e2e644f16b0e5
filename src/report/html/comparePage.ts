/**
 * The page of `compare` and `rehearse`: predicted against measured. The verdict first, the
 * comparison table with each row's verdict coloured, then the two runs drawn over each other -
 * latency spectrum per operation, pool demand, throttles, cache hit rate - and both runs'
 * warnings. `rehearse` adds what the prediction was given (calibration) and its spread as notes.
 */
import type { Comparison } from "../../compare/types.js";
import { comparisonSummary } from "../../compare/renderComparison.js";
import type { RunResult } from "../../metrics/result.js";
import { formatSeconds } from "../format.js";
import { comparisonTable, VERDICT_COLUMN } from "../reportTables.js";
import { cacheCompareChart } from "./charts/cache.js";
import { idPart } from "./charts/grouping.js";
import { curveOf, spectrumChart } from "./charts/latencySpectrum.js";
import { chartablePools, poolCompareChart } from "./charts/poolDemand.js";
import { retriesCompareChart } from "./charts/retries.js";
import { COLORS } from "./palette.js";
import { assumptionSections } from "./resultSections.js";
import { chartSection, group, list, prose, tableSection } from "./sections.js";
import type { ChartSpec, Page, Section, Tone } from "./types.js";

export interface ComparePageOptions {
  /** The command named in the heading; default "compare". */
  command?: string;
  /** Extra notes shown after the comparison table (rehearse: calibration, spread), each a titled block of lines. */
  notes?: { title: string; lines: string[] }[];
  /** The predicted curves' legend label; default "predicted". */
  predictedLabel?: string;
}

export interface CompareInput {
  comparison: Comparison;
  predicted: RunResult;
  measured: RunResult;
}

const side = (r: RunResult): string => `${r.source}: ${r.variant ? `${r.scenario} [${r.variant}]` : r.scenario}`;

function spectrumCharts(predicted: RunResult, measured: RunResult, predictedLabel: string): ChartSpec[] {
  const ops = [...new Set([...Object.keys(predicted.app.byOperation), ...Object.keys(measured.app.byOperation)])].sort();
  const pairs: [string, string, RunResult["app"] | undefined, RunResult["app"] | undefined][] = [["all operations", "all", predicted.app, measured.app]];
  for (const op of ops) pairs.push([op, op, predicted.app.byOperation[op] as RunResult["app"] | undefined, measured.app.byOperation[op] as RunResult["app"] | undefined]);
  const out: ChartSpec[] = [];
  for (const [title, id, p, m] of pairs) {
    const curves = [
      ...(p && p.operations > 0 ? [curveOf(predictedLabel, COLORS.predicted, p)] : []),
      ...(m && m.operations > 0 ? [curveOf("measured", COLORS.measured, m)] : []),
    ];
    const c = spectrumChart(`latency-${idPart(id)}`, `Latency percentile spectrum: ${title}`, curves);
    if (c) out.push(c);
  }
  return out;
}

function timeCharts(predicted: RunResult, measured: RunResult): ChartSpec[] {
  const out: (ChartSpec | null)[] = [];
  for (const pool of chartablePools(predicted)) {
    if (chartablePools(measured).some((p) => p.pool === pool.pool)) out.push(poolCompareChart(`pool-${idPart(pool.pool)}`, pool, predicted, measured));
  }
  if (predicted.series && measured.series && predicted.kms.throttled + measured.kms.throttled > 0) out.push(retriesCompareChart("throttles", predicted, measured));
  out.push(cacheCompareChart("cache", predicted, measured));
  return out.filter((c): c is ChartSpec => c !== null);
}

export function comparePage(input: CompareInput, options: ComparePageOptions = {}): Page {
  const { comparison: c, predicted, measured } = input;
  if (!c || !Array.isArray(c.rows) || !predicted?.app || !measured?.app) {
    throw new TypeError("Expected { comparison, predicted, measured } with a Comparison and two RunResults");
  }
  const table = comparisonTable(c);
  const toneOfCell = (row: number, col: number): Tone | undefined =>
    col === VERDICT_COLUMN ? (c.rows[row].verdict === "ok" ? "ok" : c.rows[row].verdict === "outside" ? "bad" : undefined) : undefined;
  const notes = (options.notes ?? []).filter((n) => n.lines.length > 0).map((n) => group(n.title, [prose(n.lines.join("\n"))]));
  const spectra = spectrumCharts(predicted, measured, options.predictedLabel ?? "predicted");
  const time = timeCharts(predicted, measured);
  const warnings: Section[] = [
    ...(predicted.warnings.length ? [group("Predicted run", [list(predicted.warnings, "warning")])] : []),
    ...(measured.warnings.length ? [group("Measured run", [list(measured.warnings, "warning")])] : []),
  ];
  const sections: Section[] = [
    group("Predicted against measured", [tableSection(table, { toneOfCell, note: "A row is ok when within its absolute or its relative tolerance; info rows have none." })]),
    ...notes,
    ...(spectra.length ? [group("Latency", [group("", spectra.map(chartSection), { layout: spectra.length > 1 ? "grid" : "stack" })])] : []),
    ...(time.length ? [group("Over time", time.map(chartSection))] : []),
    ...(warnings.length ? [group("Warnings", warnings)] : []),
    ...assumptionSections([predicted, measured].map((result) => ({ label: side(result), result }))),
  ];
  const command = options.command ?? "compare";
  return {
    title: `kmsplan ${command}: ${measured.variant ? `${measured.scenario} [${measured.variant}]` : measured.scenario}`,
    subtitle: `${side(predicted)} against ${side(measured)}`,
    facts: [
      ["predicted", `${predicted.source}, seed ${predicted.seed}, ${formatSeconds(predicted.simulatedSeconds)}`],
      ["measured", `${measured.source}, ${formatSeconds(measured.simulatedSeconds)}`],
      ["checked", `${c.rows.filter((r) => r.verdict !== "info").length} of ${c.rows.length} metrics`],
    ],
    verdict: { tone: c.ok ? "ok" : "bad", text: comparisonSummary(c) },
    sections,
  };
}
