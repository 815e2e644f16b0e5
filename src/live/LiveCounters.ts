/**
 * Counts of what a live run sent and got back, filled by client middleware (one count per
 * ATTEMPT, retries included) and by the operation runners. Plain numbers and maps: cheap to
 * update at thousands of requests per second, read by progress and the final result.
 */

/** Longest per-second series kept, seconds (1 day); later seconds are counted in totals only. */
export const MAX_SERIES_SEC = 86_400;

export interface AttemptCounts {
  requests: number;
  throttled: number;
}

export class LiveCounters {
  /** KMS attempts by operation name (GenerateDataKey, Decrypt, ...), from the KMS clients' middleware. */
  readonly kmsByOperation = new Map<string, AttemptCounts>();
  /** S3 attempts by command (PutObject, GetObject), from the S3 clients' middleware. */
  readonly s3ByOperation = new Map<string, AttemptCounts>();
  kmsRequests = 0;
  kmsThrottled = 0;
  s3Requests = 0;
  s3Throttled = 0;
  /** Error names of failed attempts (any service), e.g. ThrottlingException, SlowDown. */
  readonly attemptErrors = new Map<string, number>();
  /** KMS calls (commands) completed, from the initialize-step observer. */
  kmsCalls = 0;
  /** Sum of `$metadata.attempts` over KMS and S3 calls. */
  callAttempts = 0;
  /** Sum of `$metadata.totalRetryDelay` (backoff only, not adaptive-limiter waits), ms. */
  retryDelayMs = 0;
  /** Calls that failed with a retryable (throttling/transient) error after exactly 1 attempt: retry budget spent (or retries off). */
  failedAfterOneAttempt = 0;
  /** Per-second KMS attempts and throttles since `startMs` (set when the drive starts). */
  readonly kmsPerSec: number[] = [];
  readonly throttledPerSec: number[] = [];
  startMs = 0;
  /** Wall-clock ms from which attempts count (start + scenario warm-up); earlier ones are ignored, like simulate. */
  measureFromMs = 0;
  now: () => number = () => performance.timeOrigin + performance.now();
  /** Encryption SDK cache lookups and misses (from the wrapped local cache, see InstanceClients). */
  cacheLookups = 0;
  cacheMisses = 0;
  /** Misses while another miss for the same cache entry was still fetching from KMS. */
  cacheStampedeMisses = 0;
  /** False while warming up clients: those calls are not measured. */
  counting = true;

  /** Whether an event happening now is measured (not during client warm-up or the scenario's warm-up). */
  measuring(): boolean {
    return this.counting && (this.measureFromMs <= 0 || this.now() >= this.measureFromMs);
  }

  recordKmsAttempt(operation: string, throttled: boolean): void {
    if (!this.measuring()) return;
    this.kmsRequests++;
    if (throttled) this.kmsThrottled++;
    bump(this.kmsByOperation, operation, throttled);
    if (this.startMs <= 0) return; // the series starts with the drive
    const sec = Math.max(0, Math.floor((this.now() - Math.max(this.startMs, this.measureFromMs)) / 1000));
    if (sec >= MAX_SERIES_SEC) return;
    while (this.kmsPerSec.length <= sec) {
      this.kmsPerSec.push(0);
      this.throttledPerSec.push(0);
    }
    this.kmsPerSec[sec]++;
    if (throttled) this.throttledPerSec[sec]++;
  }

  recordS3Attempt(operation: string, throttled: boolean): void {
    if (!this.measuring()) return;
    this.s3Requests++;
    if (throttled) this.s3Throttled++;
    bump(this.s3ByOperation, operation, throttled);
  }

  recordCall(service: "kms" | "s3", attempts: number, retryDelayMs: number, failedRetryableAfterOne: boolean): void {
    if (!this.measuring()) return;
    if (service === "kms") this.kmsCalls++;
    this.callAttempts += attempts;
    this.retryDelayMs += retryDelayMs;
    if (failedRetryableAfterOne) this.failedAfterOneAttempt++;
  }

  recordAttemptError(name: string): void {
    if (!this.measuring()) return;
    this.attemptErrors.set(name, (this.attemptErrors.get(name) ?? 0) + 1);
  }
}

function bump(map: Map<string, AttemptCounts>, op: string, throttled: boolean): void {
  let c = map.get(op);
  if (c === undefined) map.set(op, (c = { requests: 0, throttled: 0 }));
  c.requests++;
  if (throttled) c.throttled++;
}
