/**
 * The scenario a live run actually drives: tenants capped (`tenants`) and the rate multiplied
 * (`scale`) so a sandbox run stays small. Exported so the CLI can `simulate` the very same
 * scenario for `compare`. Example: 3,000 tenants at 9,000 ops/s with tenants 3, scale 0.01 ->
 * 3 tenants at 90 ops/s, same mix, duration, retry and cache settings.
 */
import { keyLayout } from "../model/keyLayout.js";
import { tenantClassifications } from "../plan/tenants.js";
import type { Scenario } from "../scenario/types.js";

export function liveScenario(scenario: Scenario, tenants?: number, scale?: number): Scenario {
  if (tenants !== undefined && !(Number.isInteger(tenants) && tenants >= 1)) {
    throw new TypeError(`Expected tenants to be a positive integer, got ${tenants}`);
  }
  if (scale !== undefined && !(Number.isFinite(scale) && scale > 0)) {
    throw new TypeError(`Expected scale to be a positive number, got ${scale}`);
  }
  const count = Math.min(scenario.tenants.count, tenants ?? scenario.tenants.count);
  const factor = scale ?? 1;
  return {
    ...scenario,
    tenants: { ...scenario.tenants, count },
    clients: { ...scenario.clients },
    traffic: {
      ...scenario.traffic,
      shape: scenario.traffic.shape.map((s) => ({ ...s, ratePerSec: s.ratePerSec * factor })),
    },
  };
}

/** One named key of the layout, with the index `keyLayout().keyOf` returns for it. */
export interface KeySlot {
  index: number;
  /** Used in the alias: alias/kmsplan/<run>/<name>. */
  name: string;
}

/** The keys of the (already scaled) scenario's layout, named. */
export function keySlots(scenario: Scenario): KeySlot[] {
  const layout = keyLayout(scenario);
  const { boundary, tier } = scenario.keys;
  const perResource = boundary === "per-resource" ? Math.max(1, scenario.keys.resourcesPerTenant) : 1;
  const effective = tier === "customer-managed" ? boundary : "per-account";
  const out: KeySlot[] = [];
  for (let k = 0; k < layout.addressableKeys; k++) {
    let name: string;
    switch (effective) {
      case "per-account":
        name = "account";
        break;
      case "per-classification":
        name = `class-${scenario.tenants.classifications[k]?.name ?? k}`;
        break;
      case "per-tenant":
        name = `tenant-${k}`;
        break;
      default:
        name = `tenant-${Math.floor(k / perResource)}-r${k % perResource}`;
    }
    out.push({ index: k, name: name.replace(/[^A-Za-z0-9/_-]/g, "-") });
  }
  return out;
}

/** key index for (tenant, resource) in the scaled scenario. */
export function keyIndexFor(scenario: Scenario): (tenant: number, resource: number) => number {
  const layout = keyLayout(scenario);
  const classes = tenantClassifications(scenario);
  return (t, r) => layout.keyOf(t, classes[t], r);
}
