/**
 * Time bounds of every SDK client `live` and `cleanup` build, so that an endpoint that accepts
 * connections and never answers (or a black-holed address) cannot hang a run or a cleanup.
 *
 * Each HTTP attempt is bounded by `connectionMs` (TCP connect) and `requestMs` (from sending to the
 * response headers; then the same bound again on an idle body). The SDK retries a timed-out
 * attempt as transient, so one call is bounded by `attempts x requestMs` plus its backoff (full
 * jitter on a 50 ms base, doubling: under 1 s for three attempts, docs/reference.md §8): with the
 * defaults, about 31 s for a management call (`callBoundMs`).
 *
 * Worked example: `kmsplan cleanup` against a socket that never answers, defaults: the first call
 * (ListAliases) fails after 3 attempts x 10 s + backoff, about 31 s; cleanup then stops trying that
 * endpoint and exits 4. With `--request-timeout 1s`, about 4 s.
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { NodeHttpHandler } from "@smithy/node-http-handler";

/** TCP connect bound per attempt, ms. Default 3,000: loopback connects in under 1 ms, an AWS Region's endpoint in under 100 ms. */
export const CONNECTION_TIMEOUT_MS = 3_000;

/**
 * Bound on one attempt of a management call (STS, CreateKey, CreateAlias, CreateBucket, the
 * cleanup's calls, Service Quotas, CloudWatch), ms, from send to response headers. Default 10,000:
 * these calls answer in well under a second (docs/reference.md §5); `--request-timeout` overrides it.
 */
export const ADMIN_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Bound on one attempt of the measured drive's calls, ms. Default 30,000: far above any KMS or S3
 * service time (tens of ms, docs/reference.md §5), so it never cuts a measured request short; it
 * only ends attempts to an endpoint that stopped answering. At least `--request-timeout`.
 */
export const DRIVE_REQUEST_TIMEOUT_MS = 30_000;

/** Attempts per management call (the SDK's standard retries; default 3, the SDK's own default). */
export const ADMIN_MAX_ATTEMPTS = 3;

/** Upper bound on the backoff of `ADMIN_MAX_ATTEMPTS` attempts, ms (50 ms x 2 + 50 ms x 4, rounded well up). */
const ADMIN_BACKOFF_BOUND_MS = 1_000;

export interface ClientTimeouts {
  /** TCP connect bound per attempt, ms. */
  connectionMs: number;
  /** Response-headers (and idle body) bound per attempt, ms. */
  requestMs: number;
}

/** The management clients' timeouts, with `requestMs` overridden by the user (`--request-timeout`). */
export function adminTimeouts(requestMs: number = ADMIN_REQUEST_TIMEOUT_MS): ClientTimeouts {
  if (!(Number.isFinite(requestMs) && requestMs > 0)) throw new TypeError(`Expected requestMs to be a positive number, got ${requestMs}`);
  return { connectionMs: Math.min(CONNECTION_TIMEOUT_MS, requestMs), requestMs };
}

/** The drive clients' timeouts: never below the management bound. */
export function driveTimeouts(admin: ClientTimeouts): ClientTimeouts {
  return { connectionMs: admin.connectionMs, requestMs: Math.max(DRIVE_REQUEST_TIMEOUT_MS, admin.requestMs) };
}

/** Longest one management call can take, ms: attempts x requestMs + backoff. Example: defaults -> 31,000. */
export function callBoundMs(t: ClientTimeouts, attempts: number = ADMIN_MAX_ATTEMPTS): number {
  return attempts * Math.max(t.requestMs, t.connectionMs) + ADMIN_BACKOFF_BOUND_MS;
}

/** A keep-alive request handler bounded by `t`, with at most `maxSockets` sockets per agent. */
export function boundedHandler(t: ClientTimeouts, maxSockets = 50): NodeHttpHandler {
  return new NodeHttpHandler({
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
    connectionTimeout: t.connectionMs,
    requestTimeout: t.requestMs,
    // Without it, @smithy/node-http-handler 4.x only logs a warning when requestTimeout passes.
    throwOnRequestTimeout: true,
    socketTimeout: t.requestMs,
  });
}

/** Client options shared by every management client: bounded handler and attempts. */
export function adminClientConfig(t: ClientTimeouts): { requestHandler: NodeHttpHandler; maxAttempts: number } {
  return { requestHandler: boundedHandler(t), maxAttempts: ADMIN_MAX_ATTEMPTS };
}
