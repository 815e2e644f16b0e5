/**
 * One live run after the guardrails passed: owns the clients, the counters and the order of
 * phases (provision, prime, drive, drain, isolation check, account metrics, cleanup, result).
 * `run()` never throws for a run that went wrong: the result says complete: false and why.
 */
import { KMS } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { randomBytes } from "node:crypto";
import type { Scenario } from "../scenario/types.js";
import { symmetricQuota, usageCallCount } from "./accountMetrics.js";
import { runArrivalLoop, type DueArrival } from "./ArrivalLoop.js";
import { buildLiveResult, type LiveRunResult } from "./buildLiveResult.js";
import { CiphertextPool } from "./CiphertextPool.js";
import { cleanupManifest } from "./cleanup.js";
import { createKmsClient, createS3Client, DEFAULT_MAX_SOCKETS, errorName, type ClientSettings } from "./clients.js";
import type { ResolvedEndpoints } from "./endpoints.js";
import { sdkVersions } from "./environment.js";
import { InstanceClients, warmUpClients, type CacheOutcome } from "./InstanceClients.js";
import { isolationCheck } from "./isolation.js";
import { LiveCounters } from "./LiveCounters.js";
import { LiveRecorder } from "./LiveRecorder.js";
import type { Manifest } from "./Manifest.js";
import { runOperation, type OpContext } from "./operations.js";
import { primeReads } from "./prime.js";
import { budgetStopReason, progressSnapshot } from "./progress.js";
import { runHttpDrive } from "./httpDrive.js";
import { fatalFailure, oneLine } from "./failures.js";
import { adminClientConfig, driveTimeouts, type ClientTimeouts } from "./timeouts.js";
import { provision } from "./provision.js";
import type { KeySlot } from "./liveScenario.js";
import type { CleanupReport, LiveInfo, LiveOptions, LivePlan } from "./types.js";
import { writeJsonAtomic } from "./writeAtomic.js";

/** Loop housekeeping period (budget checks), ms. */
const TICK_MS = 100;
/** Partial result and manifest rewrite period during the drive, ms. */
const CHECKPOINT_MS = 5000;
/** How long to wait for in-flight operations after the last arrival (or an abort), ms. */
const DRAIN_TIMEOUT_MS = 30_000;
/** Gap between the end of priming and arrival 0, ms. */
const START_DELAY_MS = 20;

export interface SessionConfig {
  opts: LiveOptions;
  scenario: Scenario;
  runId: string;
  endpoints: ResolvedEndpoints;
  now: () => number;
  manifest: Manifest;
  file: string;
  accountId: string | null;
  slots: KeySlot[];
  keyIndexFor: (tenant: number, resource: number) => number;
  maxInFlight: number;
  plan: LivePlan;
  /** Per-attempt bounds of the management clients. */
  timeouts: ClientTimeouts;
  /** Where the credentials came from, in words. */
  credentialSource: string;
}

export class LiveSession {
  private readonly counters = new LiveCounters();
  private readonly recorder = new LiveRecorder();
  private readonly warnings: string[] = [];
  private stopReason: string | null = null;
  private complete = false;
  private notStarted = 0;
  private startMs = 0;
  private endMs = 0;
  /** Ms of the run at which the arrival loop ended early (abort, budget), or null: the whole schedule ran. */
  private stoppedAtRunMs: number | null = null;
  private primes = 0;
  private keyCount = 0;
  private quota: LiveInfo["quota"] = { status: "unavailable", reason: "not read" };
  private cloudWatch: LiveInfo["cloudWatch"] = { status: "unavailable", reason: "not read" };
  private isolation: LiveInfo["isolation"] = { status: "skipped", checks: [] };
  private cleanup: CleanupReport | null = null;
  private http: LiveInfo["http"];
  private readonly versions = sdkVersions();

  constructor(private readonly c: SessionConfig) {
    this.counters.now = c.now;
    this.warnings.push(...c.plan.notes);
  }

  async run(): Promise<LiveRunResult> {
    const { opts, scenario, endpoints: ep } = this.c;
    const settings: ClientSettings = {
      region: ep.region,
      kmsEndpoint: ep.kms,
      s3Endpoint: ep.s3,
      credentials: opts.credentials,
      maxSockets: opts.maxSockets ?? DEFAULT_MAX_SOCKETS,
      timeouts: driveTimeouts(this.c.timeouts),
    };
    const admin = this.adminClients(settings);
    const instances: InstanceClients[] = [];
    try {
      const p = await provision({
        kms: admin.kms,
        s3: admin.s3,
        scenario,
        runId: this.c.runId,
        slots: this.c.slots,
        needsBucket: this.c.plan.bucket !== null,
        region: ep.region,
        existing: opts.useExisting,
        manifest: this.c.manifest,
        signal: opts.signal,
        onStep: opts.onProvisionStep,
      });
      this.keyCount = this.c.manifest.data.keyArns.length || p.keyArns.length;
      this.counters.attribute(scenario, p.keyArns);
      for (let i = 0; i < scenario.clients.instances; i++) {
        instances.push(
          new InstanceClients(createKmsClient(settings, scenario, this.counters), createS3Client(settings, scenario, this.counters), scenario, p.keyArns, this.counters),
        );
      }
      const payloadBytes = randomBytes(64 * 1024);
      const ctx: OpContext = {
        scenario,
        runId: this.c.runId,
        bucket: p.bucket,
        keyIndexFor: this.c.keyIndexFor,
        messages: new CiphertextPool(16, this.c.now),
        objects: new CiphertextPool(16, this.c.now),
        directCiphertexts: new CiphertextPool(16, this.c.now),
        onObject: (k) => this.c.manifest.addObject(k),
        payload: (n) => (n <= payloadBytes.length ? payloadBytes.subarray(0, n) : Buffer.alloc(n, 7)),
      };
      this.primes = opts.driver === "http" ? 0 : await primeReads(ctx, scenario, admin.kms, admin.s3, p.keyArns);
      if (this.primes > 0) this.warnings.push(`${this.primes} message(s)/object(s) written before the drive for tenants that read (not measured)`);
      this.c.manifest.flush();
      await warmUpClients(instances, p.keyArns[0], p.bucket, this.counters);
      if (opts.signal?.aborted) this.stopReason = "aborted";
      else if (opts.driver === "http") await this.driveHttp(ctx, instances);
      else await this.drive(ctx, instances);
      this.c.manifest.flush();
      if (p.keyArns.length > 0) this.isolation = await isolationCheck(admin.kms, p.keyArns[0]);
      if (!opts.skipAccountMetrics) await this.readAccountMetrics(settings);
    } catch (err) {
      this.complete = false;
      const fatal = fatalFailure(err, ep.kms, this.c.credentialSource);
      this.stopReason ??= fatal ? fatal.message : `error: ${oneLine(err)}`;
    } finally {
      try {
        this.c.manifest.flush();
        this.cleanup = await cleanupManifest(this.c.manifest, admin, { credentialSource: this.c.credentialSource, endpoints: { kms: ep.kms, s3: ep.s3 } });
        if (!this.c.manifest.data.cleanedUp) {
          const what = [...this.cleanup.errors.slice(0, 1), ...this.cleanup.leftovers.slice(0, 3)].join("; ");
          this.warnings.push(`cleanup incomplete (${what}); rerun: kmsplan cleanup ${this.c.manifest.file}`);
        }
      } catch (err) {
        this.warnings.push(`cleanup failed: ${oneLine(err)}; rerun: kmsplan cleanup ${this.c.manifest.file}`);
      }
      for (const i of instances) i.destroy();
      admin.kms.destroy();
      admin.s3.destroy();
    }
    const result = this.result();
    writeJsonAtomic(this.c.file, result);
    return result;
  }

  /** Uncounted clients for provisioning, priming, the isolation check and cleanup: bounded in time (timeouts.ts). */
  private adminClients(s: ClientSettings): { kms: KMS; s3: S3Client } {
    const common = () => ({ region: s.region, ...adminClientConfig(this.c.timeouts), ...(s.credentials ? { credentials: s.credentials } : {}) });
    return {
      kms: new KMS({ ...common(), ...(s.kmsEndpoint ? { endpoint: s.kmsEndpoint } : {}) }),
      s3: new S3Client({ ...common(), ...(s.s3Endpoint ? { endpoint: s.s3Endpoint, forcePathStyle: true } : {}) }),
    };
  }

  private async drive(ctx: OpContext, instances: InstanceClients[]): Promise<void> {
    const { opts, scenario, now } = this.c;
    const mix = scenario.traffic.mix;
    this.startMs = now() + START_DELAY_MS;
    this.counters.startMs = this.startMs;
    this.counters.measureFromMs = this.startMs + scenario.warmupMs;
    const progressEveryMs = opts.progressEveryMs ?? 1000;
    let lastProgress = this.startMs;
    let lastStarted = 0;
    let lastCheckpoint = this.startMs;
    const start = async (a: DueArrival, lagMs: number): Promise<void> => {
      const measured = a.dueMs - this.startMs >= scenario.warmupMs;
      this.recorder.recordStart(lagMs, measured);
      const sentMs = now();
      const m = mix[a.opIndex];
      let err: string | null = null;
      let cache: CacheOutcome | null = null;
      try {
        cache = await runOperation(ctx, instances[a.instance], m, a);
      } catch (e) {
        err = errorName(e);
      }
      this.recorder.recordDone(m.label, a.dueMs, sentMs, now(), err, measured, cache);
      if (measured) this.counters.recordOperation(a.dueMs, err !== null);
    };
    const tick = (): string | null => {
      const t = now();
      const stop = budgetStopReason(opts, this.counters);
      if (stop !== null) return stop;
      if (t - lastProgress >= progressEveryMs) {
        const w = { nowMs: t, startMs: this.startMs, durationMs: scenario.durationMs, lastMs: lastProgress, lastStarted };
        opts.onProgress?.(progressSnapshot(w, this.recorder, this.counters));
        lastProgress = t;
        lastStarted = this.recorder.started;
      }
      if (t - lastCheckpoint >= CHECKPOINT_MS) {
        lastCheckpoint = t;
        this.c.manifest.flush();
        this.endMs = t;
        writeJsonAtomic(this.c.file, this.result("in progress"));
      }
      return null;
    };
    const loop = await runArrivalLoop({
      scenario,
      startMs: this.startMs,
      now,
      maxInFlight: this.c.maxInFlight,
      start,
      drop: (a) => this.recorder.recordDrop(mix[a.opIndex].label),
      tick,
      tickMs: TICK_MS,
      signal: opts.signal,
    });
    this.recorder.planned = loop.planned;
    this.notStarted = loop.notStarted;
    this.stopReason = loop.stopReason;
    if (loop.stopReason !== null) this.stoppedAtRunMs = now() - this.startMs;
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.all(loop.inFlight).then(() => true),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), DRAIN_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (!drained) this.warnings.push(`${loop.inFlight.size} operation(s) still in flight ${DRAIN_TIMEOUT_MS} ms after the last arrival`);
    this.endMs = now();
    this.complete = this.stopReason === null && drained;
    if (this.recorder.dropped > 0) this.warnings.push(`${this.recorder.dropped} arrival(s) dropped: ${this.c.maxInFlight} operations already in flight`);
  }

  private async driveHttp(ctx: OpContext, instances: InstanceClients[]): Promise<void> {
    const { now, opts, scenario } = this.c;
    this.startMs = now();
    this.counters.startMs = this.startMs;
    this.counters.measureFromMs = this.startMs + scenario.warmupMs;
    this.http = await runHttpDrive(ctx, instances, {
      signal: opts.signal,
      onMeasureStart: () => (this.counters.measureFromMs = now()),
      record: (r) => {
        this.recorder.recordStart(0, false);
        this.recorder.recordDone(r.label, r.startMs, r.startMs, r.doneMs, r.error, r.measured ?? true);
      },
    });
    this.endMs = now();
    // The measured window starts where the service's warm-up ended.
    this.startMs = this.counters.measureFromMs - scenario.warmupMs;
    this.stopReason = opts.signal?.aborted ? "aborted" : null;
    this.complete = this.stopReason === null;
    const notSent = Object.entries(this.http.notSent);
    if (notSent.length) this.warnings.push(`http driver: not sent (no route in the tenant service): ${notSent.map(([l, n]) => `${n} ${l}`).join(", ")}`);
  }

  private async readAccountMetrics(s: ClientSettings): Promise<void> {
    const a = { region: s.region, endpoint: s.kmsEndpoint, credentials: s.credentials, timeouts: this.c.timeouts };
    this.quota = await symmetricQuota(a);
    const delay = this.c.opts.cloudWatchDelayMs ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    this.cloudWatch = await usageCallCount(a, this.startMs, this.endMs || this.c.now());
  }

  /**
   * The measured window, ms of the run: from the end of the scenario's warm-up (the http driver
   * has none) to the end of the schedule, or to where the drive stopped or has got to.
   */
  private measuredWindow(endMs: number, inProgress: boolean): { fromMs: number; toMs: number } {
    const { scenario, opts } = this.c;
    const fromMs = opts.driver === "http" ? 0 : scenario.warmupMs;
    if (this.startMs <= 0) return { fromMs, toMs: fromMs };
    const reachedMs = inProgress || this.stopReason !== null ? (this.stoppedAtRunMs ?? endMs - this.startMs) : scenario.durationMs;
    return { fromMs, toMs: Math.max(fromMs, Math.min(scenario.durationMs, reachedMs)) };
  }

  private result(inProgress?: string): LiveRunResult {
    const { opts, scenario, endpoints: ep } = this.c;
    const endMs = this.endMs || this.c.now();
    return buildLiveResult({
      scenario,
      recorder: this.recorder,
      counters: this.counters,
      window: this.measuredWindow(endMs, inProgress !== undefined),
      keyCount: this.keyCount,
      notStarted: this.notStarted,
      warnings: [...this.warnings],
      live: {
        runId: this.c.runId,
        complete: inProgress ? false : this.complete,
        stopReason: inProgress ?? (this.complete ? null : (this.stopReason ?? "incomplete")),
        driver: opts.driver ?? "sdk",
        environment: {
          kmsEndpoint: ep.kms,
          s3Endpoint: ep.s3,
          region: ep.region,
          accountId: this.c.accountId,
          sdkVersions: this.versions,
          node: process.version,
        },
        window: {
          startIso: new Date(this.startMs || endMs).toISOString(),
          endIso: new Date(endMs).toISOString(),
        },
        decryptPrimes: this.primes,
        tenants: scenario.tenants.count,
        scale: opts.scale ?? 1,
        manifest: this.c.manifest.file,
        quota: this.quota,
        cloudWatch: this.cloudWatch,
        isolation: this.isolation,
        cleanup: this.cleanup,
        ...(this.http ? { http: this.http } : {}),
      },
    });
  }
}
