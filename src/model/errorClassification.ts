/**
 * SDK error -> retry error class, exactly as the pinned SDK's retry middleware decides it
 * (@smithy/core 3.41.1 `dist-es/submodules/retry/middleware-retry/retryMiddleware.js`
 * `getRetryErrorType`, with the predicates of `service-error-classification/`): the first of
 * throttling -> transient -> server -> client that matches. The one place kmsplan classifies
 * errors by name (`live` counts throttles with it; the emulator's wire shape must satisfy it).
 *
 * - THROTTLING: `$metadata.httpStatusCode === 429`, or `name` in THROTTLING_ERROR_NAMES
 *   (case-sensitive: "throttlingexception" is not), or `$retryable.throttling == true`.
 * - TRANSIENT (never for `name === "AbortError"`): `$retryable` present; `$metadata.clockSkewCorrected`;
 *   InvalidSignatureException "Signature expired"; a TRANSIENT name; a Node timeout/network `code`;
 *   status 500/502/503/504; a browser fetch TypeError; HTTP/2 refused stream; or any of these in
 *   `cause`, up to 11 levels deep.
 * - SERVER_ERROR: any other status 500-599. Otherwise CLIENT_ERROR.
 *
 * Examples: KMS ThrottlingException (HTTP 400) -> Throttling; an HTTP 503 with an unknown name ->
 * Transient; HTTP 501 -> ServerError; KMSInvalidStateException -> ClientError.
 */
import { ErrorClass } from "./retry/types.js";

/** `THROTTLING_ERROR_CODES` (service-error-classification/constants.js), matched against `name`. */
export const THROTTLING_ERROR_NAMES: readonly string[] = [
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException",
];
/** `TRANSIENT_ERROR_CODES`, matched against `name`. */
export const TRANSIENT_ERROR_NAMES: readonly string[] = ["TimeoutError", "RequestTimeout", "RequestTimeoutException"];
/** `TRANSIENT_ERROR_STATUS_CODES`, HTTP status. */
export const TRANSIENT_STATUS_CODES: readonly number[] = [500, 502, 503, 504];
/** `NODEJS_TIMEOUT_ERROR_CODES` and `NODEJS_NETWORK_ERROR_CODES`, matched against `code`. */
export const TRANSIENT_NODE_CODES: readonly string[] = [
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
];
/** Messages of browser fetch TypeErrors treated as transient (`isBrowserNetworkError`). */
const BROWSER_NETWORK_MESSAGES: readonly string[] = [
  "Failed to fetch",
  "NetworkError when attempting to fetch resource",
  "The Internet connection appears to be offline",
  "Load failed",
  "Network request failed",
];

const throttlingNames = new Set(THROTTLING_ERROR_NAMES);
const transientNames = new Set(TRANSIENT_ERROR_NAMES);
const transientStatus = new Set(TRANSIENT_STATUS_CODES);
const transientCodes = new Set(TRANSIENT_NODE_CODES);
const browserMessages = new Set(BROWSER_NETWORK_MESSAGES);

/** Property access that, unlike the SDK's, tolerates null/undefined (the SDK would throw there). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const get = (o: unknown, key: string): Loose => (o === null || o === undefined ? undefined : (o as Loose)[key]);

/** `isThrottlingError`. */
export function isThrottlingError(err: unknown): boolean {
  if (err === null || err === undefined) return false;
  const e = err as Loose;
  return (
    get(e.$metadata, "httpStatusCode") === 429 ||
    throttlingNames.has(e.name) ||
    // The SDK compares loosely (`== true`): 1 and "1" count too.
    // eslint-disable-next-line eqeqeq
    get(e.$retryable, "throttling") == true
  );
}

/** `isTransientError` (recursing into `cause` while depth <= 10). */
export function isTransientError(err: unknown, depth = 0): boolean {
  if (err === null || err === undefined) return false;
  const e = err as Loose;
  if (e.name === "AbortError") return false;
  const status = get(e.$metadata, "httpStatusCode");
  const code = e.code;
  const message = e.message;
  return (
    e.$retryable !== undefined ||
    Boolean(get(e.$metadata, "clockSkewCorrected")) ||
    (e.name === "InvalidSignatureException" && typeof message === "string" && message.includes("Signature expired")) ||
    transientNames.has(e.name) ||
    transientCodes.has(code || "") ||
    transientStatus.has(status || 0) ||
    (err instanceof TypeError && browserMessages.has(message)) ||
    (code === "ERR_HTTP2_STREAM_ERROR" && typeof message === "string" && message.includes("NGHTTP2_REFUSED_STREAM")) ||
    (e.cause !== undefined && depth <= 10 && isTransientError(e.cause, depth + 1))
  );
}

/** `isServerError`: a 5xx that is not transient. */
export function isServerError(err: unknown): boolean {
  const status = get(get(err, "$metadata"), "httpStatusCode");
  if (status === undefined) return false;
  return 500 <= status && status <= 599 && !isTransientError(err);
}

/** The retry middleware's `getRetryErrorType`: throttling -> transient -> server -> client. */
export function classifyError(err: unknown): ErrorClass {
  if (isThrottlingError(err)) return ErrorClass.Throttling;
  if (isTransientError(err)) return ErrorClass.Transient;
  if (isServerError(err)) return ErrorClass.ServerError;
  return ErrorClass.ClientError;
}
