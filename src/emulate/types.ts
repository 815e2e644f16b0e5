/**
 * Public types of the local KMS-compatible endpoint (`kmsplan emulate`).
 */
import type { ThrottleSpec } from "../model/Throttle.js";
import type { LatencySpec, Quotas, Scenario } from "../scenario/types.js";

export interface EmulatorOptions {
  /** Quotas, throttle model, key spec/store/tier and Region come from here when given. */
  scenario?: Scenario;
  /** Overrides on top of the scenario's quotas (or the Region defaults when there is no scenario). */
  quotas?: Partial<Quotas>;
  /** Default: the scenario's `account.throttle`, else a token bucket of 1 s starting full. */
  throttle?: ThrottleSpec;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Only the loopback interface is allowed. Default "127.0.0.1". */
  host?: "127.0.0.1";
  /**
   * URL of a KMS-compatible endpoint (e.g. moto_server). Accepted KMS requests are forwarded to it
   * unchanged (host rewritten) and its answer streamed back. Default: the built-in responder.
   */
  upstream?: string;
  /** Injected service time of accepted requests (lognormal fitted to p50/p99); null/omitted = none. */
  latency?: LatencySpec | null;
  /** Injected time until a ThrottlingException is sent; null/omitted = immediately. */
  throttledLatency?: LatencySpec | null;
  /** Seed of the latency stream. Default: the scenario's seed, else 1. */
  seed?: number;
  /** Clock in milliseconds, used by the throttles. Default: `performance.now()`. */
  now?: () => number;
  /** Account id in ARNs. Default "111122223333". */
  accountId?: string;
  /** Region in ARNs and the default quotas. Default: the scenario's Region, else "us-east-1". */
  region?: string;
  /** Time to send a request's headers, ms. Default 10,000 (limits.ts). */
  headersTimeoutMs?: number;
  /** Time to send a whole request, ms. Default 30,000; at least `headersTimeoutMs`. */
  requestTimeoutMs?: number;
  /** Time an idle keep-alive connection stays open, ms. Default 65,000. */
  idleTimeoutMs?: number;
  /** Open connections at most; more are closed on accept. Default 4,096. */
  maxConnections?: number;
  /** Largest request body, bytes (413 above it). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Request-body bytes buffered at once across connections (503 above it). Default 64 MiB. */
  bodyBudgetBytes?: number;
}

export interface OperationStats {
  requests: number;
  throttled: number;
}

export interface PoolStats {
  pool: string;
  quotaPerSec: number;
  /** Requests that drew (or tried to draw) a token from this pool. */
  requests: number;
  /** Requests rejected because this pool had no token. */
  throttled: number;
}

export interface EmulatorStats {
  /** KMS requests received (every attempt, management operations included). */
  requests: number;
  /** KMS requests answered with ThrottlingException. */
  throttled: number;
  /** By KMS operation name; names that are no KMS operation share the key "(unknown)". */
  byOperation: Record<string, OperationStats>;
  pools: PoolStats[];
  /** Requests by SDK attempt number, from the `amz-sdk-request: attempt=N; max=M` header; numbers above 100 share the key ">100". */
  attempts: Record<string, number>;
  /**
   * Requests refused before they reached an operation: not `POST /` with the JSON 1.1 content type,
   * no X-Amz-Target, a body over the size limit or the body budget; and connections closed at the
   * connection cap.
   */
  rejected: Record<"notJson11" | "missingTarget" | "bodyTooLarge" | "bodyBudget" | "connectionCap", number>;
  /** HTTP connections open now. */
  openConnections: number;
  /**
   * How late the emulator's event loop ran since the last reset, ms (Node's monitorEventLoopDelay,
   * 10 ms resolution): how long any request may have waited on the emulator itself, client side excluded.
   */
  eventLoopDelayMs: { p99: number; max: number };
  /** Memory of the process the emulator runs in (`kmsplan emulate`, a spawned child, or a test's own process), bytes. */
  memory: { rssBytes: number; heapUsedBytes: number; maxRssBytes: number };
}

export interface RunningEmulator {
  /** e.g. "http://127.0.0.1:43121" */
  url: string;
  port: number;
  stats(): EmulatorStats;
  /** Zero the counters and refill every throttle (keys and aliases are kept). */
  reset(): void;
  /** Replace quotas (merged over the current ones); throttles restart full. */
  setQuotas(quotas: Partial<Quotas>): void;
  close(): Promise<void>;
}
