/**
 * The HTML report: pages built from results (`resultPage`, `comparePage`), rendered into one
 * self-contained file (`renderPage`). See types.ts for how a page is put together and how to add
 * a section for a new command.
 */
export { renderPage } from "./renderPage.js";
export { resultPage, liveSections, type ResultPageOptions } from "./resultPage.js";
export { comparePage, type ComparePageOptions, type CompareInput } from "./comparePage.js";
export { chartSection, chartsOf, group, list, prose, tableSection } from "./sections.js";
export { poolDemandChart, poolCompareChart, poolCaption, chartablePools, type LabelledResult } from "./charts/poolDemand.js";
export { retriesChart, retriesCompareChart } from "./charts/retries.js";
export { spectrumChart, curveOf, histogramSpectrum, summarySpectrum, alignCurves, type SpectrumCurve } from "./charts/latencySpectrum.js";
export { costChart, costBasisText, endOfRunTotalUsd } from "./charts/cost.js";
export { cacheChart, cacheCompareChart, hitRatePct } from "./charts/cache.js";
export { minuteAverages, positiveRanges, poolSeries, warmupEntries, timelineOf, type Timeline, type ReportedResult } from "./timeSeries.js";
export type { AxisSpec, AxisUnit, ChartAssets, ChartKind, ChartSpec, Page, Section, SeriesSpec, SeriesStyle, Tone, XRange } from "./types.js";
