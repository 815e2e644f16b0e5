/**
 * `runSimulations(jobs, { jobs: N })`: run simulations side by side on N worker threads and resolve
 * to their results in job order. The results are those of running each job alone on one thread,
 * byte for byte, whatever N: a job carries everything its run depends on (scenario, seed,
 * replicate), and no state crosses from one job to another.
 *
 * With N = 1, or a single job, the jobs run one after the other on the calling thread and no worker
 * is started. Then the thread is busy during each job: a signal is seen between jobs. Without N,
 * the pool is sized to the machine (autoWorkers).
 *
 * Example: the three key layouts of a file on a 2-core machine ->
 *   await runSimulations(variants.map((scenario) => ({ scenario })), { jobs: 2 })
 *   // [per-tenant, per-classification, per-account], as `variants.map((s) => simulate(s, { savings: false }))`
 */
import { availableParallelism } from "node:os";
import type { RunResult } from "../../metrics/result.js";
import { JobProgress } from "./JobProgress.js";
import { runJob } from "./runJob.js";
import { SimulationJobError } from "./SimulationJobError.js";
import { checkJobs, SimulationPool, stopped, type BatchOptions } from "./SimulationPool.js";
import type { RunSimulationsOptions, SimulationJob } from "./types.js";

/** The cores this process may use (`os.availableParallelism()`): the pool's size when not told. */
export const DEFAULT_JOBS = availableParallelism();

/**
 * Workers for `jobCount` jobs when the caller does not say (`jobs` unset): one per core, except
 * that a batch of at most twice as many jobs as cores runs all at once. Jobs cannot be split, so
 * 3 equal jobs on 2 workers take 2 job-times with one core idle for the last; on 3 threads the
 * system shares the 2 cores among them and all finish after 1.5 job-times. Past two rounds the
 * idle tail is a small part of the batch and one thread per core keeps memory at one run per core.
 *
 * Example: 2 cores -> 3 variants: 3 workers; 15 replications: 2 workers; 1 job: none (in process).
 */
export function autoWorkers(jobCount: number, cores: number = DEFAULT_JOBS): number {
  if (cores <= 1 || jobCount <= 1) return Math.min(jobCount, 1);
  return jobCount <= 2 * cores ? jobCount : cores;
}

export async function runSimulations(jobs: readonly SimulationJob[], options: RunSimulationsOptions = {}): Promise<RunResult[]> {
  checkJobs(jobs);
  const workers = options.jobs === undefined ? autoWorkers(jobs.length) : Math.min(checkJobCount(options.jobs), jobs.length);
  if (workers <= 1) return runInProcess(jobs, options);
  const pool = new SimulationPool(workers);
  try {
    return await pool.run(jobs, options);
  } finally {
    await pool.close();
  }
}

/** The jobs one after the other on this thread, with the same progress, stats and errors as the pool. */
export async function runInProcess(jobs: readonly SimulationJob[], options: BatchOptions = {}): Promise<RunResult[]> {
  checkJobs(jobs);
  const progress = new JobProgress(jobs, options.onProgress);
  const results: RunResult[] = [];
  for (let i = 0; i < jobs.length; i++) {
    // Let a pending abort (Ctrl-C) be seen between jobs.
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) throw stopped(i, jobs.length, options.signal.reason);
    let out;
    try {
      out = runJob(jobs[i], options.onProgress ? (f) => progress.update(i, f) : undefined);
    } catch (e) {
      throw new SimulationJobError(i, jobs.length, progress.label(i), e);
    }
    progress.finish(i);
    options.onJobDone?.({ index: i, label: progress.label(i), wallMs: out.wallMs, threadId: out.threadId, peakIsolateBytes: out.peakIsolateBytes });
    results.push(out.result);
  }
  return results;
}

export function checkJobCount(jobs: number): number {
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new TypeError(`Expected jobs to be a positive integer, got ${jobs}`);
  return jobs;
}
