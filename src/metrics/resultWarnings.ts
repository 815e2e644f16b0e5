/**
 * Warnings a capacity planner must not miss, derived from a result. The first is the one AWS users
 * miss most: CloudWatch AWS/Usage shows per-minute averages, so a pool can look comfortably under
 * quota while one-second peaks are throttled.
 */
import type { Scenario } from "../scenario/types.js";
import type { RunResult } from "../metrics/result.js";

/** 95%, 12.5%, 0.038%: whole percent from 10%, one decimal from 1%, two significant digits below. */
const pct = (x: number): string => {
  const p = x * 100;
  if (p >= 10) return `${p.toFixed(0)}%`;
  if (p >= 1) return `${p.toFixed(1)}%`;
  return `${Number(p.toPrecision(2))}%`;
};
const n = (x: number): string => Math.round(x).toLocaleString("en-US");

export function warningsFor(s: Scenario, r: RunResult): string[] {
  const out: string[] = [];
  for (const p of r.kms.pools) {
    if (p.secondsThrottled > 0 && p.peakMinuteAvgPerSec < p.quotaPerSec) {
      out.push(
        `${p.pool}: the per-minute average (what CloudWatch AWS/Usage shows) peaks at ${pct(p.peakMinuteAvgPerSec / p.quotaPerSec)} of the ${n(p.quotaPerSec)}/s quota, yet ${n(p.secondsThrottled)} one-second interval(s) were throttled (${n(p.throttled)} requests).`,
      );
    } else if (p.secondsThrottled > 0) {
      out.push(
        `${p.pool}: requests reach ${pct(p.peakMinuteAvgPerSec / p.quotaPerSec)} of the ${n(p.quotaPerSec)}/s quota even as a per-minute average; ${n(p.secondsThrottled)} one-second interval(s) were throttled (${n(p.throttled)} requests).`,
      );
    } else if (p.peakPerSec >= 0.8 * p.quotaPerSec) {
      out.push(`${p.pool}: one-second peaks reach ${pct(p.peakPerSec / p.quotaPerSec)} of the ${n(p.quotaPerSec)}/s quota with no throttling yet: little headroom.`);
    }
  }
  if (r.kms.budgetExhausted > 0) {
    out.push(
      `${n(r.kms.budgetExhausted)} operation(s) gave up early because their SDK client's retry budget (500 tokens, 5 per throttled retry) was spent: expected SDK behaviour under sustained throttling, not a bug.`,
    );
  }
  if (r.kms.retries > 0 && r.kms.requests > 0 && r.kms.throttled > 0) {
    const amplification = r.kms.requests / Math.max(1, r.kms.requests - r.kms.retries);
    if (amplification >= 1.1) out.push(`Retries amplify load: ${n(r.kms.requests)} KMS requests for ${n(r.kms.requests - r.kms.retries)} first attempts (x${amplification.toFixed(2)}).`);
  }
  if (r.app.failed > 0) out.push(`${n(r.app.failed)} application operation(s) failed (${pct(r.app.failureRate)}).`);
  const b = s.keys.boundary;
  if (s.keys.tier === "customer-managed" && (b === "per-tenant" || b === "per-resource") && r.keys.count >= 100) {
    out.push(
      `${n(r.keys.count)} keys cost $${n(r.cost.monthlyUsd.keys + r.cost.monthlyUsd.rotation)}/month${r.cost.monthlyUsd.rotation > 0 ? " with rotation" : ""} and buy no throughput: KMS request quotas are shared per account and Region, not per key. Per-tenant keys give per-tenant revocation and audit; an encryption context per tenant gives isolation on a shared key.`,
    );
  }
  if (s.cache && r.cache.hits + r.cache.misses > 0 && r.cache.hitRate < 0.5) {
    out.push(
      `The data-key cache hits only ${pct(r.cache.hitRate)}: each (instance, tenant) pair sees too few messages per maxAge to reuse a data key. Fewer instances per tenant (routing: by-tenant), a longer maxAge or a shared context would help.`,
    );
  }
  if (r.cache.stampedeMisses > 0 && r.cache.misses > 0 && r.cache.stampedeMisses / r.cache.misses > 0.1) {
    out.push(`${pct(r.cache.stampedeMisses / r.cache.misses)} of cache misses were stampede misses (concurrent misses for one entry each call KMS: the Encryption SDK does not coalesce them).`);
  }
  return out;
}
