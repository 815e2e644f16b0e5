/**
 * Per-tick checks of the sdk drive: the request/cost guardrails (maxRequests, maxCostUsd) and the
 * progress snapshot handed to `onProgress` (the CLI renders it on stderr about every second).
 */
import { pricePer10k } from "../model/cost.js";
import type { LiveCounters } from "./LiveCounters.js";
import type { LiveRecorder } from "./LiveRecorder.js";
import type { LiveOptions, LiveProgress } from "./types.js";

/** Symmetric KMS request price, USD per request ($0.03 per 10,000; docs/reference.md §4). */
export const USD_PER_KMS_REQUEST = 0.03 / 10_000;

/**
 * What the KMS requests sent so far cost, USD, each at its request class's price (an RSA key's
 * requests at $0.15 per 10,000, an RSA key pair's at $12: `pricePer10k`), throttled ones included
 * so the guardrail errs high. Attempts not attributed to a class (before provisioning) count at
 * the symmetric price.
 */
export function spentUsd(c: LiveCounters): number {
  let usd = 0;
  let attributed = 0;
  const t = c.table;
  if (t !== null) {
    c.classes.forEach((k, i) => {
      const cls = t.classes[i];
      if (!cls) return;
      usd += (k.requests * pricePer10k(cls.priceClass)) / 10_000;
      attributed += k.requests;
    });
  }
  return usd + Math.max(0, c.kmsRequests - attributed) * USD_PER_KMS_REQUEST;
}

/** Why the run must stop now, or null. Example: maxRequests 5 and 5 attempts sent -> "maxRequests reached (5 KMS requests)". */
export function budgetStopReason(opts: Pick<LiveOptions, "maxRequests" | "maxCostUsd">, c: LiveCounters): string | null {
  if (opts.maxRequests !== undefined && c.kmsRequests >= opts.maxRequests) return `maxRequests reached (${c.kmsRequests} KMS requests)`;
  const usd = spentUsd(c);
  if (opts.maxCostUsd !== undefined && usd >= opts.maxCostUsd) return `maxCostUsd reached ($${usd.toFixed(4)})`;
  return null;
}

export interface ProgressWindow {
  nowMs: number;
  startMs: number;
  durationMs: number;
  /** Previous snapshot's time and started count (for the achieved rate). */
  lastMs: number;
  lastStarted: number;
}

export function progressSnapshot(w: ProgressWindow, r: LiveRecorder, c: LiveCounters): LiveProgress {
  return {
    elapsedSec: (w.nowMs - w.startMs) / 1000,
    remainingSec: Math.max(0, (w.startMs + w.durationMs - w.nowMs) / 1000),
    started: r.started,
    completed: r.completed,
    failed: r.failed,
    dropped: r.dropped,
    inFlight: r.started - r.completed,
    achievedRatePerSec: w.nowMs > w.lastMs ? ((r.started - w.lastStarted) * 1000) / (w.nowMs - w.lastMs) : 0,
    kmsRequests: c.kmsRequests,
    throttled: c.kmsThrottled,
    errors: r.failed,
    lagP99Ms: r.lag.totalCount > 0 ? r.lag.getValueAtPercentile(99) / 1000 : 0,
  };
}
