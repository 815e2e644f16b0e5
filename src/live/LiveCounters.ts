/**
 * Counts of what a live run sent and got back, filled by client middleware (one count per
 * ATTEMPT, retries included), by the cache wrapper and by the session. Plain numbers and arrays:
 * cheap to update at thousands of requests per second, read by progress and the final result.
 *
 * Each KMS attempt is attributed to its request class (`requestClassTable`: operation and price
 * class) and to the quota pools that class draws from, exactly as the engine does, once
 * `attribute(scenario, keyArns)` has been called. Two clocks:
 * - totals (`kmsRequests`, per class, retries, cache) count what happens while `measuring()`:
 *   after the scenario's warm-up, not during client warm-up;
 * - per-second series count by the second of the RUN (from `startMs`, the schedule's time 0) the
 *   attempt was sent, every attempt of the drive, like the engine's pools; the result builder
 *   keeps the measured window's seconds.
 * Example: a call throttled twice then answered, sent at 1.2 s, 1.3 s and 1.5 s of the run, counts
 * 3 requests, 2 throttled and 2 retries, and 3 requests in second 1 of its pool.
 */
import { addClass, classIndex, requestClassTable, type RequestClassTable } from "../model/requestClasses.js";
import { keyLayout } from "../model/keyLayout.js";
import type { Scenario } from "../scenario/types.js";

/** Longest per-second series kept, seconds (1 day); later seconds are counted in totals only. */
export const MAX_SERIES_SEC = 86_400;

export interface AttemptCounts {
  requests: number;
  throttled: number;
}

/** What the middleware knows of one attempt besides its operation and outcome. */
export interface AttemptInfo {
  /** The command's input (KeyId, KeyPairSpec, ...). */
  input?: unknown;
  /** When the attempt was sent (this process's clock, ms). */
  sentMs?: number;
  /** 1 for the first try, 2 for the first retry, ... (the SDK's `amz-sdk-request` header). */
  attempt?: number;
}

/** Per request class: totals while measuring, and served attempts per second of the run. */
export interface ClassCounts extends AttemptCounts {
  servedPerSec: number[];
}

/** Per pool, per second of the run. */
export interface PoolSeries {
  requestsPerSec: number[];
  throttledPerSec: number[];
}

/** Per second of the run (`timeline` of the result). */
export interface LiveTimeline {
  appOps: number[];
  appFailed: number[];
  retries: number[];
  cacheLookups: number[];
  cacheMisses: number[];
}

/** One more at `sec` in a growing series. */
function bumpAt(series: number[], sec: number): void {
  if (sec < 0 || sec >= MAX_SERIES_SEC) return;
  while (series.length <= sec) series.push(0);
  series[sec]++;
}

export class LiveCounters {
  /** KMS attempts by operation name (GenerateDataKey, Decrypt, ...), from the KMS clients' middleware. */
  readonly kmsByOperation = new Map<string, AttemptCounts>();
  /** S3 attempts by command (PutObject, GetObject), from the S3 clients' middleware. */
  readonly s3ByOperation = new Map<string, AttemptCounts>();
  kmsRequests = 0;
  kmsThrottled = 0;
  /** KMS attempts after the first of their call (`amz-sdk-request: attempt=N`, N > 1): the timeline's retries. */
  kmsRetries = 0;
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
  /** Wall-clock ms of the schedule's time 0 (set when the drive starts); the series count from it. */
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
  /** Request classes and pools, once `attribute` was called; null before. */
  table: RequestClassTable | null = null;
  /** Per class of `table`. */
  readonly classes: ClassCounts[] = [];
  /** Per pool of `table`. */
  readonly pools: PoolSeries[] = [];
  readonly timeline: LiveTimeline = { appOps: [], appFailed: [], retries: [], cacheLookups: [], cacheMisses: [] };
  private scenario: Scenario | null = null;
  /** Custom key stores: store index of a key ARN (layout order). */
  private storeOfArn = new Map<string, number>();

  /** Attribute KMS attempts to the scenario's request classes and pools; `keyArns` in layout order. */
  attribute(scenario: Scenario, keyArns: readonly string[]): void {
    this.scenario = scenario;
    this.table = requestClassTable(scenario);
    const layout = keyLayout(scenario);
    this.storeOfArn = new Map(keyArns.map((arn, k) => [arn, layout.storeOf(k)] as const).reverse());
    this.grow();
  }

  /** Whether an event happening now is measured (not during client warm-up or the scenario's warm-up). */
  measuring(): boolean {
    return this.counting && (this.measureFromMs <= 0 || this.now() >= this.measureFromMs);
  }

  /** Second of the run of wall-clock `ms`, or -1 before the drive (or during client warm-up). */
  private runSecond(ms: number): number {
    if (this.startMs <= 0 || !this.counting) return -1;
    return Math.floor((ms - this.startMs) / 1000);
  }

  recordKmsAttempt(operation: string, throttled: boolean, info: AttemptInfo = {}): void {
    const measuring = this.measuring();
    const cls = this.classOf(operation, info.input);
    const sec = this.runSecond(info.sentMs ?? this.now());
    if (cls >= 0 && sec >= 0) {
      const t = this.table!;
      const input = info.input as { KeyId?: unknown } | undefined;
      const store = t.storeCount > 1 && typeof input?.KeyId === "string" ? (this.storeOfArn.get(input.KeyId) ?? 0) : 0;
      for (const p of t.classes[cls].poolsByStore[store]) {
        bumpAt(this.pools[p].requestsPerSec, sec);
        if (throttled) bumpAt(this.pools[p].throttledPerSec, sec);
      }
      if (!throttled) bumpAt(this.classes[cls].servedPerSec, sec);
    }
    if (!measuring) return;
    this.kmsRequests++;
    if (throttled) this.kmsThrottled++;
    bump(this.kmsByOperation, operation, throttled);
    if (cls >= 0) bump1(this.classes[cls], throttled);
    if ((info.attempt ?? 1) > 1) {
      this.kmsRetries++;
      if (sec >= 0) bumpAt(this.timeline.retries, sec);
    }
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

  /** One Encryption SDK cache lookup (the caching CMM's get*Material). */
  recordCacheLookup(): void {
    if (!this.measuring()) return;
    this.cacheLookups++;
    bumpAt(this.timeline.cacheLookups, this.runSecond(this.now()));
  }

  /** One cache miss (the CMM's del after a failed lookup); `stampede` when a miss for the entry was in flight. */
  recordCacheMiss(stampede: boolean): void {
    if (!this.measuring()) return;
    this.cacheMisses++;
    if (stampede) this.cacheStampedeMisses++;
    bumpAt(this.timeline.cacheMisses, this.runSecond(this.now()));
  }

  /** A measured application operation, scheduled at wall-clock `dueMs`, finished. */
  recordOperation(dueMs: number, failed: boolean): void {
    const sec = this.runSecond(dueMs);
    bumpAt(this.timeline.appOps, sec);
    if (failed) bumpAt(this.timeline.appFailed, sec);
  }

  /** The class of an attempt: from the table, appended when the mix did not announce it; -1 before `attribute`. */
  private classOf(operation: string, input: unknown): number {
    const t = this.table;
    if (t === null) return -1;
    const spec = operation.startsWith("GenerateDataKeyPair") ? (input as { KeyPairSpec?: unknown } | undefined)?.KeyPairSpec : null;
    const keyPairSpec = typeof spec === "string" ? spec : null;
    let i = classIndex(t, operation, keyPairSpec);
    if (i < 0) {
      i = addClass(t, this.scenario!, operation, keyPairSpec);
      this.grow();
    }
    return i;
  }

  /** Counters for classes and pools the table gained. */
  private grow(): void {
    const t = this.table!;
    while (this.classes.length < t.classes.length) this.classes.push({ requests: 0, throttled: 0, servedPerSec: [] });
    while (this.pools.length < t.pools.length) this.pools.push({ requestsPerSec: [], throttledPerSec: [] });
  }
}

function bump1(c: AttemptCounts, throttled: boolean): void {
  c.requests++;
  if (throttled) c.throttled++;
}

function bump(map: Map<string, AttemptCounts>, op: string, throttled: boolean): void {
  let c = map.get(op);
  if (c === undefined) map.set(op, (c = { requests: 0, throttled: 0 }));
  bump1(c, throttled);
}
