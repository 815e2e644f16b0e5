/**
 * The KMS requests a scenario can make, as classes: one per (operation, key-pair spec), each with
 * the quota pools it draws from (`poolsFor`, per custom key store) and the price class it is billed
 * at (`priceClassFor`). `simulate` (through `compileTables`) and `live` (through `LiveCounters`)
 * both count requests by these classes, so they report the same pools, in the same order, with the
 * same quotas, and price the same requests alike.
 *
 * Classes 0-2 are the calls the Encryption SDK and S3 make (GenerateDataKey, Decrypt, Encrypt);
 * then each direct `kms:` mix operation, in mix order. Pools are numbered in order of first
 * appearance over classes, then stores, then `poolsFor`'s order, and every pool the scenario can
 * reach is listed, used or not.
 *
 * Example: symmetric keys in the standard key store, mix encrypt + kms:GenerateDataKeyPair
 * (ECC_NIST_P256) ->
 * classes GenerateDataKey [symmetric], Decrypt [symmetric], Encrypt [symmetric],
 * GenerateDataKeyPair/ECC_NIST_P256 [keypair:ECC_NIST_P256]; pools symmetric, keypair:ECC_NIST_P256.
 */
import type { Scenario } from "../scenario/types.js";
import { priceClassFor } from "./cost.js";
import { poolsFor } from "./pools.js";
import { quotaForPool } from "./quotas.js";

/** Class of the Encryption SDK's and S3's GenerateDataKey. */
export const CLASS_GENERATE_DATA_KEY = 0;
/** Class of the Encryption SDK's and S3's Decrypt (and the hierarchical keyring's branch-key fetch). */
export const CLASS_DECRYPT = 1;
/** Class of the Encrypt per extra wrapping key of an Encryption SDK miss. */
export const CLASS_ENCRYPT = 2;

export interface RequestClass {
  operation: string;
  /** GenerateDataKeyPair*: the pair spec; else null. */
  keyPairSpec: string | null;
  /** Price class (`priceClassFor`): the key spec, or `keypair:<spec>`. */
  priceClass: string;
  /** Per custom key store index (one entry for store "kms"): indexes into `RequestClassTable.pools`. */
  poolsByStore: number[][];
}

export interface PoolInfo {
  name: string;
  /** The scenario's quota for this pool, requests per second. */
  quotaPerSec: number;
}

export interface RequestClassTable {
  classes: RequestClass[];
  pools: PoolInfo[];
  /** Custom key stores the keys are spread over: 1 for store "kms". */
  storeCount: number;
}

export function storeCountOf(scenario: Scenario): number {
  return scenario.keys.store === "kms" ? 1 : Math.max(1, scenario.keys.stores);
}

/** The scenario's request classes and pools (see the module comment for the order). */
export function requestClassTable(scenario: Scenario): RequestClassTable {
  const table: RequestClassTable = { classes: [], pools: [], storeCount: storeCountOf(scenario) };
  for (const operation of ["GenerateDataKey", "Decrypt", "Encrypt"]) addClass(table, scenario, operation, null);
  for (const m of scenario.traffic.mix) {
    if (m.op !== "kms") continue;
    if (classIndex(table, m.kmsOperation!, m.keyPairSpec) < 0) addClass(table, scenario, m.kmsOperation!, m.keyPairSpec);
  }
  return table;
}

/** Index of the class of (operation, keyPairSpec), or -1. */
export function classIndex(table: RequestClassTable, operation: string, keyPairSpec: string | null): number {
  return table.classes.findIndex((c) => c.operation === operation && c.keyPairSpec === keyPairSpec);
}

/**
 * Appends the class of (operation, keyPairSpec), and any pool it draws from that is not listed yet;
 * returns its index. `live` uses it for a request the scenario's mix did not announce.
 */
export function addClass(table: RequestClassTable, scenario: Scenario, operation: string, keyPairSpec: string | null): number {
  const poolsByStore: number[][] = [];
  for (let st = 0; st < table.storeCount; st++) {
    const names = poolsFor({ operation, keySpec: scenario.keys.spec, tier: scenario.keys.tier, store: scenario.keys.store, storeIndex: st, keyPairSpec });
    poolsByStore.push(names.map((name) => poolIndex(table, scenario, name)));
  }
  table.classes.push({ operation, keyPairSpec, priceClass: priceClassFor(scenario.keys.spec, keyPairSpec), poolsByStore });
  return table.classes.length - 1;
}

function poolIndex(table: RequestClassTable, scenario: Scenario, name: string): number {
  const i = table.pools.findIndex((p) => p.name === name);
  if (i >= 0) return i;
  table.pools.push({ name, quotaPerSec: quotaForPool(scenario.account.quotas, name) });
  return table.pools.length - 1;
}
