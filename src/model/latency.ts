/**
 * Service-time model: a lognormal distribution fitted to a median and a 99th percentile.
 *
 * For X = exp(mu + sigma Z), Z standard normal: median = exp(mu), p99 = exp(mu + 2.3263 sigma).
 * So mu = ln(p50), sigma = ln(p99 / p50) / 2.3263.
 * Worked example: p50 8 ms, p99 30 ms -> mu = 2.0794, sigma = 0.5682; mean = exp(mu + sigma^2/2) = 9.4 ms.
 * p50 = p99 gives a constant; p50 = 0 gives 0 (no latency).
 */
import type { LatencySpec, MeasuredLatencySpec } from "../scenario/types.js";
import type { Random } from "../plan/Random.js";

/** z-score of the 99th percentile of the standard normal distribution. */
export const Z_99 = 2.3263478740408408;

export class LognormalLatency {
  readonly mu: number;
  readonly sigma: number;
  readonly constantMs: number;

  constructor(spec: LatencySpec) {
    if (!(spec.p50Ms >= 0) || !(spec.p99Ms >= spec.p50Ms)) {
      throw new TypeError(`Expected 0 <= p50Ms <= p99Ms, got p50Ms=${spec.p50Ms}, p99Ms=${spec.p99Ms}`);
    }
    if (spec.p50Ms === 0 || spec.p99Ms === spec.p50Ms) {
      this.constantMs = spec.p50Ms;
      this.mu = 0;
      this.sigma = 0;
    } else {
      this.constantMs = -1;
      this.mu = Math.log(spec.p50Ms);
      this.sigma = Math.log(spec.p99Ms / spec.p50Ms) / Z_99;
    }
  }

  /** One service time in milliseconds. */
  sample(rng: Random): number {
    return this.constantMs >= 0 ? this.constantMs : Math.exp(this.mu + this.sigma * rng.normal());
  }

  /** Expected value in milliseconds. */
  meanMs(): number {
    return this.constantMs >= 0 ? this.constantMs : Math.exp(this.mu + (this.sigma * this.sigma) / 2);
  }

  /** The q-quantile (0 < q < 1) in milliseconds, from the normal quantile z of q. */
  quantileMs(z: number): number {
    return this.constantMs >= 0 ? this.constantMs : Math.exp(this.mu + this.sigma * z);
  }
}

/**
 * A measured distribution sampled by inverse CDF: u uniform in [0, 1) -> position u x (n - 1) in the
 * quantile table, linearly interpolated. Example: table [2, 3, 40] (min, median, max): u = 0.25 ->
 * 2.5 ms, u = 0.75 -> 21.5 ms. One uniform draw per sample, no allocation.
 */
export class EmpiricalLatency {
  private readonly q: Float64Array;

  constructor(quantilesMs: readonly number[]) {
    if (!(Array.isArray(quantilesMs) && quantilesMs.length >= 2)) throw new TypeError(`Expected at least 2 quantiles, got ${Array.isArray(quantilesMs) ? quantilesMs.length : typeof quantilesMs}`);
    for (let i = 0; i < quantilesMs.length; i++) {
      const v = quantilesMs[i];
      if (!(Number.isFinite(v) && v >= 0 && (i === 0 || v >= quantilesMs[i - 1]))) {
        throw new TypeError(`Expected non-negative, non-decreasing quantiles, got ${v} at index ${i}`);
      }
    }
    this.q = Float64Array.from(quantilesMs);
  }

  sample(rng: Random): number {
    const pos = rng.next() * (this.q.length - 1);
    const i = Math.floor(pos);
    return this.q[i] + (pos - i) * (this.q[i + 1] - this.q[i]);
  }
}

/** The sampler for a latency spec: its measured table when it has one, else the lognormal fit. */
export function latencySampler(spec: MeasuredLatencySpec): { sample(rng: Random): number } {
  return spec.quantilesMs && spec.quantilesMs.length >= 2 ? new EmpiricalLatency(spec.quantilesMs) : new LognormalLatency(spec);
}
