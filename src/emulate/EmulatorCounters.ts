/**
 * Request counters of a running emulator: totals, per operation, per SDK attempt number read
 * from the `amz-sdk-request: attempt=N; max=M` header that the AWS SDKs send with every attempt,
 * and requests refused before they reached an operation.
 * Example: one call throttled twice then accepted -> attempts {"1": 1, "2": 1, "3": 1}.
 *
 * Every map here has a bounded key set, whatever clients send: operations are KMS's own names
 * plus one bucket for every name that is not one (`UNKNOWN_OPERATION`), attempt numbers above
 * `MAX_COUNTED_ATTEMPT` share one bucket, and refusals have fixed reasons.
 */
import type { IntervalHistogram } from "node:perf_hooks";
import { MAX_COUNTED_ATTEMPT } from "./limits.js";
import type { RejectReason } from "./protocol.js";
import type { EmulatorStats, OperationStats, PoolStats } from "./types.js";

/** The `byOperation` bucket of every X-Amz-Target that names no KMS operation. */
export const UNKNOWN_OPERATION = "(unknown)";

/** The `attempts` bucket of attempt numbers above MAX_COUNTED_ATTEMPT. */
export const HIGH_ATTEMPTS = `>${MAX_COUNTED_ATTEMPT}`;

/** Refusals counted in `rejected`: the protocol's, and connections closed at the connection cap. */
export type RejectCounter = RejectReason | "connectionCap";

const noRejections = (): Record<RejectCounter, number> => ({ notJson11: 0, missingTarget: 0, bodyTooLarge: 0, bodyBudget: 0, connectionCap: 0 });

export class EmulatorCounters {
  requests = 0;
  throttled = 0;
  private byOperation = new Map<string, OperationStats>();
  private attempts = new Map<string, number>();
  private rejected = noRejections();

  /** Count one KMS request (`op` null: it named no KMS operation); returns its per-operation counter so the caller can mark it throttled. */
  record(op: string | null, sdkRequestHeader: string | undefined): OperationStats {
    this.requests++;
    const name = op ?? UNKNOWN_OPERATION;
    let s = this.byOperation.get(name);
    if (s === undefined) {
      s = { requests: 0, throttled: 0 };
      this.byOperation.set(name, s);
    }
    s.requests++;
    if (sdkRequestHeader !== undefined) {
      const attempt = attemptOf(sdkRequestHeader);
      if (attempt !== null) this.attempts.set(attempt, (this.attempts.get(attempt) ?? 0) + 1);
    }
    return s;
  }

  markThrottled(s: OperationStats): void {
    this.throttled++;
    s.throttled++;
  }

  reject(reason: RejectCounter): void {
    this.rejected[reason]++;
  }

  reset(): void {
    this.requests = 0;
    this.throttled = 0;
    this.byOperation = new Map();
    this.attempts = new Map();
    this.rejected = noRejections();
  }

  /** The counters, with what the server and process report now: open connections, the event loop's delay since the last reset (ms), memory. */
  snapshot(pools: PoolStats[], openConnections: number, eventLoop: IntervalHistogram | null = null): EmulatorStats {
    const memory = process.memoryUsage();
    const ms = (ns: number): number => (Number.isFinite(ns) && eventLoop !== null && eventLoop.count > 0 ? Math.round(ns / 1e4) / 100 : 0);
    return {
      requests: this.requests,
      throttled: this.throttled,
      byOperation: Object.fromEntries([...this.byOperation].map(([op, s]) => [op, { ...s }])),
      pools,
      attempts: Object.fromEntries([...this.attempts].sort((a, b) => attemptOrder(a[0]) - attemptOrder(b[0]))),
      rejected: { ...this.rejected },
      openConnections,
      eventLoopDelayMs: { p99: ms(eventLoop?.percentile(99) ?? 0), max: ms(eventLoop?.max ?? 0) },
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, maxRssBytes: process.resourceUsage().maxRSS * 1024 },
    };
  }
}

const attemptOrder = (key: string): number => (key === HIGH_ATTEMPTS ? Infinity : Number(key));

/** "attempt=2; max=3" -> "2"; "attempt=500" -> ">100"; null when absent or malformed. */
export function attemptOf(header: string): string | null {
  const m = /attempt=(\d{1,10})(?!\d)/.exec(header);
  if (!m) return null;
  const n = Number(m[1]);
  return n > MAX_COUNTED_ATTEMPT ? HIGH_ATTEMPTS : String(n);
}
