/** Scenario loading: YAML -> resolved `Scenario`. See load.ts for the pipeline. */
export { loadScenarioFile, parseScenario, scenarioJsonSchema } from "./load.js";
export { normalise } from "./normalise.js";
export { WrittenScenarioSchema, type WrittenScenario } from "./schema.js";
export { DEFAULTS } from "./defaults.js";
export { durationMs, sizeBytes, formatDuration } from "./units.js";
export type * from "./types.js";
