/** `kmsplan emulate`: a local KMS-compatible endpoint that throttles like KMS. */
export { startEmulator, DEFAULT_ACCOUNT_ID } from "./EmulatorServer.js";
export type { EmulatorOptions, EmulatorStats, OperationStats, PoolStats, RunningEmulator } from "./types.js";
export { ADMIN_PREFIX } from "./adminApi.js";
export { THROTTLING_MESSAGE } from "./wire.js";
export { RESPONDER_OPERATIONS } from "./responder/KmsResponder.js";
export { canonicalContext } from "./responder/ciphertextBlob.js";
export { defaultQuotas, quotaForPool } from "./QuotaPools.js";
export {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  MAX_BODY_BYTES,
} from "./limits.js";
