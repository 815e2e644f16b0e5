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
import { keyLayout } from "../model/keyLayout.js";
import { BucketKeys, BucketKeySide } from "../model/BucketKeys.js";
import { poolsFor } from "../model/pools.js";
import { tenantClassifications } from "../plan/tenants.js";
import { LatencyRecorder } from "../metrics/LatencyRecorder.js";
import { EventQueue } from "./EventQueue.js";
import { PoolSet } from "./PoolSet.js";
import { Random } from "../plan/Random.js";
import { Schedule } from "../plan/Schedule.js";
import { readAgeMs } from "../plan/readAge.js";
import { OpSlots } from "./OpSlots.js";
import { WaitQueues } from "./WaitQueues.js";

const EV_SEND = 0; // attempt reaches the service
const EV_RESPONSE = 1; // response reaches the caller
const EV_RETRY = 2; // backoff over: start the next attempt

/** Operation kinds, as small integers for the hot path. */
export const enum Kind {
  Kms = 0,
  Encrypt = 1,
  Decrypt = 2,
  S3Put = 3,
  S3Get = 4,
}

/** Counters the engine fills; `buildResult` turns them into a RunResult. */
export interface EngineCounters {
  /** Per mix entry. */
  ops: Float64Array;
  succeeded: Float64Array;
  failed: Float64Array;
  /** Latency of every completed operation (failed ones included, as `live` records it), per mix entry. */
  latency: LatencyRecorder[];
  /** Per KMS operation code. */
  kmsRequests: Float64Array;
  kmsThrottled: Float64Array;
  kmsOpNames: string[];
  /** Per KMS op code: true when billed at the key-pair or asymmetric rate (see cost model). */
  kmsOpPriceClass: string[];
  retries: number;
  budgetExhausted: number;
  byS3: number;
  bucketKeyCalls: number;
  objectKeyCalls: number;
  cacheHits: number;
  cacheMisses: number;
  stampedeMisses: number;
  /** Simulated time at which the last in-flight operation finished. */
  endMs: number;
  events: number;
}

export class Engine {
  readonly counters: EngineCounters;
  readonly pools: PoolSet;
  private readonly s: Scenario;
  private readonly mix: MixEntry[];
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
  /** Per mix index: extra local time of a cache miss, ms (latency.missOperationsMs). */
  private readonly missExtraMs: Float64Array;
  /** Adaptive mode: which waiter gets a granted limiter token. */
  private readonly waiterRng: Random;
  private readonly latencyRng: Random;
  private readonly jitterRng: Random;
  private readonly modelRng: Random;
  private readonly keyBase: Int32Array;
  private readonly perResource: boolean;
  private readonly entriesPerTenant: number;
  private readonly storeCount: number;
  private readonly storeOfKey: (k: number) => number;
  /** (op code * stores + store) * 2 -> pool index a, b (-1 = none). */
  private readonly poolTable: Int32Array;
  private readonly mixKmsCode: Int32Array;
  private readonly codeGdk: number;
  private readonly codeDecrypt: number;
  private readonly codeEncrypt: number;
  private readonly warmupMs: number;
  private readonly extraCalls: number;
  private readonly encryptMissCode: number;
  private readonly encryptMissCalls: number;
  private readonly awsOwned: boolean;
  private readonly requesterMode: number; // 0 count, 1 per-instance, 2 per-tenant
  private readonly requesterCount: number;

  /**
   * `replicate` (default 0) salts the engine's own random streams - service times, backoff jitter,
   * limiter waiters, model draws - and never the arrivals (`Schedule`): replicates are independent
   * runs of the same workload. Replicate 0 draws exactly what an unsalted engine draws.
   */
  constructor(scenario: Scenario, replicate = 0) {
    if (!(Number.isInteger(replicate) && replicate >= 0)) throw new TypeError(`Expected replicate to be a non-negative integer, got ${replicate}`);
    this.s = scenario;
    const salt = replicate === 0 ? "" : `#${replicate}`;
    this.mix = scenario.traffic.mix;
    const seconds = Math.ceil(scenario.durationMs / 1000) + 1;
    this.pools = new PoolSet(scenario, seconds);
    this.kinds = Int32Array.from(this.mix, (m) => kindOf(m));
    this.warmupMs = scenario.warmupMs;
    this.awsOwned = scenario.keys.tier === "aws-owned";
    this.extraCalls = scenario.keys.extraWrappingKeys;

    const r = scenario.clients.retry;
    for (let i = 0; i < scenario.clients.instances; i++) {
      this.kmsClients.push(createRetryModel(r.mode, r.maxAttempts, r.profile));
      this.s3Clients.push(createRetryModel(r.mode, r.maxAttempts, r.profile));
    }

    this.waiters = r.mode === "adaptive" ? new WaitQueues(scenario.clients.instances * 2) : null;
    this.latencyRng = Random.stream(scenario.seed, "latency" + salt);
    this.jitterRng = Random.stream(scenario.seed, "jitter" + salt);
    this.modelRng = Random.stream(scenario.seed, "model" + salt);
    this.kmsLatency = new LognormalLatency(scenario.latency.kms);
    this.s3Latency = new LognormalLatency(scenario.latency.s3);
    this.throttledLatency = new LognormalLatency(scenario.latency.throttled);
    this.clientLatency = new LognormalLatency(scenario.latency.client);
    this.hasClientLatency = scenario.latency.client.p99Ms > 0;
    const perOp = scenario.latency.operations ?? {};
    const perMiss = scenario.latency.missOperationsMs ?? {};
    this.missExtraMs = Float64Array.from(this.mix, (m) => Math.max(0, perMiss[m.label] ?? 0));
    this.opLatency = this.mix.map((m) => (perOp[m.label] && perOp[m.label].p99Ms > 0 ? latencySampler(perOp[m.label]) : null));
    // Own stream: scenarios without `latency.operations` draw exactly the numbers they drew before.
    this.opLatencyRng = Random.stream(scenario.seed, "operation-latency" + salt);
    this.waiterRng = Random.stream(scenario.seed, "limiter-waiters" + salt);

    const layout = keyLayout(scenario);
    const classes = tenantClassifications(scenario);
    this.perResource = layout.entriesPerTenant > 1;
    this.entriesPerTenant = layout.entriesPerTenant;
    this.keyBase = new Int32Array(scenario.tenants.count);
    for (let t = 0; t < this.keyBase.length; t++) this.keyBase[t] = layout.keyOf(t, classes[t], 0);
    this.storeCount = scenario.keys.store === "kms" ? 1 : Math.max(1, scenario.keys.stores);
    this.storeOfKey = layout.storeOf;

    // KMS operation codes: the three the Encryption SDK and S3 use, then each direct mix operation.
    const names: string[] = ["GenerateDataKey", "Decrypt", "Encrypt"];
    const pairSpecs: (string | null)[] = [null, null, null];
    this.mixKmsCode = new Int32Array(this.mix.length).fill(-1);
    this.mix.forEach((m, i) => {
      if (m.op !== "kms") return;
      const op = m.kmsOperation!;
      let code = names.findIndex((n, j) => n === op && pairSpecs[j] === m.keyPairSpec);
      if (code < 0) {
        code = names.length;
        names.push(op);
        pairSpecs.push(m.keyPairSpec);
      }
      this.mixKmsCode[i] = code;
    });
    this.codeGdk = 0;
    this.codeDecrypt = 1;
    this.codeEncrypt = 2;
    this.poolTable = new Int32Array(names.length * this.storeCount * 2).fill(-1);
    const priceClass: string[] = [];
    for (let c = 0; c < names.length; c++) {
      for (let st = 0; st < this.storeCount; st++) {
        const p = poolsFor({
          operation: names[c],
          keySpec: scenario.keys.spec,
          tier: scenario.keys.tier,
          store: scenario.keys.store,
          storeIndex: st,
          keyPairSpec: pairSpecs[c],
        });
        // Pools are created lazily on first admission so that unused ones do not clutter reports.
        this.poolTable[(c * this.storeCount + st) * 2] = p.length > 0 ? -2 - this.poolNameIndex(p[0]) : -1;
        this.poolTable[(c * this.storeCount + st) * 2 + 1] = p.length > 1 ? -2 - this.poolNameIndex(p[1]) : -1;
      }
      priceClass.push(pairSpecs[c] ? `keypair:${pairSpecs[c]}` : scenario.keys.spec);
    }
    this.resolvePendingPools();

    this.cache = scenario.cache
      ? createCacheModel(scenario.cache, scenario.clients.instances, scenario.tenants.count * layout.entriesPerTenant, scenario.seed, {
          routing: scenario.clients.routing,
        })
      : null;
    // Hierarchical keyring: an encrypt miss fetches the branch key (one KMS Decrypt), no extra keys.
    this.encryptMissCode = this.cache?.encryptMissKmsOperation === "Decrypt" ? this.codeDecrypt : this.codeGdk;
    this.encryptMissCalls = this.cache?.kind === "hierarchical" ? 1 : 1 + this.extraCalls;
    const req = scenario.s3.requesters;
    this.requesterMode = req.type === "count" ? 0 : req.type === "per-instance" ? 1 : 2;
    this.requesterCount = req.type === "count" ? req.count : req.type === "per-instance" ? scenario.clients.instances : scenario.tenants.count;
    const usesS3 = this.mix.some((m) => m.op === "s3-put" || m.op === "s3-get");
    this.bucketKeys = usesS3 && scenario.s3.bucketKeys
      ? new BucketKeys(scenario.s3.buckets, layout.addressableKeys, this.requesterCount, scenario.s3.bucketKeyLifetimeMs)
      : null;

    const n = this.mix.length;
    this.counters = {
      ops: new Float64Array(n),
      succeeded: new Float64Array(n),
      failed: new Float64Array(n),
      latency: this.mix.map(() => new LatencyRecorder()),
      kmsRequests: new Float64Array(names.length),
      kmsThrottled: new Float64Array(names.length),
      kmsOpNames: names,
      kmsOpPriceClass: priceClass,
      retries: 0,
      budgetExhausted: 0,
      byS3: 0,
      bucketKeyCalls: 0,
      objectKeyCalls: 0,
      cacheHits: 0,
      cacheMisses: 0,
      stampedeMisses: 0,
      endMs: 0,
      events: 0,
    };
  }

  private pendingPoolNames: string[] = [];
  private poolNameIndex(name: string): number {
    let i = this.pendingPoolNames.indexOf(name);
    if (i < 0) i = this.pendingPoolNames.push(name) - 1;
    return i;
  }
  /** Creates the pools named in poolTable in a stable order (first use in the op table). */
  private resolvePendingPools(): void {
    const map = this.pendingPoolNames.map((name) => this.pools.indexOf(name));
    for (let i = 0; i < this.poolTable.length; i++) {
      const v = this.poolTable[i];
      if (v <= -2) this.poolTable[i] = map[-2 - v];
    }
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
    const slot = ops.alloc();
    ops.arrivalMs[slot] = t;
    ops.mix[slot] = mixIdx;
    ops.instance[slot] = inst;
    ops.attempts[slot] = 0;
    ops.retryCost[slot] = 0;
    ops.cacheKind[slot] = 0;
    const key = this.perResource ? this.keyBase[tenant] + sched.resource : this.keyBase[tenant];
    ops.key[slot] = key;
    ops.tenant[slot] = tenant;
    ops.counted[slot] = t >= this.warmupMs ? 1 : 0;
    const m = this.mix[mixIdx];
    switch (kind) {
      case Kind.Kms:
        ops.kmsOp[slot] = this.mixKmsCode[mixIdx];
        ops.stage[slot] = 1;
        ops.viaS3[slot] = 0;
        break;
      case Kind.Encrypt: {
        ops.viaS3[slot] = 0;
        ops.kmsOp[slot] = this.codeGdk;
        ops.stage[slot] = 1 + this.extraCalls;
        if (this.cache !== null && !m.streaming) {
          ops.kmsOp[slot] = this.encryptMissCode;
          ops.stage[slot] = this.encryptMissCalls;
          const entry = tenant * this.entriesPerTenant + (this.perResource ? sched.resource : 0);
          if (this.cache.encryptLookup(t, inst, entry, m.sizeBytes)) return this.cacheHit(slot, t);
          ops.cacheKind[slot] = 1;
          ops.cacheId[slot] = entry;
          if (ops.counted[slot]) this.counters.cacheMisses++;
        }
        break;
      }
      case Kind.Decrypt: {
        ops.viaS3[slot] = 0;
        ops.kmsOp[slot] = this.codeDecrypt;
        ops.stage[slot] = 1;
        if (this.cache !== null) {
          const entry = tenant * this.entriesPerTenant + (this.perResource ? sched.resource : 0);
          const age = this.readAge(m);
          const dataKey = this.cache.dataKeyForRead(t, inst, entry, age, this.modelRng.next());
          if (this.cache.decryptLookup(t, inst, dataKey)) return this.cacheHit(slot, t);
          ops.cacheKind[slot] = 2;
          ops.cacheId[slot] = dataKey;
          if (ops.counted[slot]) this.counters.cacheMisses++;
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
        const requester = this.requesterMode === 1 ? inst : this.requesterMode === 2 ? tenant : Math.floor(this.modelRng.next() * this.requesterCount);
        ops.requester[slot] = requester;
        ops.legacy[slot] = kind === Kind.S3Get && this.modelRng.next() < this.s.s3.legacyObjectShare ? 1 : 0;
      }
    }
    this.startAttempt(slot, t);
  }

  /** The read's age through the shared sampler (the same as live's); one draw unless fixed. */
  private readAge(m: MixEntry): number {
    const a = m.readAge;
    if (a.type === "fixed") return a.ageMs;
    // 1 - nextOpen() is exact, so an exponential age equals the former mean * exp1() bit for bit.
    return readAgeMs(a, a.type === "exponential" ? 1 - this.modelRng.nextOpen() : this.modelRng.next());
  }

  private cacheHit(slot: number, t: number): void {
    if (this.ops.counted[slot]) this.counters.cacheHits++;
    this.complete(slot, t, true);
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
    let code = ops.kmsOp[slot];
    const viaS3 = ops.viaS3[slot] === 1;
    if (viaS3) code = this.s3KmsCall(slot, now);
    ops.attempts[slot]++;
    let ok = true;
    if (code >= 0 && !this.awsOwned) {
      // KMS counters follow the operation (arrived after warm-up), like app counters, so retries
      // after the end of the run are counted; pool statistics count by the second of the attempt.
      const counted = ops.counted[slot] === 1;
      // A retry of the caller's call (KMS client, or S3 client whose request makes S3 call KMS again).
      if (ops.attempts[slot] > 1 && counted) c.retries++;
      const st = this.storeCount > 1 ? this.storeOfKey(ops.key[slot]) : 0;
      const pi = (code * this.storeCount + st) * 2;
      const pa = this.poolTable[pi];
      if (pa >= 0) ok = this.pools.admit(now, pa, this.poolTable[pi + 1]);
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
    const code = put ? this.codeGdk : this.codeDecrypt;
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
        ops.kmsOp[slot] = this.codeEncrypt;
        ops.attempts[slot] = 0;
        ops.retryCost[slot] = 0;
        this.startAttempt(slot, now);
        return;
      }
      const ck = ops.cacheKind[slot];
      if (ck === 1) this.cache!.encryptStore(now, ops.instance[slot], ops.cacheId[slot], this.mix[ops.mix[slot]].sizeBytes);
      else if (ck === 2) this.cache!.decryptStore(now, ops.instance[slot], ops.cacheId[slot]);
      this.complete(slot, now, true);
      return;
    }
    const delay = client.onError(now, ops.attempts[slot], ErrorClass.Throttling, this.jitterRng);
    if (delay < 0) {
      if (client.budgetRefused && ops.counted[slot]) this.counters.budgetExhausted++;
      const ck = ops.cacheKind[slot];
      if (ck !== 0) this.cache!.abandonMiss(ops.instance[slot], ops.cacheId[slot], ck === 1);
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
      // Every completed operation's latency, failed ones included (what the caller waited before
      // getting its answer or its error), as `live` measures it. Local processing (e.g. the
      // Encryption SDK signing the message) ends a successful operation: it delays only this
      // operation's completion, never a KMS call, so it is added here.
      // A cache miss also pays `missExtraMs` (new materials). Added at the end like the rest of the
      // local time: it delays this operation, not its KMS call (in the library the key pair is made
      // before the call, which would lengthen the stampede window by that much: about 1.6 ms of a
      // 10-20 ms round trip).
      const local = ok ? this.opLatency[m] : null;
      const missExtra = ok && ops.cacheKind[slot] !== 0 ? this.missExtraMs[m] : 0;
      c.latency[m].recordMs(now - ops.arrivalMs[slot] + missExtra + (local !== null ? local.sample(this.opLatencyRng) : 0));
    }
    ops.free(slot);
  }
}

function kindOf(m: MixEntry): Kind {
  switch (m.op) {
    case "kms":
      return Kind.Kms;
    case "encrypt":
      return Kind.Encrypt;
    case "decrypt":
      return Kind.Decrypt;
    case "s3-put":
      return Kind.S3Put;
    case "s3-get":
      return Kind.S3Get;
  }
}
