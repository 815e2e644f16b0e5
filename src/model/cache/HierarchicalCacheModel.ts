/**
 * The AWS KMS hierarchical keyring's branch-key cache (@aws-crypto/kms-keyring-node 5.0.2
 * kms_hkeyring_node.ts + kms_hkeyring_node_helpers.ts), one keyring and cache per instance, used
 * under the default CMM (no caching CMM): every message gets a fresh data key generated locally and
 * wrapped with the branch key, so the only KMS calls are for branch-key materials.
 *
 * - Encrypt needs the ACTIVE branch key: cache entry (ENCRYPTION scope, branch key id). A miss calls
 *   keyStore.getActiveBranchKey: one DynamoDB GetItem + one KMS Decrypt of the branch key.
 * - Decrypt needs the branch key VERSION of the message: a different cache entry (DECRYPTION scope,
 *   branch key id, version). A miss calls keyStore.getBranchKeyVersion: GetItem + one KMS Decrypt.
 *   So an instance that both encrypts and decrypts pays two Decrypts per branch key per TTL.
 * - Hit iff the entry exists and now - storedAt <= ttl (`cacheEntryHasExceededLimits`: age > ttl;
 *   lru-cache's own maxAge is the same ttl). No message or byte limits. The cache is
 *   getLocalCryptographicMaterialsCache(capacity) (keyring default capacity 1000): same LRU,
 *   eviction and sweeper rules as the caching CMM's cache (LruEntryStore).
 * - No coalescing of concurrent misses (each calls the key store).
 * Not modelled: DynamoDB calls and their latency/throttling; branch-key rotation (one version per
 * branch key, so the data-key id of a read is the branch key's id); the keyring's partition (one
 * keyring per instance); a shared cache across keyrings.
 *
 * Worked example (ttl 60,000): encrypt@0 miss -> Decrypt -> store@8; encrypts until @60,008 hit;
 * decrypt@100 of a message of the same branch key misses (decryption scope) -> one more Decrypt.
 */
import { InFlightCounter } from "./InFlightCounter.js";
import { DEFAULT_SWEEP_INTERVAL_MS, KIND_DECRYPT, KIND_ENCRYPT, LruEntryStore } from "./LruEntryStore.js";
import type { DataKeyCacheModel } from "./types.js";

/** KmsHierarchicalKeyRingNode's default maxCacheSize: 1000 entries (kms_hkeyring_node.ts). */
export const DEFAULT_BRANCH_KEY_CACHE_CAPACITY = 1000;

export interface HierarchicalCacheModelOptions {
  instances: number;
  /** Branch-key materials TTL (the keyring's cacheLimitTtl, in ms here). */
  ttlMs: number;
  /** "shared": one branch key for all entries; "per-tenant": `branchKeyOfEntry`, default identity. */
  branchKeys: "per-tenant" | "shared";
  /** Branch key of each entry id (entry = tenant context + KMS key); default: the entry id itself. */
  branchKeyOfEntry?: Int32Array;
  /** Entries per instance; default 1000; 0 or Infinity = unbounded. */
  capacity?: number;
  sweepIntervalMs?: number;
}

export class HierarchicalCacheModel implements DataKeyCacheModel {
  readonly kind = "hierarchical" as const;
  readonly encryptMissKmsOperation = "Decrypt" as const;
  private readonly store: LruEntryStore;
  private readonly inFlight = new InFlightCounter();
  private readonly shared: boolean;
  private readonly branchKeyOfEntry: Int32Array | null;
  encryptHits = 0;
  encryptMisses = 0;
  decryptHits = 0;
  decryptMisses = 0;
  stampedeMisses = 0;

  constructor(options: HierarchicalCacheModelOptions) {
    if (!(options.ttlMs >= 0)) throw new TypeError(`Expected ttlMs to be >= 0, got ${options.ttlMs}`);
    this.shared = options.branchKeys === "shared";
    this.branchKeyOfEntry = options.branchKeyOfEntry ?? null;
    this.store = new LruEntryStore(
      options.instances,
      options.capacity ?? DEFAULT_BRANCH_KEY_CACHE_CAPACITY,
      options.ttlMs,
      options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS,
    );
  }

  get hits(): number {
    return this.encryptHits + this.decryptHits;
  }
  get misses(): number {
    return this.encryptMisses + this.decryptMisses;
  }
  get evictions(): number {
    return this.store.evictions;
  }

  /** The branch key that serves `entry`. */
  branchKeyOf(entry: number): number {
    if (this.shared) return 0;
    return this.branchKeyOfEntry === null ? entry : this.branchKeyOfEntry[entry];
  }

  encryptLookup(nowMs: number, instance: number, entry: number, _sizeBytes: number): boolean {
    if (this.lookup(nowMs, instance, KIND_ENCRYPT, this.branchKeyOf(entry))) {
      this.encryptHits++;
      return true;
    }
    this.encryptMisses++;
    return false;
  }

  encryptStore(nowMs: number, instance: number, entry: number, _sizeBytes: number): void {
    this.put(nowMs, instance, KIND_ENCRYPT, this.branchKeyOf(entry));
  }


  /** No rotation modelled: the message's branch key version is the branch key itself. */
  dataKeyForRead(_nowMs: number, _instance: number, entry: number, _readAgeMs: number, _u: number): number {
    return this.branchKeyOf(entry);
  }

  decryptLookup(nowMs: number, instance: number, dataKey: number): boolean {
    if (this.lookup(nowMs, instance, KIND_DECRYPT, dataKey)) {
      this.decryptHits++;
      return true;
    }
    this.decryptMisses++;
    return false;
  }

  decryptStore(nowMs: number, instance: number, dataKey: number): void {
    this.put(nowMs, instance, KIND_DECRYPT, dataKey);
  }

  abandonMiss(instance: number, id: number, encrypt: boolean): void {
    if (encrypt) this.inFlight.finish(instance, KIND_ENCRYPT, this.branchKeyOf(id));
    else this.inFlight.finish(instance, KIND_DECRYPT, id);
  }

  private lookup(nowMs: number, instance: number, kind: number, branchKey: number): boolean {
    const store = this.store;
    store.sweepDue(nowMs, instance);
    const slot = store.find(instance, kind, branchKey);
    if (slot >= 0) {
      if (!store.isStale(slot, nowMs)) {
        store.touch(slot, instance);
        return true;
      }
      store.remove(slot, instance);
    }
    if (this.inFlight.start(instance, kind, branchKey) > 0) this.stampedeMisses++;
    return false;
  }

  private put(nowMs: number, instance: number, kind: number, branchKey: number): void {
    this.inFlight.finish(instance, kind, branchKey);
    this.store.sweepDue(nowMs, instance);
    this.store.put(nowMs, instance, kind, branchKey);
  }
}
