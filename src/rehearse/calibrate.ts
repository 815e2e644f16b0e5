/**
 * Calibration of the caller-side overhead, so that `simulate` predicts what the SDK measures on
 * this machine instead of a guessed `latency.client`.
 *
 * The calibration run is the scenario itself (same rate, mix, instances, cache, warm-up) against an
 * emulator with no injected latency and no quota (`calibrationScenario`). Every millisecond it
 * measures is therefore spent outside the modelled KMS service time: SDK serialising and signing,
 * the HTTP round trip on loopback, the event loop's lag at this load, the Encryption SDK's own
 * AES-GCM and ECDSA P-384 work. `applyCalibration` feeds it to the model:
 *
 * - `latency.client` (added to every KMS attempt) := the direct `kms:*` operations' latency from
 *   scheduled arrival, p50 and p99 (the biggest direct operation when there are several). When the
 *   mix has no direct call, the calibration adds a probe of direct GenerateDataKey calls
 *   (`PROBE_SHARE` of its traffic, on top of the scenario's rate) and takes theirs.
 *   Example: 300 GenerateDataKey/s on 2 cores measured p50 1.5 ms, p99 9.6 ms -> client {1.5, 9.6}.
 * - `latency.operations[label]` (added once per operation) := for Encryption SDK operations, the
 *   local time of their cache hits: the library's own work per message (AES-GCM, ECDSA P-384 sign
 *   or verify) and its waits on the event loop, paid on hits and misses alike. `rehearse` takes it
 *   from the live run's own hits (`withLiveLocalTime`): it is the host's CPU, an input, and 30 s
 *   later it had moved by up to 24%. The calibration run's hits are the fallback: each told apart
 *   by the CMM (`live.cacheByOperation`), as their measured distribution (a 101-point quantile
 *   table, `EmpiricalLatency`) - a few milliseconds nearly always, with rare pauses of tens, is a
 *   shape a lognormal through p50 and p99 cannot take. Without that (no cache), `hitTime` takes
 *   the fastest share, fitted as a lognormal.
 *   Example: 120 encrypts/s of 1 KiB, 12% misses -> encrypt {2.3 ms, 14 ms}.
 * - `latency.missOperationsMs[label]` (added to cache misses only) := what a miss costs beyond a
 *   hit's local time and one KMS round trip, measured one operation at a time with the real
 *   libraries (missCost.ts). Example: 2 KiB encrypt 1.6 ms, decrypt 2.8 ms.
 */
import type { LiveRunResult } from "../live/buildLiveResult.js";
import { decodeHistogram, HISTOGRAM_UNIT_PER_MS } from "../metrics/histogram.js";
import type { LatencySpec, MeasuredLatencySpec, MixEntry, Scenario } from "../scenario/types.js";
import type { Calibration } from "./types.js";

/** Quota of every pool during calibration, requests/s: nothing is throttled. */
export const CALIBRATION_QUOTA_PER_SEC = 1_000_000;
/**
 * Default calibration traffic, ms (after the scenario's warm-up; never longer than the scenario's).
 * The Encryption SDK's per-message time moves from run to run on this 2-core VM: consecutive 10-s
 * calibrations of the caching-stampede rehearsal gave a hit p50 of 2.21-2.82 ms (+-12%), 30-s ones
 * 2.50-2.74 ms (+-5%). 20 s, the whole traffic of the rehearsal scenarios, is the compromise.
 */
export const DEFAULT_CALIBRATION_MS = 20_000;

/** The scenario the calibration run drives (with an emulator given no latency and `CALIBRATION_QUOTA_PER_SEC`). */
export function calibrationScenario(scenario: Scenario, trafficMs: number = DEFAULT_CALIBRATION_MS): Scenario {
  if (!(Number.isFinite(trafficMs) && trafficMs > 0)) throw new TypeError(`Expected trafficMs to be a positive number, got ${trafficMs}`);
  const traffic = Math.min(trafficMs, scenario.durationMs - scenario.warmupMs);
  const probe = !scenario.traffic.mix.some((m) => m.op === "kms");
  const keep = probe ? 1 - PROBE_SHARE : 1;
  return {
    ...scenario,
    traffic: probe
      ? {
          ...scenario.traffic,
          // The scenario's own operations keep their rate; the probe comes on top.
          shape: scenario.traffic.shape.map((st) => ({ ...st, ratePerSec: st.ratePerSec / keep })),
          mix: [...scenario.traffic.mix.map((m) => ({ ...m, share: m.share * keep })), probeEntry()],
        }
      : scenario.traffic,
    name: `${scenario.name}-calibration`,
    durationMs: scenario.warmupMs + traffic,
    account: {
      ...scenario.account,
      quotas: { ...scenario.account.quotas, symmetricPerSec: CALIBRATION_QUOTA_PER_SEC, rsaPerSec: CALIBRATION_QUOTA_PER_SEC, eccPerSec: CALIBRATION_QUOTA_PER_SEC, customKeyStorePerSec: CALIBRATION_QUOTA_PER_SEC },
    },
    latency: { ...scenario.latency, kms: zero(), throttled: zero(), s3: scenario.latency.s3, client: zero() },
  };
}

/**
 * Share of the calibration traffic given to a direct GenerateDataKey probe when the mix has no direct
 * KMS call: it measures the per-attempt overhead under the scenario's own load. Example: 120
 * encrypts/s -> the calibration drives 126.3 ops/s, of which 6.3/s are probe calls.
 */
export const PROBE_SHARE = 0.05;
/** Mix label of the probe (never a label a scenario can write: labels of direct calls start with "kms:"). */
export const PROBE_LABEL = "calibration-probe:GenerateDataKey";

function probeEntry(): MixEntry {
  return { op: "kms", kmsOperation: "GenerateDataKey", label: PROBE_LABEL, share: PROBE_SHARE, sizeBytes: 0, streaming: false, keyPairSpec: null, readAge: { type: "fixed", ageMs: 0 } };
}

function zero(): LatencySpec {
  return { p50Ms: 0, p99Ms: 0 };
}

function spec(l: { p50: number; p99: number }): LatencySpec {
  const p50Ms = Math.max(0, l.p50);
  return { p50Ms, p99Ms: Math.max(p50Ms, l.p99) };
}

/** What the calibration run measured, as the latencies the model takes. */
export function calibrationFrom(scenario: Scenario, run: LiveRunResult, missOperationsMs: Record<string, number> = {}): Calibration {
  const notes: string[] = [];
  const by = run.app.byOperation;
  const direct = scenario.traffic.mix.filter((m) => m.op === "kms" && (by[m.label]?.succeeded ?? 0) > 0);
  direct.sort((a, b) => by[b.label].succeeded - by[a.label].succeeded);
  const probe = by[PROBE_LABEL];
  const client = direct.length > 0 ? spec(by[direct[0].label].latencyMs) : probe && probe.succeeded > 0 ? spec(probe.latencyMs) : zero();
  if (direct.length === 0 && probe) notes.push(`client overhead from ${probe.succeeded} probe GenerateDataKey calls (${PROBE_SHARE * 100}% of the calibration traffic)`);
  if (direct.length > 1) notes.push(`client overhead taken from ${direct[0].label}, the biggest of ${direct.length} direct KMS operations`);
  const operationsMs: Record<string, MeasuredLatencySpec> = {};
  for (const m of scenario.traffic.mix) {
    if (!((m.op === "encrypt" || m.op === "decrypt") && (by[m.label]?.succeeded ?? 0) > 0)) continue;
    const known = run.live.cacheByOperation?.[m.label];
    if (known && known.hitHistogram && known.hitLatencyMs && known.hits > 0) {
      // The CMM told hits from misses operation by operation: the hits' own latencies.
      operationsMs[m.label] = { ...spec(known.hitLatencyMs), quantilesMs: quantileTable(known.hitHistogram) };
      notes.push(`${m.label}: local time from its ${known.hits} cache hits in calibration (${known.misses} misses left out)`);
      continue;
    }
    const f = missFraction(scenario, run, m.label, m.op, probe?.operations ?? 0);
    operationsMs[m.label] = hitTime(by[m.label], f);
    notes.push(`${m.label}: local time from the fastest ${((1 - f) * 100).toFixed(0)}% of its calibration operations (taken as the cache hits; ${(f * 100).toFixed(0)}% missed)`);
  }
  if (run.live.schedule.dropped > 0) notes.push(`${run.live.schedule.dropped} arrivals dropped during calibration: the machine cannot drive this rate`);
  return {
    measured: true,
    seconds: run.simulatedSeconds,
    ratePerSec: scenario.traffic.shape[0]?.ratePerSec ?? 0,
    operations: run.app.operations - (probe?.operations ?? 0),
    client,
    operationsMs,
    missOperationsMs: { ...missOperationsMs },
    lagMs: { ...run.live.schedule.lagMs },
    cacheHitRate: run.cache.hitRate,
    notes,
  };
}

/** Points of a measured quantile table: minimum, p1 ... p99, maximum. */
export const QUANTILE_POINTS = 101;

/**
 * A histogram as the table `EmpiricalLatency` samples: QUANTILE_POINTS quantiles, evenly spaced.
 * Example: hits mostly 2.5-3.5 ms with 1% of pauses up to 40 ms -> [2.1, 2.4, ..., 3.6, 9.8, 40].
 */
function quantileTable(histogram: string): number[] {
  const h = decodeHistogram(histogram);
  const out: number[] = [];
  for (let i = 0; i < QUANTILE_POINTS; i++) {
    const v = h.getValueAtPercentile((i / (QUANTILE_POINTS - 1)) * 100) / HISTOGRAM_UNIT_PER_MS;
    out.push(Math.max(v, i > 0 ? out[i - 1] : 0));
  }
  return out;
}

/**
 * Share of an Encryption SDK operation's calibration runs that missed the cache (and so also made a
 * KMS call). With no direct KMS call in the mix every GenerateDataKey is an encrypt miss (or a probe
 * call) and every Decrypt a decrypt miss; otherwise the run's overall miss rate.
 */
function missFraction(scenario: Scenario, run: LiveRunResult, label: string, op: "encrypt" | "decrypt", probeOps: number): number {
  const ops = run.app.byOperation[label].operations;
  const labels = scenario.traffic.mix.filter((m) => m.op === op).length;
  const direct = scenario.traffic.mix.some((m) => m.op === "kms");
  let f = 1 - run.cache.hitRate;
  if (!direct && labels === 1 && ops > 0) {
    const calls = op === "encrypt" ? (run.kms.byOperation.GenerateDataKey?.requests ?? 0) - probeOps : (run.kms.byOperation.Decrypt?.requests ?? 0);
    f = calls / ops;
  }
  return Math.min(0.9, Math.max(0, f));
}

/**
 * The local time of cache hits: the operation's calibration latencies include its misses (local
 * work + one KMS round trip), the slowest ones; taking the quantiles at q x (1 - f) keeps the hits
 * only, so the model does not add the round trip twice (it adds latency.client to each miss).
 * Example: decrypt with f = 0.42: p50 := the 29th percentile, p99 := the 57th.
 */
function hitTime(o: { latencyMs: { p50: number; p99: number }; histogram?: string }, f: number): LatencySpec {
  if (!o.histogram || f === 0) return spec(o.latencyMs);
  const h = decodeHistogram(o.histogram);
  const at = (q: number): number => h.getValueAtPercentile(q * 100) / HISTOGRAM_UNIT_PER_MS;
  return spec({ p50: at(0.5 * (1 - f)), p99: at(0.99 * (1 - f)) });
}

/** Fewest live cache hits a label needs for its live-measured local time to replace the calibration's. */
export const MIN_LOCAL_TIME_SAMPLES = 50;

/**
 * The Encryption SDK operations' local time (`operationsMs`) as the live run itself measured it:
 * its cache hits, each told apart by the CMM (`live.cacheByOperation`), as a quantile table. The
 * calibration run's stands only for labels with fewer than MIN_LOCAL_TIME_SAMPLES live hits.
 *
 * Why: a hit's time is the library's own CPU work (AES-GCM, ECDSA P-384) and its waits on this
 * process's event loop - the machine, not KMS. Measured in the calibration run half a minute later,
 * it differed from the live run's by -18% to +24% on this VM (14 caching rehearsals), and the
 * cache rehearsals' latency rows failed 1 run in 3 to 5 on that alone. It is therefore an input,
 * like the service latency the emulator injects; the model predicts everything else: which
 * operations miss (the stampede included), their KMS round trips and retries, and each miss's
 * extra local cost (missOperationsMs, measured separately). Taken from the live run, the p50 of a
 * mostly-hit workload checks the hit/miss mix and the p99 the miss path. See docs/decisions.md.
 * Example: 2,122 live hits, p50 2.34 ms -> encrypt local time p50 2.34 ms (calibration: 2.14 ms).
 */
export function withLiveLocalTime(c: Calibration, live: LiveRunResult): Calibration {
  const per = live.live.cacheByOperation;
  if (!per) return c;
  const operationsMs = { ...c.operationsMs };
  const notes = c.notes.filter((n) => !Object.keys(per).some((label) => n.startsWith(`${label}: local time from`)));
  for (const [label, h] of Object.entries(per)) {
    if (!(label in operationsMs)) continue;
    if (h.hits < MIN_LOCAL_TIME_SAMPLES || !h.hitHistogram || !h.hitLatencyMs) {
      notes.push(`${label}: only ${h.hits} cache hits in the live run; local time from the calibration run`);
      continue;
    }
    operationsMs[label] = { ...spec(h.hitLatencyMs), quantilesMs: quantileTable(h.hitHistogram) };
    notes.push(`${label}: local time from the live run's ${h.hits} cache hits (an input: this machine's CPU, not KMS)`);
  }
  return { ...c, operationsMs, notes };
}

/** No calibration: the scenario's own latency.client, no local time. */
export function uncalibrated(scenario: Scenario): Calibration {
  return {
    measured: false,
    seconds: 0,
    ratePerSec: scenario.traffic.shape[0]?.ratePerSec ?? 0,
    operations: 0,
    client: { ...scenario.latency.client },
    operationsMs: {},
    missOperationsMs: {},
    lagMs: { p50: 0, p99: 0, max: 0 },
    cacheHitRate: 0,
    notes: ["calibration skipped: latency.client as written in the scenario"],
  };
}

/** The scenario `simulate` runs: the scenario's service latencies plus the calibrated caller overhead. */
export function applyCalibration(scenario: Scenario, c: Calibration): Scenario {
  const operations = { ...(scenario.latency.operations ?? {}), ...c.operationsMs };
  const missOperationsMs = { ...(scenario.latency.missOperationsMs ?? {}), ...c.missOperationsMs };
  return {
    ...scenario,
    latency: {
      ...scenario.latency,
      client: { ...c.client },
      ...(Object.keys(operations).length > 0 ? { operations } : {}),
      ...(Object.keys(missOperationsMs).length > 0 ? { missOperationsMs } : {}),
    },
  };
}
