/** Predicted vs measured: Result x Result -> Comparison, tolerances, and their renderings. Pure. */
export { compareResults, compareValue, verdictFor, metricsFor, sameRunWarnings, BOUND_SLACK, type ComparableResult, type CompareOptions } from "./compare.js";
export { DEFAULT_TOLERANCES, FIXED_METRICS, LATENCY_KEYS, METRIC_PATTERNS, isKnownMetric, mergeTolerances, parseTolerances, suggestMetric, toleranceFor, unknownMetricMessage, wildcardOf } from "./tolerances.js";
export { renderComparisonTable, comparisonToJson, comparisonSummary, formatMetricValue, formatMetricDiff, formatTolerance, type RenderComparisonOptions } from "./renderComparison.js";
export type { Comparison, ComparisonRow, ComparisonSide, MetricKind, Tolerance, Tolerances, Verdict } from "./types.js";
