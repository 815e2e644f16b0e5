/** Library API of `kmsplan live` (the CLI wires it; see src/live/types.ts for the options). */
export { runLive, DEFAULT_MAX_IN_FLIGHT, type RunLiveOutcome } from "./runLive.js";
export { planLive, newRunId, aliasName, bucketName, LIVE_KMS_OPERATIONS } from "./plan.js";
export { cleanupFromManifest, cleanupManifest, PENDING_WINDOW_DAYS, type CleanupFromManifestOptions } from "./cleanup.js";
export { liveScenario, keySlots } from "./liveScenario.js";
export { resolveEndpoints, type ResolvedEndpoints } from "./endpoints.js";
export { Manifest, type ManifestData } from "./Manifest.js";
export { runArrivalLoop, countArrivals, SPIN_MS, type ArrivalLoopOptions, type ArrivalLoopResult, type DueArrival } from "./ArrivalLoop.js";
export { USAGE_DIMENSIONS, USAGE_PERIOD_SEC } from "./accountMetrics.js";
export { RUN_TAG_KEY } from "./provision.js";
export type { LiveRunResult } from "./buildLiveResult.js";
export type { LiveOptions, LivePlan, LiveProgress, LiveInfo, LiveCredentials, LiveCredentialSource, LiveDriver, CleanupReport, ProvisionStep } from "./types.js";
export { startTenantService, type TenantService } from "./tenantService.js";
export { ADMIN_REQUEST_TIMEOUT_MS, CONNECTION_TIMEOUT_MS, DRIVE_REQUEST_TIMEOUT_MS, ADMIN_MAX_ATTEMPTS, adminTimeouts, callBoundMs, type ClientTimeouts } from "./timeouts.js";
export { chooseCredentials, isLoopbackUrl, DUMMY_CREDENTIALS, type CredentialChoice } from "./credentials.js";
export { HTTP_DRIVER_LIMITS } from "./httpDrive.js";
export { readManifestData, manifestSchema, MANIFEST_VERSION } from "./manifestSchema.js";
