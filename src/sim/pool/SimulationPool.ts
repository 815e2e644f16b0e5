/**
 * A pool of worker threads that run simulation jobs (tinypool): `workers` threads, started at
 * once, kept between batches until `close()`. Each batch resolves to its results in job order,
 * whatever order the jobs finish in; the first job that fails rejects the batch with a
 * SimulationJobError and stops the batch's other jobs; an aborted signal rejects it with a
 * RunIncompleteError. Both terminate the threads that were running the batch (the pool starts
 * new ones), so nothing keeps running behind a rejected promise.
 *
 * From dist/ the workers load worker.js under plain node. From the TypeScript sources (vitest,
 * tsx) they load workerFromSource.mjs, which imports worker.ts through tsx's API (tsx is a
 * development dependency; Node 20 applies no `--import` loader inside a worker thread).
 */
import { MessageChannel } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import Tinypool from "tinypool";
import type { RunResult } from "../../metrics/result.js";
import { RunIncompleteError } from "../../errors.js";
import { JobProgress } from "./JobProgress.js";
import { SimulationJobError } from "./SimulationJobError.js";
import type { JobOutcome } from "./runJob.js";
import type { WorkerTask } from "./worker.js";
import type { RunSimulationsOptions, SimulationJob } from "./types.js";

export type BatchOptions = Omit<RunSimulationsOptions, "jobs">;

export class SimulationPool {
  readonly workers: number;
  private readonly pool: Tinypool;
  /** Errors of a thread outside any task (a worker that cannot start): fail the batches running. */
  private readonly failBatches = new Set<(e: unknown) => void>();

  constructor(workers: number) {
    if (!(Number.isInteger(workers) && workers >= 1)) throw new TypeError(`Expected workers to be a positive integer, got ${workers}`);
    this.workers = workers;
    this.pool = new Tinypool({ ...workerEntry(), minThreads: workers, maxThreads: workers });
    this.pool.on("error", (e: unknown) => {
      for (const fail of this.failBatches) fail(e);
    });
  }

  async run(jobs: readonly SimulationJob[], options: BatchOptions = {}): Promise<RunResult[]> {
    checkJobs(jobs);
    const { signal } = options;
    const progress = new JobProgress(jobs, options.onProgress);
    const stop = new AbortController();
    let failure: Error | null = null;
    const fail = (why: () => Error): Error => {
      if (!failure) {
        failure = signal?.aborted ? stopped(progress.finished, jobs.length, signal.reason) : why();
        stop.abort();
      }
      return failure;
    };
    const onAbort = (): void => void fail(() => stopped(progress.finished, jobs.length, signal?.reason));
    const onPoolError = (e: unknown): void => void fail(() => new Error(`a simulation worker failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
    signal?.addEventListener("abort", onAbort, { once: true });
    this.failBatches.add(onPoolError);
    try {
      if (signal?.aborted) onAbort();
      const outcomes = jobs.map((job, i) =>
        this.runOne(job, i, progress, options, stop.signal).catch((e: unknown) => Promise.reject(fail(() => new SimulationJobError(i, jobs.length, progress.label(i), e)))),
      );
      // Settle every job before returning, so that no thread of this batch is still running.
      const settled = await Promise.allSettled(outcomes);
      if (failure) throw failure;
      return settled.map((s) => (s as PromiseFulfilledResult<RunResult>).value);
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.failBatches.delete(onPoolError);
    }
  }

  /** Terminates the threads; jobs still running reject. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private async runOne(job: SimulationJob, index: number, progress: JobProgress, options: BatchOptions, signal: AbortSignal): Promise<RunResult> {
    const channel = options.onProgress ? new MessageChannel() : null;
    channel?.port1.on("message", (f: number) => progress.update(index, f));
    try {
      const task: WorkerTask = { job, port: channel?.port2 ?? null };
      const out = (await this.pool.run(task, { transferList: channel ? [channel.port2] : [], signal })) as JobOutcome;
      progress.finish(index);
      options.onJobDone?.({ index, label: progress.label(index), wallMs: out.wallMs, threadId: out.threadId, peakIsolateBytes: out.peakIsolateBytes });
      return out.result;
    } finally {
      channel?.port1.close();
    }
  }
}

/** worker.js beside this file in dist/; from the sources, the bootstrap that loads worker.ts through tsx. */
function workerEntry(): { filename: string } {
  const fromSource = import.meta.url.endsWith(".ts");
  return { filename: fileURLToPath(new URL(fromSource ? "./workerFromSource.mjs" : "./worker.js", import.meta.url)) };
}

export function checkJobs(jobs: readonly SimulationJob[]): void {
  if (!Array.isArray(jobs)) throw new TypeError(`Expected jobs to be an array, got ${jobs === null ? "null" : typeof jobs}`);
  jobs.forEach((j, i) => {
    if (!j || typeof j !== "object" || !j.scenario || typeof j.scenario !== "object") throw new TypeError(`Expected jobs[${i}] to be { scenario, ... } with a resolved scenario, got ${JSON.stringify(j)?.slice(0, 80)}`);
  });
}

/** The error of a batch stopped by its signal: how far it got; no partial results are returned. */
export function stopped(finished: number, total: number, reason: unknown): RunIncompleteError {
  return new RunIncompleteError(`simulation stopped: ${finished} of ${total} run(s) had finished; no result returned`, { cause: reason });
}
