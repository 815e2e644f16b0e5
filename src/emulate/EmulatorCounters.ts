/**
 * Request counters of a running emulator: totals, per operation, and per SDK attempt number read
 * from the `amz-sdk-request: attempt=N; max=M` header that the AWS SDKs send with every attempt.
 * Example: one call throttled twice then accepted -> attempts {"1": 1, "2": 1, "3": 1}.
 */
import type { EmulatorStats, OperationStats, PoolStats } from "./types.js";

export class EmulatorCounters {
  requests = 0;
  throttled = 0;
  private byOperation = new Map<string, OperationStats>();
  private attempts = new Map<string, number>();

  /** Count one KMS request; returns its per-operation counter so the caller can mark it throttled. */
  record(op: string, sdkRequestHeader: string | undefined): OperationStats {
    this.requests++;
    let s = this.byOperation.get(op);
    if (s === undefined) {
      s = { requests: 0, throttled: 0 };
      this.byOperation.set(op, s);
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

  reset(): void {
    this.requests = 0;
    this.throttled = 0;
    this.byOperation = new Map();
    this.attempts = new Map();
  }

  snapshot(pools: PoolStats[]): EmulatorStats {
    return {
      requests: this.requests,
      throttled: this.throttled,
      byOperation: Object.fromEntries([...this.byOperation].map(([op, s]) => [op, { ...s }])),
      pools,
      attempts: Object.fromEntries([...this.attempts].sort((a, b) => Number(a[0]) - Number(b[0]))),
    };
  }
}

/** "attempt=2; max=3" -> "2"; null when absent or malformed. */
export function attemptOf(header: string): string | null {
  const m = /attempt=(\d+)/.exec(header);
  return m ? m[1] : null;
}
