/**
 * Latency and outcome of every application operation of a live run, per operation label: one HDR
 * histogram from the SCHEDULED time (what a user waits, corrected for coordinated omission) and one
 * from the actual send, plus schedule lag (send - scheduled) for every started arrival.
 * Example: an arrival due at t=100 ms that starts at 103 ms and finishes at 120 ms records 20 ms
 * (scheduled), 17 ms (service) and 3 ms lag.
 */
import { createHistogram, recordMs, type Histogram } from "../metrics/histogram.js";

export interface OpStats {
  operations: number;
  succeeded: number;
  failed: number;
  fromScheduled: Histogram;
  fromSend: Histogram;
  /** Encryption SDK operations through a caching CMM: successful hits and misses, and the hits' latency from scheduled arrival. */
  cacheHits: number;
  cacheMisses: number;
  hitsFromScheduled: Histogram | null;
}

export class LiveRecorder {
  readonly byOp = new Map<string, OpStats>();
  readonly all = createHistogram();
  readonly lag = createHistogram();
  planned = 0;
  started = 0;
  dropped = 0;
  /** Operations finished, warm-up included. */
  completed = 0;
  /** Measured operations that failed. */
  failed = 0;
  /** Completed operations scheduled inside the scenario's warm-up (run, not in the statistics). */
  warmupOperations = 0;
  /** Failed operations by error name. */
  readonly errors = new Map<string, number>();

  private stats(label: string): OpStats {
    let s = this.byOp.get(label);
    if (s === undefined) {
      s = { operations: 0, succeeded: 0, failed: 0, fromScheduled: createHistogram(), fromSend: createHistogram(), cacheHits: 0, cacheMisses: 0, hitsFromScheduled: null };
      this.byOp.set(label, s);
    }
    return s;
  }

  recordStart(lagMs: number, measured = true): void {
    this.started++;
    if (measured) recordMs(this.lag, lagMs);
  }

  recordDrop(label: string): void {
    this.dropped++;
    this.stats(label);
  }

  recordDone(label: string, scheduledMs: number, sentMs: number, doneMs: number, error: string | null, measured = true, cache: "hit" | "miss" | null = null): void {
    this.completed++;
    if (!measured) {
      this.warmupOperations++;
      return;
    }
    const s = this.stats(label);
    s.operations++;
    if (error === null) s.succeeded++;
    else {
      s.failed++;
      this.failed++;
      this.errors.set(error, (this.errors.get(error) ?? 0) + 1);
    }
    recordMs(s.fromScheduled, doneMs - scheduledMs);
    recordMs(s.fromSend, doneMs - sentMs);
    recordMs(this.all, doneMs - scheduledMs);
    if (error === null && cache === "hit") {
      s.cacheHits++;
      recordMs((s.hitsFromScheduled ??= createHistogram()), doneMs - scheduledMs);
    } else if (error === null && cache === "miss") s.cacheMisses++;
  }
}
