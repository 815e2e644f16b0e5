/**
 * Tenants: which classification each tenant belongs to, and how traffic is shared among them.
 *
 * Classification of tenant i is deterministic and needs no random numbers: the low-discrepancy
 * sequence frac(i * phi) (phi = golden-ratio conjugate) is mapped through the cumulative shares, so
 * every classification gets share * count tenants (within 1) and, under Zipf traffic, the hot
 * tenants are spread over classifications rather than all landing in the first one.
 */
import type { Scenario } from "../scenario/types.js";
import { AliasTable } from "./AliasTable.js";

const PHI = 0.6180339887498949;

export function classificationOf(tenant: number, cumulativeShares: Float64Array): number {
  const x = (tenant * PHI) % 1;
  for (let c = 0; c < cumulativeShares.length - 1; c++) if (x < cumulativeShares[c]) return c;
  return cumulativeShares.length - 1;
}

export function cumulative(shares: readonly number[]): Float64Array {
  const out = new Float64Array(shares.length);
  let acc = 0;
  for (let i = 0; i < shares.length; i++) out[i] = acc += shares[i];
  out[shares.length - 1] = 1;
  return out;
}

/** Class index of every tenant (Uint16Array of length tenants.count). */
export function tenantClassifications(scenario: Scenario): Uint16Array {
  const cum = cumulative(scenario.tenants.classifications.map((c) => c.share));
  const out = new Uint16Array(scenario.tenants.count);
  for (let t = 0; t < out.length; t++) out[t] = classificationOf(t, cum);
  return out;
}

/**
 * Share of traffic by tenant: uniform, or Zipf (tenant 0 is rank 1, weight 1/rank^s).
 * Returns null for uniform (callers pick uniformly without a table).
 */
export function tenantPicker(scenario: Scenario): AliasTable | null {
  const d = scenario.tenants.distribution;
  if (d.type === "uniform") return null;
  const w = new Float64Array(scenario.tenants.count);
  for (let k = 0; k < w.length; k++) w[k] = 1 / Math.pow(k + 1, d.exponent);
  return new AliasTable(w);
}
