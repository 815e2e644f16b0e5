/** Reports: RunResult -> string (terminal text, markdown, JSON, side-by-side variants, HTML). No I/O. */
export { renderText, DEFAULT_TEXT_WIDTH, type RenderTextOptions } from "./renderText.js";
export { renderVariants, peakPoolShare, worstSecondsThrottled, type RenderVariantsOptions } from "./renderComparison.js";
export { toJson, roundNumber, type ToJsonOptions } from "./renderJson.js";
export { renderMarkdown, markdownTable } from "./renderMarkdown.js";
export { buildReport, resultLabel, savingsLines, type ReportModel, type ReportTable } from "./reportModel.js";
export { formatCount, formatNumber, formatPct, formatMs, formatUsd, formatPerSec, formatSeconds, formatSigned, wrapText, NOT_AVAILABLE } from "./format.js";
export { paint, stripAnsi } from "./ansi.js";
export { renderVariantsMarkdown, renderComparisonMarkdown, type ComparisonMarkdownOptions } from "./renderMarkdown.js";
export { matrixTable, comparisonTable, splitWarnings, allAssumptions } from "./reportTables.js";
export * as html from "./html/index.js";
