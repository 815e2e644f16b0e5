/**
 * kmsplan's library API: an explicit export list. Everything the CLI does is a composition of
 * these calls; the library returns values and never exits or prints.
 *
 *   const { base } = await loadScenarioFile("scenarios/saas-3000-tenants.yaml");
 *   const result = simulate(base);                  // RunResult: the contract of `simulate --json`
 *   console.log(renderText(result));
 */

// Scenarios
export { loadScenarioFile, parseScenario, scenarioJsonSchema, normalise, DEFAULTS } from "./scenario/index.js";
export type { Scenario, LoadedScenario, MixEntry, CacheSpec, KeyBoundary, KeyTier, RetryMode, RetryProfileName } from "./scenario/types.js";

// Simulation
export { simulate, simulateOnce, type SimulateOptions } from "./sim/simulate.js";
export { simulateAll, type SimulateAllOptions } from "./sim/simulateAll.js";
export { runSimulations, SimulationPool, SimulationJobError, DEFAULT_JOBS, type SimulationJob, type SimulationProgress, type RunSimulationsOptions, type JobStats } from "./sim/pool/index.js";
export { simulateReplicated, runReplicated, type ReplicatedResult } from "./sim/replicate.js";
export { Schedule, buildRateCurve, expectedArrivals } from "./plan/Schedule.js";
export { Random } from "./plan/Random.js";
export { readAgeMs } from "./plan/readAge.js";
export type { RunResult, PoolResult, LatencySummary, OperationResult, CostResult, CacheResult } from "./metrics/result.js";
export { runResultSchema, type ParsedRunResult } from "./metrics/resultSchema.js";

// Model pieces (shared by simulate, live and emulate)
export { TokenBucket, FixedWindow, createThrottle, type Throttle, type ThrottleSpec } from "./model/Throttle.js";
export { poolsFor, keyTypePool, CRYPTO_OPERATIONS } from "./model/pools.js";
export { defaultSymmetricQuota, QUOTA_SOURCE, SERVICE_QUOTA_CODES, DEFAULT_KEY_PAIR_QUOTAS } from "./model/quotas.js";
export { createRetryModel, RETRY_PROFILES, type ClientRetryModel, type RetryProfile } from "./model/retry/index.js";
export { classifyError, isThrottlingError } from "./model/errorClassification.js";
export { createCacheModel, type DataKeyCacheModel } from "./model/cache/index.js";
export { monthlyCost, pricePer10k } from "./model/cost.js";
export { keyLayout } from "./model/keyLayout.js";

// Metrics and reports
export { createHistogram, encodeHistogram, decodeHistogram, mergeHistograms, summarize } from "./metrics/histogram.js";
export { renderText, renderVariants, renderMarkdown, toJson } from "./report/index.js";
export { compareResults, parseTolerances, DEFAULT_TOLERANCES, renderComparisonTable, comparisonToJson, type Comparison } from "./compare/index.js";

// Live runs and the emulator (network code)
export { runLive, planLive, cleanupFromManifest, type LiveOptions, type LivePlan, type LiveRunResult } from "./live/index.js";
export { startEmulator, type EmulatorOptions, type RunningEmulator, type EmulatorStats } from "./emulate/index.js";

export { rehearse, type RehearseOptions, type RehearsalOutcome } from "./rehearse/index.js";

// Errors
export { ScenarioError, UsageError, ThresholdError, GuardrailError, RunIncompleteError, InputError, formatProblem, type ScenarioProblem } from "./errors.js";
