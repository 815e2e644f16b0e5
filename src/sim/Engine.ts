/**
 * The discrete-event engine behind `simulate`. Virtual time in milliseconds; arrivals come from the
 * shared `Schedule`; every KMS attempt meets the account's quota pools (`PoolSet`, the same Throttle
 * code the emulator enforces); every caller has its SDK clients' retry state (`ClientRetryModel`),
 * and, when configured, an Encryption SDK cache and S3 Bucket Keys.
 *
 * Timeline of one attempt (all per scenario `latency`):
 *   start s (first try, or after backoff) -> client-side rate limiter wait (adaptive mode only)
 *   -> + client overhead -> arrives at the service: token check on every pool it draws from
 *   -> + service time (kms or s3) on success, or + `throttled` time for a ThrottlingException / 503
 *   -> response: success ends the call; a throttle asks the retry model for a backoff or gives up.
 * An application operation's latency runs from its scheduled arrival to the end of its last call.
 *
 * Hot path: ops live in struct-of-arrays slots recycled through a free list; events are
 * (time, slot*4 + type) pairs in a typed-array heap; nothing is allocated per event.
 */
import type { MixEntry, Scenario } from "../scenario/types.js";
import { ErrorClass, type ClientRetryModel } from "../model/retry/types.js";
import { createRetryModel } from "../model/retry/index.js";
import type { DataKeyCacheModel } from "../model/cache/types.js";
import { createCacheModel } from "../model/cache/index.js";
import { latencySampler, LognormalLatency } from "../model/latency.js";
import { BucketKeys, BucketKeySide } from "../model/BucketKeys.js";
import { CLASS_DECRYPT, CLASS_ENCRYPT, CLASS_GENERATE_DATA_KEY } from "../model/requestClasses.js";
import { LatencyRecorder } from "../metrics/LatencyRecorder.js";
import { EventQueue } from "./EventQueue.js";
import { PoolSet } from "./PoolSet.js";
import { Random } from "../plan/Random.js";
import { Schedule } from "../plan/Schedule.js";
import { readAgeMs } from "../plan/readAge.js";
import { OpSlots } from "./OpSlots.js";
import { WaitQueues } from "./WaitQueues.js";
import { CacheStore, compileTables, Kind, NO_POOL, RequesterMode, type EngineTables } from "./compileTables.js";

export { Kind } from "./compileTables.js";

const EV_SEND = 0; // attempt reaches the service
const EV_RESPONSE = 1; // response reaches the caller
const EV_RETRY = 2; // backoff over: start the next attempt

/** Per second of the run (index = floor(ms / 1000), later events in the last entry). */
export interface EngineTimeline {
  /** Measured operations by the second they arrived, and those of them that failed. */
  appOps: Int32Array;
  appFailed: Int32Array;
  /** Retry attempts of measured operations, by the second they reached the service. */
  retries: Int32Array;
  /** Cache hits and misses of measured operations, by the second of the lookup. */
  cacheHits: Int32Array;
  cacheMisses: Int32Array;
}

/** Counters the engine fills; `buildResult` hands them to the result builder. */
export interface EngineCounters {
  /** Per mix entry. */
  ops: Float64Array;
  succeeded: Float64Array;
  failed: Float64Array;
  /** Latency of every completed operation (failed ones included, as `live` records it), per mix entry. */
  latency: LatencyRecorder[];
  /** Per KMS operation code (request class, `compileTables`). */
  kmsRequests: Float64Array;
  kmsThrottled: Float64Array;
  kmsOpNames: string[];
  /** Per KMS op code: its price class (`priceClassFor`). */
  kmsOpPriceClass: string[];
  /** Served (admitted) KMS attempts of any operation, per code and second: [code * seconds + second]. */
  servedPerSec: Int32Array;
  /** Length of each code's row in `servedPerSec` (and of the pools' and timeline's series). */
  seconds: number;
  retries: number;
  budgetExhausted: number;
  byS3: number;
  bucketKeyCalls: number;
  objectKeyCalls: number;
  cacheHits: number;
  cacheMisses: number;
  stampedeMisses: number;
  /** Per-second series for `--series`, or null when not asked for. */
  timeline: EngineTimeline | null;
  /** Simulated time at which the last in-flight operation finished. */
  endMs: number;
  events: number;
}

export interface EngineOptions {
  /** Keep the per-second timeline (`counters.timeline`). Default false. */
  timeline?: boolean;
}

export class Engine {
  readonly counters: EngineCounters;
  readonly pools: PoolSet;
  private readonly s: Scenario;
  private readonly mix: MixEntry[];
  private readonly t: EngineTables;
  private readonly kinds: Int32Array;
  private readonly queue = new EventQueue(4096);
  private readonly ops = new OpSlots(1024);
  private readonly kmsClients: ClientRetryModel[] = [];
  /** Adaptive mode: operations waiting for a limiter token, per client (instance * 2 + viaS3). */
  private readonly waiters: WaitQueues | null;
  private readonly s3Clients: ClientRetryModel[] = [];
  private readonly cache: DataKeyCacheModel | null;
  private readonly bucketKeys: BucketKeys | null;
  private readonly kmsLatency: LognormalLatency;
  private readonly s3Latency: LognormalLatency;
  private readonly throttledLatency: LognormalLatency;
  private readonly clientLatency: LognormalLatency;
  private readonly hasClientLatency: boolean;
  /** Per mix entry: local processing time of the operation (`latency.operations`), or null. */
  private readonly opLatency: ({ sample(rng: Random): number } | null)[];
  private readonly opLatencyRng: Random;
  /** Adaptive mode: which waiter gets a granted limiter token. */
  private readonly waiterRng: Random;
  private readonly latencyRng: Random;
  private readonly jitterRng: Random;
  private readonly modelRng: Random;
  private readonly warmupMs: number;
  private readonly awsOwned: boolean;
  /** Last index of the per-second counters. */
  private readonly lastSec: number;

  /**
   * `replicate` (default 0) salts the engine's own random streams - service times, backoff jitter,
   * limiter waiters, model draws - and never the arrivals (`Schedule`): replicates are independent
   * runs of the same workload. Replicate 0 draws exactly what an unsalted engine draws.
   */
  constructor(scenario: Scenario, replicate = 0, options: EngineOptions = {}) {
    if (!(Number.isInteger(replicate) && replicate >= 0)) throw new TypeError(`Expected replicate to be a non-negative integer, got ${replicate}`);
    this.s = scenario;
    const salt = replicate === 0 ? "" : `#${replicate}`;
    this.mix = scenario.traffic.mix;
    const t = (this.t = compileTables(scenario));
    this.kinds = t.kinds;
    // Per-second counters: one per second of the run, and one more for what happens after its end.
    const seconds = Math.ceil(scenario.durationMs / 1000) + 1;
    this.lastSec = seconds - 1;
    this.pools = new PoolSet(scenario, t.requests.pools, seconds);
    this.warmupMs = scenario.warmupMs;
    this.awsOwned = scenario.keys.tier === "aws-owned";

    const r = scenario.clients.retry;
    for (let i = 0; i < scenario.clients.instances; i++) {
      this.kmsClients.push(createRetryModel(r.mode, r.maxAttempts, r.profile));
      this.s3Clients.push(createRetryModel(r.mode, r.maxAttempts, r.profile));
    }
    this.waiters = r.mode === "adaptive" ? new WaitQueues(scenario.clients.instances * 2) : null;

    this.latencyRng = Random.stream(scenario.seed, "latency" + salt);
    this.jitterRng = Random.stream(scenario.seed, "jitter" + salt);
    this.modelRng = Random.stream(scenario.seed, "model" + salt);
    // Own streams: scenarios without `latency.operations` or adaptive retries draw exactly the numbers they drew before.
    this.opLatencyRng = Random.stream(scenario.seed, "operation-latency" + salt);
    this.waiterRng = Random.stream(scenario.seed, "limiter-waiters" + salt);
    this.kmsLatency = new LognormalLatency(scenario.latency.kms);
    this.s3Latency = new LognormalLatency(scenario.latency.s3);
    this.throttledLatency = new LognormalLatency(scenario.latency.throttled);
    this.clientLatency = new LognormalLatency(scenario.latency.client);
    this.hasClientLatency = scenario.latency.client.p99Ms > 0;
    const perOp = scenario.latency.operations ?? {};
    this.opLatency = this.mix.map((m) => (perOp[m.label] && perOp[m.label].p99Ms > 0 ? latencySampler(perOp[m.label]) : null));

    this.cache = scenario.cache
      ? createCacheModel(scenario.cache, scenario.clients.instances, scenario.tenants.count * t.entriesPerTenant, scenario.seed, {
          routing: scenario.clients.routing,
        })
      : null;
    const usesS3 = this.mix.some((m) => m.op === "s3-put" || m.op === "s3-get");
    this.bucketKeys =
      usesS3 && scenario.s3.bucketKeys
        ? new BucketKeys(scenario.s3.buckets, t.addressableKeys, t.requesterCount, scenario.s3.bucketKeyLifetimeMs)
        : null;
    this.counters = newCounters(this.mix, t, seconds, options.timeline === true);
  }

  private sched: Schedule | null = null;
  private more = false;

  /** Run to the end of the scenario and drain every operation still in flight. */
  run(): void {
    this.advance(Infinity);
  }

  /**
   * Process every event up to simulated time `untilMs` (inclusive); returns true when the run is
   * over (no arrivals left and nothing in flight). Lets callers report progress on long runs.
   */
  advance(untilMs: number): boolean {
    if (this.sched === null) {
      this.sched = new Schedule(this.s);
      this.more = this.sched.next();
    }
    const sched = this.sched;
    const q = this.queue;
    let more = this.more;
    let events = 0;
    for (;;) {
      const tq = q.peekTime();
      if (more && sched.timeMs <= tq) {
        if (sched.timeMs > untilMs) break;
        this.arrive(sched);
        more = sched.next();
        events++;
        continue;
      }
      if (tq === Infinity || tq > untilMs) break;
      const payload = q.pop();
      events++;
      const slot = payload >> 2;
      switch (payload & 3) {
        case EV_SEND:
          this.send(slot, tq);
          break;
        case EV_RESPONSE:
          this.respond(slot, tq);
          break;
        default:
          this.startAttempt(slot, tq);
      }
      this.counters.endMs = tq;
    }
    this.more = more;
    this.counters.events += events;
    if (this.cache) this.counters.stampedeMisses = this.cache.stampedeMisses;
    return !more && q.size === 0;
  }

  private arrive(sched: Schedule): void {
    const t = sched.timeMs;
    const mixIdx = sched.opIndex;
    const kind = this.kinds[mixIdx];
    const tenant = sched.tenant;
    const inst = sched.instance;
    const ops = this.ops;
    const tables = this.t;
    const slot = ops.alloc();
    ops.arrivalMs[slot] = t;
    ops.mix[slot] = mixIdx;
    ops.instance[slot] = inst;
    ops.attempts[slot] = 0;
    ops.retryCost[slot] = 0;
    ops.cacheKind[slot] = CacheStore.None;
    const key = tables.perResource ? tables.keyBase[tenant] + sched.resource : tables.keyBase[tenant];
    ops.key[slot] = key;
    ops.tenant[slot] = tenant;
    ops.counted[slot] = t >= this.warmupMs ? 1 : 0;
    const m = this.mix[mixIdx];
    switch (kind) {
      case Kind.Kms:
        ops.kmsOp[slot] = tables.mixKmsCode[mixIdx];
        ops.stage[slot] = 1;
        ops.viaS3[slot] = 0;
        break;
      case Kind.Encrypt: {
        ops.viaS3[slot] = 0;
        ops.kmsOp[slot] = CLASS_GENERATE_DATA_KEY;
        ops.stage[slot] = 1 + tables.extraCalls;
        if (this.cache !== null && !m.streaming) {
          ops.kmsOp[slot] = tables.encryptMissCode;
          ops.stage[slot] = tables.encryptMissCalls;
          const entry = tenant * tables.entriesPerTenant + (tables.perResource ? sched.resource : 0);
          if (this.cache.encryptLookup(t, inst, entry, m.sizeBytes)) return this.cacheHit(slot, t);
          ops.cacheKind[slot] = CacheStore.Encrypt;
          ops.cacheId[slot] = entry;
          if (ops.counted[slot]) this.cacheMiss(t);
        }
        break;
      }
      case Kind.Decrypt: {
        ops.viaS3[slot] = 0;
        ops.kmsOp[slot] = CLASS_DECRYPT;
        ops.stage[slot] = 1;
        if (this.cache !== null) {
          const entry = tenant * tables.entriesPerTenant + (tables.perResource ? sched.resource : 0);
          const age = this.readAge(m);
          const dataKey = this.cache.dataKeyForRead(t, inst, entry, age, this.modelRng.next());
          if (this.cache.decryptLookup(t, inst, dataKey)) return this.cacheHit(slot, t);
          ops.cacheKind[slot] = CacheStore.Decrypt;
          ops.cacheId[slot] = dataKey;
          if (ops.counted[slot]) this.cacheMiss(t);
        }
        break;
      }
      default: {
        // S3: the KMS call (if any) is decided per attempt, when the request reaches S3.
        ops.viaS3[slot] = 1;
        ops.stage[slot] = 1;
        const u = this.modelRng.next();
        const buckets = this.s.s3.buckets;
        ops.bucket[slot] = buckets > 1 ? Math.floor(u * buckets) : 0;
        const mode = tables.requesterMode;
        ops.requester[slot] =
          mode === RequesterMode.PerInstance ? inst : mode === RequesterMode.PerTenant ? tenant : Math.floor(this.modelRng.next() * tables.requesterCount);
        ops.legacy[slot] = kind === Kind.S3Get && this.modelRng.next() < this.s.s3.legacyObjectShare ? 1 : 0;
      }
    }
    this.startAttempt(slot, t);
  }

  /** Second of the per-second counters that time `ms` falls in (the last one for anything later). */
  private secondOf(ms: number): number {
    const sec = Math.floor(ms / 1000);
    return sec < this.lastSec ? sec : this.lastSec;
  }

  /** The read's age through the shared sampler (the same as live's); one draw unless fixed. */
  private readAge(m: MixEntry): number {
    const a = m.readAge;
    if (a.type === "fixed") return a.ageMs;
    // 1 - nextOpen() is exact, so an exponential age equals the former mean * exp1() bit for bit.
    return readAgeMs(a, a.type === "exponential" ? 1 - this.modelRng.nextOpen() : this.modelRng.next());
  }

  private cacheHit(slot: number, t: number): void {
    if (this.ops.counted[slot]) {
      this.counters.cacheHits++;
      if (this.counters.timeline !== null) this.counters.timeline.cacheHits[this.secondOf(t)]++;
    }
    this.complete(slot, t, true);
  }

  /** A measured operation missed the cache at `t`. */
  private cacheMiss(t: number): void {
    this.counters.cacheMisses++;
    if (this.counters.timeline !== null) this.counters.timeline.cacheMisses[this.secondOf(t)]++;
  }

  /**
   * Begin an attempt at `now`: the client-side rate limiter (adaptive mode) may make it wait - then
   * it asks again after the wait, like the SDK's `while (tokens < 1) sleep` loop - then the client
   * overhead, then the attempt reaches the service.
   */
  private startAttempt(slot: number, now: number): void {
    const ops = this.ops;
    const viaS3 = ops.viaS3[slot];
    const inst = ops.instance[slot];
    const client = viaS3 ? this.s3Clients[inst] : this.kmsClients[inst];
    if (this.waiters !== null) {
      // Adaptive mode: wait in line behind the client's earlier waiters (see WaitQueues).
      const c = inst * 2 + viaS3;
      const head = this.waiters.peek(c);
      if (head !== slot) {
        if (head >= 0) return this.waiters.push(c, slot);
        const wait = client.acquireSendDelayMs(now);
        if (wait > 0) {
          this.waiters.push(c, slot);
          this.queue.push(now + wait, (slot << 2) | EV_RETRY);
          return;
        }
      } else {
        const wait = client.acquireSendDelayMs(now);
        if (wait > 0) {
          this.queue.push(now + wait, (slot << 2) | EV_RETRY);
          return;
        }
        // The token goes to a random waiter (the SDK's waiters race for it; see WaitQueues).
        const winner = this.waiters.draw(c, this.waiterRng);
        const next = this.waiters.peek(c);
        if (next >= 0) this.queue.push(now, (next << 2) | EV_RETRY);
        if (winner !== slot) return this.sendAfterClientOverhead(winner, now);
      }
    } else if (client.acquireSendDelayMs(now) > 0) {
      throw new TypeError("Expected a non-adaptive retry model to grant every send token at once");
    }
    this.sendAfterClientOverhead(slot, now);
  }

  /** The attempt holds its send token: the client overhead, then it reaches the service. */
  private sendAfterClientOverhead(slot: number, now: number): void {
    if (this.hasClientLatency) {
      const at = now + this.clientLatency.sample(this.latencyRng);
      if (at > now) {
        this.queue.push(at, (slot << 2) | EV_SEND);
        return;
      }
    }
    this.send(slot, now);
  }

  /** The attempt reaches the service at `now`. */
  private send(slot: number, now: number): void {
    const ops = this.ops;
    const c = this.counters;
    const tables = this.t;
    let code = ops.kmsOp[slot];
    const viaS3 = ops.viaS3[slot] === 1;
    if (viaS3) code = this.s3KmsCall(slot, now);
    ops.attempts[slot]++;
    let ok = true;
    if (code >= 0 && !this.awsOwned) {
      // KMS counters follow the operation (arrived after warm-up), like app counters, so retries
      // after the end of the run are counted; pool statistics count by the second of the attempt.
      const counted = ops.counted[slot] === 1;
      const sec = this.secondOf(now);
      // A retry of the caller's call (KMS client, or S3 client whose request makes S3 call KMS again).
      if (ops.attempts[slot] > 1 && counted) {
        c.retries++;
        if (c.timeline !== null) c.timeline.retries[sec]++;
      }
      const stores = tables.storeCount;
      const st = stores > 1 ? tables.storeOfKey(ops.key[slot]) : 0;
      const pi = (code * stores + st) * 2;
      const pa = tables.poolTable[pi];
      if (pa !== NO_POOL) ok = this.pools.admit(now, pa, tables.poolTable[pi + 1]);
      if (ok) c.servedPerSec[code * c.seconds + sec]++;
      if (counted) {
        c.kmsRequests[code]++;
        if (!ok) c.kmsThrottled[code]++;
        if (viaS3) c.byS3++;
      }
      if (!ok && viaS3 && ops.bkSlot[slot] >= 0) this.bucketKeys!.failed(ops.bkSlot[slot]);
    }
    ops.ok[slot] = ok ? 1 : 0;
    const lat = !ok
      ? this.throttledLatency.sample(this.latencyRng)
      : viaS3
        ? this.s3Latency.sample(this.latencyRng)
        : this.kmsLatency.sample(this.latencyRng);
    this.queue.push(now + lat, (slot << 2) | EV_RESPONSE);
  }

  /** Which KMS call S3 makes for this attempt: a code, or -1 for none (a valid bucket key). */
  private s3KmsCall(slot: number, now: number): number {
    const ops = this.ops;
    const put = this.kinds[ops.mix[slot]] === Kind.S3Put;
    const code = put ? CLASS_GENERATE_DATA_KEY : CLASS_DECRYPT;
    ops.bkSlot[slot] = -1;
    if (this.bucketKeys === null || ops.legacy[slot] === 1) {
      if (ops.counted[slot] === 1) this.counters.objectKeyCalls++;
      return code;
    }
    const s = this.bucketKeys.needsKmsCall(now, ops.bucket[slot], ops.key[slot], ops.requester[slot], put ? BucketKeySide.Write : BucketKeySide.Read);
    if (s < 0) return -1;
    ops.bkSlot[slot] = s;
    if (ops.counted[slot] === 1) this.counters.bucketKeyCalls++;
    return code;
  }

  /** A response reaches the caller at `now`. */
  private respond(slot: number, now: number): void {
    const ops = this.ops;
    const client = ops.viaS3[slot] ? this.s3Clients[ops.instance[slot]] : this.kmsClients[ops.instance[slot]];
    if (ops.ok[slot] === 1) {
      client.onSuccess(now, ops.retryCost[slot]);
      if (--ops.stage[slot] > 0) {
        // Encryption SDK miss with extra wrapping keys: one Encrypt per extra key, in sequence.
        ops.kmsOp[slot] = CLASS_ENCRYPT;
        ops.attempts[slot] = 0;
        ops.retryCost[slot] = 0;
        this.startAttempt(slot, now);
        return;
      }
      const ck = ops.cacheKind[slot];
      if (ck === CacheStore.Encrypt) this.cache!.encryptStore(now, ops.instance[slot], ops.cacheId[slot], this.mix[ops.mix[slot]].sizeBytes);
      else if (ck === CacheStore.Decrypt) this.cache!.decryptStore(now, ops.instance[slot], ops.cacheId[slot]);
      this.complete(slot, now, true);
      return;
    }
    const delay = client.onError(now, ops.attempts[slot], ErrorClass.Throttling, this.jitterRng);
    if (delay < 0) {
      if (client.budgetRefused && ops.counted[slot]) this.counters.budgetExhausted++;
      const ck = ops.cacheKind[slot];
      if (ck !== CacheStore.None) this.cache!.abandonMiss(ops.instance[slot], ops.cacheId[slot], ck === CacheStore.Encrypt);
      this.complete(slot, now, false);
      return;
    }
    ops.retryCost[slot] = client.lastRetryCost;
    this.queue.push(now + delay, (slot << 2) | EV_RETRY);
  }

  private complete(slot: number, now: number, ok: boolean): void {
    const ops = this.ops;
    if (ops.counted[slot]) {
      const m = ops.mix[slot];
      const c = this.counters;
      c.ops[m]++;
      if (ok) c.succeeded[m]++;
      else c.failed[m]++;
      if (c.timeline !== null) {
        const sec = this.secondOf(ops.arrivalMs[slot]);
        c.timeline.appOps[sec]++;
        if (!ok) c.timeline.appFailed[sec]++;
      }
      // Every completed operation's latency, failed ones included (what the caller waited before
      // getting its answer or its error), as `live` measures it. Local processing (e.g. the
      // Encryption SDK signing the message) ends a successful operation: it delays only this
      // operation's completion, never a KMS call, so it is added here.
      // A cache miss also pays `missExtraMs` (new materials). Added at the end like the rest of the
      // local time: it delays this operation, not its KMS call (in the library the key pair is made
      // before the call, which would lengthen the stampede window by that much: about 1.6 ms of a
      // 10-20 ms round trip).
      const local = ok ? this.opLatency[m] : null;
      const missExtra = ok && ops.cacheKind[slot] !== CacheStore.None ? this.t.missExtraMs[m] : 0;
      c.latency[m].recordMs(now - ops.arrivalMs[slot] + missExtra + (local !== null ? local.sample(this.opLatencyRng) : 0));
    }
    ops.free(slot);
  }
}

function newCounters(mix: readonly MixEntry[], t: EngineTables, seconds: number, timeline: boolean): EngineCounters {
  const n = mix.length;
  const codes = t.kmsOpNames.length;
  const perSec = () => new Int32Array(seconds);
  return {
    ops: new Float64Array(n),
    succeeded: new Float64Array(n),
    failed: new Float64Array(n),
    latency: mix.map(() => new LatencyRecorder()),
    kmsRequests: new Float64Array(codes),
    kmsThrottled: new Float64Array(codes),
    kmsOpNames: t.kmsOpNames,
    kmsOpPriceClass: t.kmsOpPriceClass,
    servedPerSec: new Int32Array(codes * seconds),
    seconds,
    retries: 0,
    budgetExhausted: 0,
    byS3: 0,
    bucketKeyCalls: 0,
    objectKeyCalls: 0,
    cacheHits: 0,
    cacheMisses: 0,
    stampedeMisses: 0,
    timeline: timeline ? { appOps: perSec(), appFailed: perSec(), retries: perSec(), cacheHits: perSec(), cacheMisses: perSec() } : null,
    endMs: 0,
    events: 0,
  };
}
