/**
 * The worker thread's entry (tinypool loads it): run one job, post its progress on the port the
 * job came with, return the result. Results cross back by structured clone, which keeps every
 * number, key and key order, so `toJson` prints the same bytes as for a run on the main thread.
 */
import type { MessagePort } from "node:worker_threads";
import { runJob, type JobOutcome } from "./runJob.js";
import type { SimulationJob } from "./types.js";

export interface WorkerTask {
  job: SimulationJob;
  /** Gets the fraction done (a number) at the start and after each step; null: no progress. */
  port: MessagePort | null;
}

export default function runWorkerTask({ job, port }: WorkerTask): JobOutcome {
  try {
    return runJob(job, port ? (f) => port.postMessage(f) : undefined);
  } finally {
    port?.close();
  }
}
