/**
 * What a run of a scenario will cost before it starts: expected operations (from the rate curve
 * the schedule uses), engine events, memory (per-second pool series, tenant tables, cache and
 * Bucket Keys tables, in-flight operations, latency histograms) and wall time. Pure: a function of
 * the scenario only. `runSizeProblem` turns an estimate into a refusal message when a run would
 * take longer than MAX_RUN_WALL_MS or need more than a share of the machine's memory.
 *
 * The figures are estimates, meant to catch runs that are off by orders of magnitude (a rate of
 * 2^53, a billion tenants, a year at 100,000 ops/s), not to predict the wall time of a normal run.
 *
 * Worked example: saas-3000-tenants (10 min at ~9,050 ops/s, 4 mix entries, 3,000 Zipf tenants)
 * -> 5.4 M operations, 2.2 s of simulation per run (400 ns each), about 3 MB of memory.
 */
import { LatencyRecorder } from "../metrics/LatencyRecorder.js";
import { keyLayout } from "../model/keyLayout.js";
import { MAXIMUM_RETRY_DELAY_MS, THROTTLING_BASE_DELAY_MS_2026 } from "../model/retry/profiles.js";
import { buildRateCurve, expectedArrivals } from "../plan/Schedule.js";
import type { Scenario } from "../scenario/types.js";

/**
 * Wall time per simulated application operation, ns (400). `npm run bench` case (b) - 15,000
 * GenerateDataKey/s against a 10,000/s quota, 46% throttled, retries on, the slowest case - ran
 * 2.59 M operations per wall-clock second on a 2-core machine (Node 20.20; README "Speed").
 */
export const SIMULATED_NS_PER_OPERATION = 400;
/** Engine set-up per tenant (key and classification tables, Zipf alias table), ns. Measured: ~25 ns. */
export const SETUP_NS_PER_TENANT = 50;
/** Engine set-up per instance (two SDK retry models, limiter queues), ns. Measured: ~0.5 µs. */
export const SETUP_NS_PER_INSTANCE = 1_000;
/**
 * CPU of the live driver per operation, ms (0.75): `npm run bench:live` measured 0.7-0.8 ms per
 * SDK call (README "Speed"). A live run needing more driver time than its duration falls behind.
 */
export const LIVE_MS_PER_OPERATION = 0.75;

/** Refuse runs estimated to take longer than this, ms (30 minutes). */
export const MAX_RUN_WALL_MS = 30 * 60_000;
/** Refuse runs estimated to need more than this share of the machine's memory (0.5). */
export const MAX_MEMORY_SHARE = 0.5;

/** Bytes of one latency histogram (one per mix entry; src/metrics/LatencyRecorder.ts). */
const HISTOGRAM_BYTES = new LatencyRecorder().counts.byteLength;
/** Per in-flight operation: the struct-of-arrays slot (65 bytes) and its heap events, doubled by growth. */
const IN_FLIGHT_BYTES = 2 * (65 + 24);
/** What the Engine allocates for in-flight work before the first arrival: a 4,096-event heap and 1,024 op slots. */
const PREALLOCATED_IN_FLIGHT_BYTES = 128 * 1024;
/** Per tenant: key id (Int32) and classification (Uint16). */
const TENANT_BYTES = 6;
/** Per tenant under Zipf traffic: weights, alias probabilities and aliases (8 + 8 + 4) and scratch (8). */
const ZIPF_TENANT_BYTES = 28;
/** Per cached (instance, entry): LRU slab (52) + hash slot (32) + write history (90), doubled by growth. */
const CACHE_ENTRY_BYTES = 2 * (52 + 32 + 90);
/** Per cache entry id: recent writes, 8 deep x 12 bytes + 8, doubled by growth. */
const RECENT_WRITES_BYTES = 2 * 104;
/** Bucket Keys: a dense slot (8 bytes) up to 4 M slots (DENSE_LIMIT in src/model/BucketKeys.ts), then a Map entry (about 64 bytes) per slot used. */
const BUCKET_KEY_DENSE_LIMIT = 4_000_000;
const BUCKET_KEY_SPARSE_BYTES = 64;
/** Per instance: retry models, limiter queues, cache heads (an upper bound). */
const INSTANCE_BYTES = 1_024;

export interface RunEstimate {
  /** Expected application operations in [0, duration). */
  operations: number;
  /** KMS calls one operation can make before retries (1 + extra wrapping keys for encrypts). */
  callsPerOperation: number;
  /** Engine events, an upper bound: every call attempted maxAttempts times, 3 events each. */
  events: number;
  memoryBytes: {
    total: number;
    /** Per-second request and throttle counters of every quota pool. */
    series: number;
    tenants: number;
    cache: number;
    bucketKeys: number;
    instances: number;
    inFlight: number;
    /** One latency histogram per mix entry. */
    histograms: number;
  };
  /** Simulated run, one pass (simulate may make more: one per lever for savings). */
  wallMs: number;
  /** Live driver CPU the run needs, ms (compare with duration). */
  liveDriverMs: number;
}

/**
 * The longest an operation waits in backoff over `attempts` attempts: the SDK's throttling backoff
 * is at most base x 2^(retry - 1) per retry (full jitter below that), capped at 20 s. The larger
 * base of the two profiles (1,000 ms, sdk-v3). Example: 3 attempts -> 1 s + 2 s = 3 s.
 */
function longestBackoffMs(attempts: number): number {
  let total = 0;
  for (let retry = 1; retry < attempts; retry++) {
    const delay = Math.min(MAXIMUM_RETRY_DELAY_MS, THROTTLING_BASE_DELAY_MS_2026 * 2 ** (retry - 1));
    total += delay;
    if (delay === MAXIMUM_RETRY_DELAY_MS) return total + (attempts - 1 - retry) * MAXIMUM_RETRY_DELAY_MS;
  }
  return total;
}

function peakRate(s: Scenario): number {
  return s.traffic.shape.reduce((m, step) => Math.max(m, step.ratePerSec), 0);
}

export function estimateRun(s: Scenario): RunEstimate {
  const durationSec = s.durationMs / 1000;
  const operations = expectedArrivals(buildRateCurve(s.traffic.shape), durationSec);
  const encryptShare = s.traffic.mix.reduce((sum, m) => sum + (m.op === "encrypt" ? m.share : 0), 0);
  const callsPerOperation = 1 + encryptShare * s.keys.extraWrappingKeys;
  const attempts = s.clients.retry.maxAttempts;
  const events = operations * callsPerOperation * attempts * 3;

  const tenants = s.tenants.count;
  const instances = s.clients.instances;
  const layout = keyLayout(s);
  const entries = tenants * layout.entriesPerTenant;
  const stores = s.keys.store === "kms" ? 0 : s.keys.stores;
  const pairSpecs = new Set(s.traffic.mix.map((m) => m.keyPairSpec).filter((x) => x !== null)).size;
  const seconds = Math.ceil(durationSec) + 1;
  const series = (2 + stores + pairSpecs) * seconds * 8;
  const tenantBytes = tenants * (TENANT_BYTES + (s.tenants.distribution.type === "zipf" ? ZIPF_TENANT_BYTES : 0));
  const cacheCapacity = s.cache ? Math.min(entries, s.cache.capacity) : 0;
  const cached = Math.min(instances * cacheCapacity, operations * callsPerOperation);
  const cache = s.cache ? cached * CACHE_ENTRY_BYTES + entries * RECENT_WRITES_BYTES : 0;
  const usesS3 = s.traffic.mix.some((m) => m.op === "s3-put" || m.op === "s3-get");
  const requesters = s.s3.requesters.type === "count" ? s.s3.requesters.count : s.s3.requesters.type === "per-instance" ? instances : tenants;
  const slots = s.s3.buckets * layout.addressableKeys * requesters * 2;
  const bucketKeys = usesS3 && s.s3.bucketKeys ? (slots <= BUCKET_KEY_DENSE_LIMIT ? slots * 8 : Math.min(slots, operations) * BUCKET_KEY_SPARSE_BYTES) : 0;
  const l = s.latency;
  const callMs = l.kms.p99Ms + l.s3.p99Ms + l.client.p99Ms + l.throttled.p99Ms;
  const holdMs = Math.min(s.durationMs, attempts * callMs * callsPerOperation + longestBackoffMs(attempts));
  const inFlight = Math.max(PREALLOCATED_IN_FLIGHT_BYTES, peakRate(s) * (holdMs / 1000) * IN_FLIGHT_BYTES);
  const memoryBytes = {
    series,
    tenants: tenantBytes,
    cache,
    bucketKeys,
    instances: instances * INSTANCE_BYTES,
    inFlight,
    histograms: s.traffic.mix.length * HISTOGRAM_BYTES,
    total: 0,
  };
  memoryBytes.total = series + tenantBytes + cache + bucketKeys + memoryBytes.instances + inFlight + memoryBytes.histograms;
  const wallNs = operations * callsPerOperation * SIMULATED_NS_PER_OPERATION + tenants * SETUP_NS_PER_TENANT + instances * SETUP_NS_PER_INSTANCE;
  return { operations, callsPerOperation, events, memoryBytes, wallMs: wallNs / 1e6, liveDriverMs: operations * callsPerOperation * LIVE_MS_PER_OPERATION };
}

/** Passes `simulate` makes of one scenario: the run, plus one without each lever it uses when savings are on (simulate.ts). */
export function simulatePasses(s: Scenario, savings: boolean): number {
  if (!savings) return 1;
  const s3 = s.s3.bucketKeys && s.traffic.mix.some((m) => m.op === "s3-put" || m.op === "s3-get");
  return 1 + (s.cache ? 1 : 0) + (s3 ? 1 : 0);
}

/** What a command is about to run of one scenario. */
export interface PlannedRun {
  /** Simulated passes (simulate: 1 + savings levers; rehearse: its replications). */
  simulatedPasses: number;
  /** True when a live driver runs the scenario too (live, rehearse). */
  live: boolean;
}

export interface RunBudget {
  maxWallMs: number;
  maxMemoryBytes: number;
  /** The machine's memory, for the message. */
  machineMemoryBytes: number;
}

/** The budget for this machine: MAX_RUN_WALL_MS and MAX_MEMORY_SHARE of `totalMemoryBytes` (os.totalmem()). */
export function defaultBudget(totalMemoryBytes: number): RunBudget {
  return { maxWallMs: MAX_RUN_WALL_MS, maxMemoryBytes: MAX_MEMORY_SHARE * totalMemoryBytes, machineMemoryBytes: totalMemoryBytes };
}

/** 1536 -> "1.5 KiB"; 3.2e9 -> "3.0 GiB"; Infinity -> "unbounded". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "unbounded";
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) [v, u] = [v / 1024, u + 1];
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** 250 -> "250 ms"; 95_000 -> "1 min 35 s"; 7.2e6 -> "2 h"; over a century -> "over 100 years". */
export function formatWall(ms: number): string {
  if (!Number.isFinite(ms) || ms > 100 * 365 * 86_400_000) return "over 100 years";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const d = Math.floor(s / 86_400), h = Math.floor((s % 86_400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d.toLocaleString("en-US")} d${h ? ` ${h} h` : ""}`;
  if (h > 0) return `${h} h${m ? ` ${m} min` : ""}`;
  return `${m} min${s % 60 ? ` ${s % 60} s` : ""}`;
}

/** 5_400_000 -> "5.4 M"; 5.4e17 -> "5.4e+17"; Infinity -> "unboundedly many". */
function count(n: number): string {
  if (!Number.isFinite(n)) return "unboundedly many";
  if (n >= 1e12) return n.toExponential(1);
  return n >= 1e6 ? `${(n / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 })} M` : Math.round(n).toLocaleString("en-US");
}

/** "about 2 h", but "over 100 years". */
function approx(text: string): string {
  return text.startsWith("over ") ? text : `about ${text}`;
}

const SHRINK: Record<Exclude<keyof RunEstimate["memoryBytes"], "total">, string> = {
  series: "a shorter duration",
  tenants: "fewer tenants",
  cache: "fewer tenants or a smaller cache.capacity",
  bucketKeys: "fewer s3.buckets or s3.requesters",
  instances: "fewer clients.instances",
  inFlight: "a lower rate",
  histograms: "fewer traffic.mix entries",
};

/**
 * Why a run is too large for the budget, with the estimate and how to shrink it, or null when it
 * fits. Example: "simulating it would take about 2 h (18,000 M operations ...); shrink it: a shorter
 * duration, a lower rate; or run it anyway with --force".
 */
export function runSizeProblem(s: Scenario, e: RunEstimate, run: PlannedRun, budget: RunBudget): string | null {
  const reasons: string[] = [];
  const shrink = new Set<string>();
  const simulatedMs = e.wallMs * run.simulatedPasses;
  if (run.simulatedPasses > 0 && !(simulatedMs <= budget.maxWallMs)) {
    const passes = run.simulatedPasses > 1 ? ` x ${run.simulatedPasses} passes` : "";
    reasons.push(`simulating it would take ${approx(formatWall(simulatedMs))} (${count(e.operations * e.callsPerOperation)} KMS calls${passes} at about ${SIMULATED_NS_PER_OPERATION} ns each; limit ${formatWall(budget.maxWallMs)})`);
    shrink.add("a shorter duration").add("a lower rate");
  }
  if (run.live && !(e.liveDriverMs <= s.durationMs + budget.maxWallMs)) {
    reasons.push(`the live driver would need ${approx(formatWall(e.liveDriverMs))} of CPU (${LIVE_MS_PER_OPERATION} ms per operation) for a ${formatWall(s.durationMs)} run, so it would fall behind its schedule`);
    shrink.add("a lower rate (live: --scale)").add("a shorter duration");
  }
  const m = e.memoryBytes;
  if (!(m.total <= budget.maxMemoryBytes)) {
    const parts = (Object.keys(SHRINK) as (keyof typeof SHRINK)[]).filter((k) => m[k] > 0).sort((a, b) => m[b] - m[a]);
    const top = parts[0] ?? "series";
    reasons.push(
      `it would need ${Number.isFinite(m.total) ? `about ${formatBytes(m.total)} of` : "unbounded"} memory, most of it ${top === "inFlight" ? "in-flight operations" : top === "bucketKeys" ? "Bucket Keys" : top} (${formatBytes(m[top])}; limit ${formatBytes(budget.maxMemoryBytes)}, ${Math.round((100 * budget.maxMemoryBytes) / budget.machineMemoryBytes)}% of this machine's ${formatBytes(budget.machineMemoryBytes)})`,
    );
    shrink.add(SHRINK[top]);
  }
  if (!reasons.length) return null;
  return `too large to run: ${reasons.join("; ")}; shrink it: ${[...shrink].join(", ")}; or run it anyway with --force`;
}
