/**
 * The one answer to "when does arrival n happen, and what is it": used by `simulate` (virtual time)
 * and by `live` (wall-clock time), so predicted and measured runs see exactly the same sequence of
 * operations, tenants, instances and resources for the same scenario and seed.
 *
 * Times follow the rate shape, a piecewise-linear function r(t). Arrival n sits where the cumulative
 * rate Lambda(t) = integral_0^t r reaches L_n: Poisson arrivals use L_n = L_{n-1} + Exp(1) (a
 * non-homogeneous Poisson process by time change), uniform arrivals use L_n = n. Lambda is piecewise
 * quadratic, so inverting it is exact (one square root per ramp arrival).
 *
 * Worked example: rate 2/s constant, uniform -> arrivals at 0, 500, 1000 ... ms. Ramp 0 -> 10/s over
 * 10 s: Lambda(t) = t^2/2, so arrival n (uniform) is at sqrt(2n) s: 0, 1.41, 2, 2.45 ... s.
 *
 * Every arrival draws its random numbers from one stream in a fixed order (time, tenant, op,
 * instance, resource), skipping a draw only where there is a single choice (one tenant, one op,
 * one instance or by-tenant routing, one resource per tenant). So variants that change the key
 * layout or retry settings see exactly the same arrivals (common random numbers).
 */
import type { Scenario } from "../scenario/types.js";
import { tenantPicker } from "./tenants.js";
import { AliasTable } from "./AliasTable.js";
import { Random } from "./Random.js";

/** Breakpoints of r(t): rate `ratePerSec[i]` at `atSec[i]`, linear between, constant after the last. */
export interface RateCurve {
  atSec: Float64Array;
  ratePerSec: Float64Array;
  /** Lambda at each breakpoint. */
  cumulative: Float64Array;
}

export function buildRateCurve(shape: Scenario["traffic"]["shape"]): RateCurve {
  const at: number[] = [0];
  const rate: number[] = [shape.length && shape[0].atMs === 0 && shape[0].rampMs === 0 ? shape[0].ratePerSec : 0];
  for (const step of shape) {
    const startSec = step.atMs / 1000;
    const endSec = (step.atMs + step.rampMs) / 1000;
    const prevRate = rate[rate.length - 1];
    if (startSec > at[at.length - 1]) {
      at.push(startSec);
      rate.push(prevRate);
    }
    if (endSec > startSec) {
      at.push(endSec);
      rate.push(step.ratePerSec);
    } else {
      // A step: a zero-length segment from the old rate to the new one.
      at.push(startSec);
      rate.push(step.ratePerSec);
    }
  }
  const cumulative = new Float64Array(at.length);
  for (let i = 1; i < at.length; i++) {
    cumulative[i] = cumulative[i - 1] + ((rate[i - 1] + rate[i]) / 2) * (at[i] - at[i - 1]);
  }
  return { atSec: Float64Array.from(at), ratePerSec: Float64Array.from(rate), cumulative };
}

/** Rate at time t (seconds). */
export function rateAt(curve: RateCurve, tSec: number): number {
  const { atSec, ratePerSec } = curve;
  const n = atSec.length;
  if (tSec >= atSec[n - 1]) return ratePerSec[n - 1];
  let i = 0;
  while (i + 1 < n && atSec[i + 1] <= tSec) i++;
  const d = atSec[i + 1] - atSec[i];
  return d > 0 ? ratePerSec[i] + ((ratePerSec[i + 1] - ratePerSec[i]) * (tSec - atSec[i])) / d : ratePerSec[i + 1];
}

/** Expected number of arrivals in [0, t). */
export function expectedArrivals(curve: RateCurve, tSec: number): number {
  const { atSec, ratePerSec, cumulative } = curve;
  const n = atSec.length;
  let i = 0;
  while (i + 1 < n && atSec[i + 1] <= tSec) i++;
  if (i === n - 1) return cumulative[i] + ratePerSec[i] * (tSec - atSec[i]);
  const d = atSec[i + 1] - atSec[i];
  const tau = tSec - atSec[i];
  const slope = d > 0 ? (ratePerSec[i + 1] - ratePerSec[i]) / d : 0;
  return cumulative[i] + ratePerSec[i] * tau + (slope * tau * tau) / 2;
}

export class Schedule {
  /** Filled by `next()`: scheduled time of the arrival, ms from the start. */
  timeMs = 0;
  /** 0-based sequence number of the arrival. */
  index = -1;
  /** Index into `scenario.traffic.mix`. */
  opIndex = 0;
  tenant = 0;
  instance = 0;
  /** Resource of the tenant (for per-resource keys), in [0, resourcesPerTenant). */
  resource = 0;

  private readonly rng: Random;
  private readonly curve: RateCurve;
  private readonly poisson: boolean;
  private readonly endMs: number;
  private readonly tenants: number;
  private readonly picker: AliasTable | null;
  private readonly mixCumulative: Float64Array;
  private readonly instances: number;
  private readonly byTenant: boolean;
  private readonly resources: number;
  private level = 0;
  private segment = 0;

  constructor(scenario: Scenario, seed: number = scenario.seed) {
    this.rng = Random.stream(seed, "arrivals");
    this.curve = buildRateCurve(scenario.traffic.shape);
    this.poisson = scenario.traffic.arrivals === "poisson";
    this.endMs = scenario.durationMs;
    this.tenants = scenario.tenants.count;
    this.picker = tenantPicker(scenario);
    const mix = scenario.traffic.mix;
    this.mixCumulative = new Float64Array(mix.length);
    let acc = 0;
    for (let i = 0; i < mix.length; i++) this.mixCumulative[i] = acc += mix[i].share;
    this.mixCumulative[mix.length - 1] = Infinity;
    this.instances = scenario.clients.instances;
    this.byTenant = scenario.clients.routing === "by-tenant";
    this.resources = Math.max(1, scenario.keys.resourcesPerTenant);
    this.level = this.poisson ? 0 : -1;
  }

  /** Advance to the next arrival; false when it would fall at or after the end of the run. */
  next(): boolean {
    const r = this.rng;
    const uTime = r.nextOpen();
    const uTenant = this.tenants > 1 ? r.next() : 0;
    const uOp = this.mixCumulative.length > 1 ? r.next() : 0;
    const uInstance = this.instances > 1 && !this.byTenant ? r.next() : 0;
    const uResource = this.resources > 1 ? r.next() : 0;
    this.level += this.poisson ? -Math.log(uTime) : 1;
    const tSec = this.invert(this.level);
    const tMs = tSec * 1000;
    if (!(tMs < this.endMs)) return false;
    this.timeMs = tMs;
    this.index++;
    this.tenant = this.picker === null ? Math.floor(uTenant * this.tenants) : this.picker.sample(uTenant);
    const mc = this.mixCumulative;
    let op = 0;
    while (uOp >= mc[op]) op++;
    this.opIndex = op;
    this.instance = this.byTenant ? this.tenant % this.instances : Math.floor(uInstance * this.instances);
    this.resource = Math.floor(uResource * this.resources);
    return true;
  }

  /** Time (s) where Lambda reaches `level`; Infinity if it never does. */
  private invert(level: number): number {
    const { atSec, ratePerSec, cumulative } = this.curve;
    const n = atSec.length;
    let i = this.segment; // levels only grow, so the segment only moves forward
    while (i + 1 < n && cumulative[i + 1] <= level) i++;
    this.segment = i;
    const dL = level - cumulative[i];
    if (dL <= 0) return atSec[i];
    const r0 = ratePerSec[i];
    if (i === n - 1) return r0 > 0 ? atSec[i] + dL / r0 : Infinity;
    const d = atSec[i + 1] - atSec[i];
    const slope = d > 0 ? (ratePerSec[i + 1] - r0) / d : 0;
    if (slope === 0) return r0 > 0 ? atSec[i] + dL / r0 : atSec[i + 1];
    // Solve r0*tau + slope*tau^2/2 = dL in the numerically stable form.
    const disc = r0 * r0 + 2 * slope * dL;
    return atSec[i] + (2 * dL) / (r0 + Math.sqrt(disc > 0 ? disc : 0));
  }
}
