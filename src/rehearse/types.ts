/**
 * Options and outcome of `rehearse`: the scenario run live against the local emulator (real SDK
 * clients, real Encryption SDK) and simulated, with the comparison of the two.
 */
import type { Comparison, Tolerances } from "../compare/types.js";
import type { EmulatorStats } from "../emulate/types.js";
import type { LiveCredentials, LiveProgress } from "../live/types.js";
import type { LiveRunResult } from "../live/buildLiveResult.js";
import type { RunResult } from "../metrics/result.js";
import type { LatencySpec, MeasuredLatencySpec, Scenario } from "../scenario/types.js";
import type { Spread } from "../sim/replicate.js";
import type { SimulationProgress } from "../sim/pool/types.js";

export type RehearsePhase = "calibrate" | "live" | "simulate" | "compare";

export interface RehearseProgress {
  phase: RehearsePhase;
  /** One line for humans, e.g. "calibrating client overhead: 20 s at 300 ops/s, no quota, no injected latency". */
  message: string;
  /** During the calibrate and live phases: the live driver's own progress. */
  live?: LiveProgress;
  /** During the simulate phase: the replications' progress on the worker pool. */
  simulation?: SimulationProgress;
}

export interface RehearseOptions {
  scenario: Scenario;
  /** Where the live runs write their result files and manifests (results/ by default in the CLI). */
  resultsDir: string;
  /** Default DEFAULT_TOLERANCES. */
  tolerances?: Readonly<Tolerances>;
  /**
   * Measure the caller-side overhead before the run (default true). False: simulate with the
   * scenario's own `latency.client` and no per-operation local time.
   */
  calibrate?: boolean;
  /** Traffic of the calibration run, ms after its warm-up; default min(DEFAULT_CALIBRATION_MS = 20 s, the scenario's traffic). */
  calibrationMs?: number;
  /** Default dummy credentials (accessKeyId "test"): the emulator does not check signatures. */
  credentials?: LiveCredentials;
  /** S3 endpoint, when the mix has s3-put / s3-get (the emulator serves KMS only). */
  s3EndpointUrl?: string;
  /**
   * Simulated replications of the scenario (same arrivals, independent draws of service times,
   * jitter and limiter waiters); the prediction is the median of each metric. Default
   * DEFAULT_REPLICATIONS (15).
   */
  replications?: number;
  /** Replications simulated at the same time on worker threads; default sized to the machine (see sim/pool autoWorkers). */
  jobs?: number;
  onProgress?: (p: RehearseProgress) => void;
  signal?: AbortSignal;
}

/** What the calibration run measured and what the prediction was given. */
export interface Calibration {
  /** False when calibration was skipped (`calibrate: false`). */
  measured: boolean;
  /** Traffic seconds of the calibration run (after its warm-up). */
  seconds: number;
  ratePerSec: number;
  /** Operations measured (after warm-up). */
  operations: number;
  /**
   * The per-attempt caller overhead used as `latency.client`: the round trip of direct KMS calls
   * against the emulator with no injected latency and no quota, from scheduled arrival (so it holds
   * schedule lag too). {0, 0} when the mix has no direct KMS call (see `operations`).
   */
  client: LatencySpec;
  /** Per mix label: the operation's local time used as `latency.operations` (Encryption SDK ops). */
  operationsMs: Record<string, MeasuredLatencySpec>;
  /** Per mix label: a cache miss's extra local time, ms, used as `latency.missOperationsMs` (see missCost.ts). */
  missOperationsMs: Record<string, number>;
  /** Schedule lag of the calibration run (how late the driver started arrivals), ms. */
  lagMs: { p50: number; p99: number; max: number };
  /** Cache hit rate of the calibration run (its Encryption SDK ops' latency mixes hits and misses). */
  cacheHitRate: number;
  notes: string[];
}

export interface RehearsalOutcome {
  /** `simulate` on the scenario with the calibrated client and local latencies: the median of `replications` runs. */
  predicted: RunResult;
  replications: number;
  /** Min, median and max of the headline metrics across the replications (how far one run can stray). */
  spread: Record<string, Spread>;
  /** `live` against the emulator. */
  measured: LiveRunResult;
  comparison: Comparison;
  calibration: Calibration;
  /** The emulator's own counters after the live run (every attempt it saw, throttled ones). */
  emulatorStats: EmulatorStats;
  /** The scenario as simulated (latency.client and latency.operations filled in). */
  simulatedScenario: Scenario;
  /** Result file of the live run. */
  measuredFile: string;
}
