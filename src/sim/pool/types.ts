/**
 * What the simulation pool runs and reports. A job is one simulation: a resolved scenario and the
 * options of its run. Jobs cross to a worker thread by structured clone, so a scenario must be
 * plain data (as `loadScenarioFile` and `normalise` make it).
 */
import type { Scenario } from "../../scenario/types.js";

export interface SimulationJob {
  scenario: Scenario;
  /** Salt of the engine's own random streams (replications, see replicate.ts); default 0. */
  replicate?: number;
  /** Add per-second pool series to the result; default false. */
  series?: boolean;
  /** Add encoded HDR histograms to the result; default false. */
  histograms?: boolean;
  /** Name of the run in progress reports and errors; default "NAME [VARIANT]". */
  label?: string;
}

export interface RunningJob {
  /** Index of the job in the array given. */
  index: number;
  label: string;
  /** Fraction of the job's simulated time done, 0..1. */
  fraction: number;
}

export interface SimulationProgress {
  /** Of all jobs, weighted by simulated duration, 0..1. */
  fraction: number;
  done: number;
  total: number;
  /** The jobs running now, in job order. */
  running: RunningJob[];
}

/** What one finished job cost: for benchmarks and capacity planning of the pool itself. */
export interface JobStats {
  index: number;
  label: string;
  /** Wall time of the simulation itself, ms (worker start-up and transfer excluded). */
  wallMs: number;
  /** Worker thread id, or 0 for a job run on the calling thread. */
  threadId: number;
  /**
   * Peak memory of the thread's V8 isolate during the job, bytes: heap pages resident plus
   * external (typed array) memory, sampled at every progress step. Threads share one process, so
   * this is the worker's share of the process RSS, not an RSS of its own.
   */
  peakIsolateBytes: number;
}

export interface RunSimulationsOptions {
  /**
   * Simulations run at the same time, each on a worker thread. 1, or a single job, runs on the
   * calling thread without a worker. Default: sized to the machine (`autoWorkers`): one per core,
   * or every job at once when there are at most twice as many jobs as cores.
   */
  jobs?: number;
  /** Called as jobs start, advance (50 steps each) and finish. */
  onProgress?: (progress: SimulationProgress) => void;
  /** Called once per job when it finishes, in completion order. */
  onJobDone?: (stats: JobStats) => void;
  /** Stops every job: the promise rejects with a RunIncompleteError and the workers are terminated. */
  signal?: AbortSignal;
}
