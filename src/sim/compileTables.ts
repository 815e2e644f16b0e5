/**
 * The scenario compiled into the flat lookup tables the engine's event loop reads: what each mix
 * entry is, which KMS request class each call makes, which pools a class draws from in each custom
 * key store, each tenant's first key, who S3 thinks the requester is, what an Encryption SDK miss
 * calls. Pure: the same scenario gives the same tables, and nothing here draws a random number.
 *
 * Every pool the scenario can reach exists from the start (`tables.requests.pools`), listed in the
 * order `requestClassTable` gives, whether the run uses it or not - the same list `live` reports.
 *
 * Worked example: mix [encrypt], local cache, extraWrappingKeys 1, store kms, one pool ->
 * kinds [Encrypt]; an encrypt miss makes class 0 (GenerateDataKey) then class 2 (Encrypt), so
 * encryptMissCode 0 and encryptMissCalls 2; poolTable [0, NO_POOL, 0, NO_POOL, 0, NO_POOL]
 * (classes 0-2, store 0: pool 0 = symmetric, no second pool).
 */
import type { MixEntry, Scenario } from "../scenario/types.js";
import { keyLayout } from "../model/keyLayout.js";
import { CLASS_DECRYPT, CLASS_GENERATE_DATA_KEY, classIndex, requestClassTable, type RequestClassTable } from "../model/requestClasses.js";
import { tenantClassifications } from "../plan/tenants.js";

/** Operation kinds of the mix, as small integers for the hot path. */
export const enum Kind {
  Kms = 0,
  Encrypt = 1,
  Decrypt = 2,
  S3Put = 3,
  S3Get = 4,
}

/** Who S3 sees as the requester of a request (Bucket Keys are per requester). */
export const enum RequesterMode {
  /** `s3.requesters.count`: one of N requesters, drawn per request. */
  Count = 0,
  /** Each instance is one requester. */
  PerInstance = 1,
  /** Each tenant is one requester. */
  PerTenant = 2,
}

/** What an operation stores in the data-key cache when its KMS call succeeds (`OpSlots.cacheKind`). */
export const enum CacheStore {
  None = 0,
  /** An encrypt miss: store the new data key's entry. */
  Encrypt = 1,
  /** A decrypt miss: store the decrypted data key. */
  Decrypt = 2,
}

/** `poolTable` entry of a class that draws from no (second) pool. */
export const NO_POOL = -1;

export interface EngineTables {
  /** Per mix entry. */
  kinds: Int32Array;
  /** Per mix entry: the request class of a direct `kms:` operation, -1 for other kinds. */
  mixKmsCode: Int32Array;
  /** Request classes (KMS operation codes) and pools. */
  requests: RequestClassTable;
  /** Per class: its KMS operation name and price class. */
  kmsOpNames: string[];
  kmsOpPriceClass: string[];
  /** (class * storeCount + store) * 2 -> the pool indexes a, b the request draws from (NO_POOL = none). */
  poolTable: Int32Array;
  storeCount: number;
  storeOfKey: (key: number) => number;
  /** Per tenant: its first key (resource 0). */
  keyBase: Int32Array;
  /** Keys (and cache entries) per tenant: > 1 for per-resource keys. */
  entriesPerTenant: number;
  perResource: boolean;
  /** Keys a request can name (`keyLayout().addressableKeys`). */
  addressableKeys: number;
  /** The class and number of KMS calls of an Encryption SDK encrypt that misses the cache. */
  encryptMissCode: number;
  encryptMissCalls: number;
  /** Extra wrapping keys: one Encrypt each after an uncached encrypt's GenerateDataKey. */
  extraCalls: number;
  requesterMode: RequesterMode;
  requesterCount: number;
  /** Per mix entry: extra local time of a cache miss, ms (`latency.missOperationsMs`). */
  missExtraMs: Float64Array;
}

export function kindOf(m: MixEntry): Kind {
  switch (m.op) {
    case "kms":
      return Kind.Kms;
    case "encrypt":
      return Kind.Encrypt;
    case "decrypt":
      return Kind.Decrypt;
    case "s3-put":
      return Kind.S3Put;
    case "s3-get":
      return Kind.S3Get;
  }
}

function requesters(scenario: Scenario): { requesterMode: RequesterMode; requesterCount: number } {
  const req = scenario.s3.requesters;
  switch (req.type) {
    case "count":
      return { requesterMode: RequesterMode.Count, requesterCount: req.count };
    case "per-instance":
      return { requesterMode: RequesterMode.PerInstance, requesterCount: scenario.clients.instances };
    case "per-tenant":
      return { requesterMode: RequesterMode.PerTenant, requesterCount: scenario.tenants.count };
  }
}

/** (class * storeCount + store) * 2 -> pool a, pool b. */
function poolTableOf(requests: RequestClassTable): Int32Array {
  const { classes, storeCount } = requests;
  const table = new Int32Array(classes.length * storeCount * 2).fill(NO_POOL);
  classes.forEach((c, code) => {
    c.poolsByStore.forEach((pools, st) => {
      if (pools.length > 2) throw new TypeError(`Expected a request to draw from at most 2 pools, got ${pools.length} for ${c.operation}`);
      const at = (code * storeCount + st) * 2;
      pools.forEach((p, j) => (table[at + j] = p));
    });
  });
  return table;
}

export function compileTables(scenario: Scenario): EngineTables {
  const mix = scenario.traffic.mix;
  const requests = requestClassTable(scenario);
  const layout = keyLayout(scenario);
  const classes = tenantClassifications(scenario);
  const keyBase = new Int32Array(scenario.tenants.count);
  for (let t = 0; t < keyBase.length; t++) keyBase[t] = layout.keyOf(t, classes[t], 0);
  const extraCalls = scenario.keys.extraWrappingKeys;
  // Hierarchical keyring: an encrypt miss fetches the branch key (one KMS Decrypt), no extra keys.
  const hierarchical = scenario.cache?.type === "hierarchical";
  const perMiss = scenario.latency.missOperationsMs ?? {};
  return {
    kinds: Int32Array.from(mix, kindOf),
    mixKmsCode: Int32Array.from(mix, (m) => (m.op === "kms" ? classIndex(requests, m.kmsOperation!, m.keyPairSpec) : -1)),
    requests,
    kmsOpNames: requests.classes.map((c) => c.operation),
    kmsOpPriceClass: requests.classes.map((c) => c.priceClass),
    poolTable: poolTableOf(requests),
    storeCount: requests.storeCount,
    storeOfKey: layout.storeOf,
    keyBase,
    entriesPerTenant: layout.entriesPerTenant,
    perResource: layout.entriesPerTenant > 1,
    addressableKeys: layout.addressableKeys,
    encryptMissCode: hierarchical ? CLASS_DECRYPT : CLASS_GENERATE_DATA_KEY,
    encryptMissCalls: hierarchical ? 1 : 1 + extraCalls,
    extraCalls,
    ...requesters(scenario),
    missExtraMs: Float64Array.from(mix, (m) => Math.max(0, perMiss[m.label] ?? 0)),
  };
}
