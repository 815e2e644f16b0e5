/**
 * One simulation job on the current thread - the worker's task and the in-process path alike, so
 * that a job gives the same result wherever it runs.
 */
import { getHeapStatistics } from "node:v8";
import { threadId } from "node:worker_threads";
import type { RunResult } from "../../metrics/result.js";
import { simulateOnce } from "../simulate.js";
import type { SimulationJob } from "./types.js";

export interface JobOutcome {
  result: RunResult;
  wallMs: number;
  threadId: number;
  peakIsolateBytes: number;
}

/** `onFraction` gets 0 at the start, then the fraction of simulated time done after each step. */
export function runJob(job: SimulationJob, onFraction?: (fraction: number) => void): JobOutcome {
  let peakIsolateBytes = isolateBytes();
  const t0 = performance.now();
  onFraction?.(0);
  const { result } = simulateOnce(job.scenario, {
    series: job.series,
    histograms: job.histograms,
    replicate: job.replicate,
    onProgress: (f) => {
      peakIsolateBytes = Math.max(peakIsolateBytes, isolateBytes());
      onFraction?.(f);
    },
  });
  const wallMs = performance.now() - t0;
  peakIsolateBytes = Math.max(peakIsolateBytes, isolateBytes());
  return { result, wallMs, threadId, peakIsolateBytes };
}

/** This isolate's heap pages resident in memory plus its external (ArrayBuffer) memory, bytes. */
function isolateBytes(): number {
  const h = getHeapStatistics();
  return h.total_physical_size + h.external_memory;
}

/** The display name of a job: its label, else "NAME [VARIANT]". */
export function jobLabel(job: SimulationJob): string {
  return job.label ?? (job.scenario.variant ? `${job.scenario.name} [${job.scenario.variant}]` : job.scenario.name);
}
