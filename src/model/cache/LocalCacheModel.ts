/**
 * The AWS Encryption SDK caching CMM over a local cryptographic materials cache, one per instance
 * (`new NodeCachingMaterialsManager({ backingMaterials: kmsKeyring, cache:
 * getLocalCryptographicMaterialsCache(capacity), maxAge, maxMessagesEncrypted, maxBytesEncrypted })`),
 * reproducing @aws-crypto/cache-material 5.0.2 (caching_cryptographic_materials_decorators.ts,
 * get_local_cryptographic_materials_cache.ts) over lru-cache 6.0.0:
 *
 * Encrypt (one entry per instance and encryption context; `entry` = tenant context + key):
 *   lookup at now: stale (now - storedAt > maxAge) -> deleted, miss. Fresh -> moved to the LRU head,
 *   then messages += 1 and bytes += size BEFORE the check; messages > maxMessagesEncrypted or
 *   bytes > maxBytesEncrypted -> deleted, miss; else hit. So a data key encrypts at most
 *   maxMessagesEncrypted messages, and one oversized message also retires the live key.
 *   store at done (after GenerateDataKey): a message larger than maxBytesEncrypted is not cached;
 *   else the entry is (over)written with messages = 1, bytes = size, storedAt = done: a NEW data key.
 * Decrypt (one entry per instance and data key; never shared with encrypt entries):
 *   lookup: stale -> deleted, miss; fresh -> moved to the head, hit. No counters.
 *   store: always cached (overwrites), storedAt = done.
 * Concurrent misses are not coalesced: each calls KMS and each store overwrites (last wins).
 * Streaming encrypts without plaintextLength bypass the CMM: the engine does not call the model.
 *
 * Reads (`dataKeyForRead`): the message read at now with age a is the newest message of the entry
 * written by w = now - a, by whichever instance wrote it (RecentWrites keeps the last 8 per entry;
 * this is what a reader of the tenant's latest message gets, and what `kmsplan live` reads).
 * Older reads, beyond that ring, are attributed to a writer instance (random routing:
 * floor(u * instances), or the next instance that did write the tenant; by-tenant: the reader
 * itself). Its data
 * key is the writer's generation for the entry that was live at w (WriteHistory keeps the last
 * `historyDepth` generations per (writer, entry)); a message too large to cache had a key of its
 * own (a fresh id, never a hit); anything the run did not record (before the run, older than the
 * ring, or a gap) maps to a virtual key per (writer, entry, maxAge window). See
 * docs/caching-model.md.
 *
 * Worked example (maxAge 1000, maxMessages 3): encrypt@0 miss -> store@10 (gen 0, 1 message);
 * @20 hit (2); @30 hit (3); @40 messages 4 > 3 -> miss (entry deleted) -> store@50 (gen 1);
 * @1051 hit? 1051 - 50 = 1001 > 1000 -> stale, miss.
 */
import type { Routing } from "../../scenario/types.js";
import { InFlightCounter } from "./InFlightCounter.js";
import { DEFAULT_SWEEP_INTERVAL_MS, KIND_DECRYPT, KIND_ENCRYPT, LruEntryStore } from "./LruEntryStore.js";
import type { DataKeyCacheModel } from "./types.js";
import { DEFAULT_HISTORY_DEPTH, UNCACHED, UNKNOWN, WriteHistory } from "./WriteHistory.js";
import { RecentWrites } from "./RecentWrites.js";

/** Maximum.MESSAGES_PER_CACHED_KEY_LIMIT = 2^32 messages, the default (@aws-crypto/serialize identifiers.ts). */
export const MAX_MESSAGES_PER_CACHED_KEY = 2 ** 32;
/** Maximum.BYTES_PER_CACHED_KEY_LIMIT = 2^53 - 1 bytes, the default (@aws-crypto/serialize identifiers.ts). */
export const MAX_BYTES_PER_CACHED_KEY = Number.MAX_SAFE_INTEGER;

export interface LocalCacheModelOptions {
  instances: number;
  /** Required, > 0 (the CMM refuses 0). */
  maxAgeMs: number;
  /** Default 2^32. */
  maxMessagesEncrypted?: number;
  /** Default 2^53 - 1. */
  maxBytesEncrypted?: number;
  /** LRU entries per instance, encrypt and decrypt together; default Infinity (0 also = unbounded). */
  capacity?: number;
  /** Who wrote a message read under `dataKeyForRead`: random = any instance, by-tenant = the reader. */
  routing?: Routing;
  /** The cache's proactive tail sweep period; default 60,000 ms; Infinity = none. */
  sweepIntervalMs?: number;
  /** Generations remembered per (writer, entry); default 4. */
  historyDepth?: number;
  /** Salt of virtual data-key ids (e.g. the scenario seed); default 0. */
  seed?: number;
}

export class LocalCacheModel implements DataKeyCacheModel {
  readonly kind = "local" as const;
  readonly encryptMissKmsOperation = "GenerateDataKey" as const;
  readonly instances: number;
  readonly maxAgeMs: number;
  readonly maxMessagesEncrypted: number;
  readonly maxBytesEncrypted: number;
  private readonly randomRouting: boolean;
  private readonly store: LruEntryStore;
  private readonly inFlight = new InFlightCounter();
  private readonly history: WriteHistory;
  /** The newest messages per entry by any instance: what a read of a recent message takes. */
  private readonly recent = new RecentWrites();
  private nextDataKeyId = 0;
  encryptHits = 0;
  encryptMisses = 0;
  decryptHits = 0;
  decryptMisses = 0;
  stampedeMisses = 0;

  constructor(options: LocalCacheModelOptions) {
    const { instances, maxAgeMs } = options;
    const maxMessages = options.maxMessagesEncrypted ?? MAX_MESSAGES_PER_CACHED_KEY;
    const maxBytes = options.maxBytesEncrypted ?? MAX_BYTES_PER_CACHED_KEY;
    if (!(maxAgeMs > 0)) throw new TypeError(`Expected maxAgeMs to be > 0, got ${maxAgeMs}`);
    if (!(maxMessages > 0 && maxMessages <= MAX_MESSAGES_PER_CACHED_KEY)) {
      throw new TypeError(`Expected maxMessagesEncrypted to be in (0, 2^32], got ${maxMessages}`);
    }
    if (!(maxBytes > 0 && maxBytes <= MAX_BYTES_PER_CACHED_KEY)) {
      throw new TypeError(`Expected maxBytesEncrypted to be in (0, 2^53 - 1], got ${maxBytes}`);
    }
    this.instances = instances;
    this.maxAgeMs = maxAgeMs;
    this.maxMessagesEncrypted = maxMessages;
    this.maxBytesEncrypted = maxBytes;
    this.randomRouting = (options.routing ?? "random") === "random";
    this.store = new LruEntryStore(instances, options.capacity ?? Infinity, maxAgeMs, options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
    this.history = new WriteHistory(maxAgeMs, options.historyDepth ?? DEFAULT_HISTORY_DEPTH, options.seed ?? 0);
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

  encryptLookup(nowMs: number, instance: number, entry: number, sizeBytes: number): boolean {
    const store = this.store;
    store.sweepDue(nowMs, instance);
    const slot = store.find(instance, KIND_ENCRYPT, entry);
    if (slot >= 0) {
      if (store.isStale(slot, nowMs)) {
        store.remove(slot, instance);
      } else {
        store.touch(slot, instance);
        const messages = (store.messages[slot] += 1);
        const bytes = (store.bytes[slot] += sizeBytes);
        if (messages <= this.maxMessagesEncrypted && bytes <= this.maxBytesEncrypted) {
          this.encryptHits++;
          this.recent.record(entry, nowMs, store.dataKey[slot]);
          return true;
        }
        store.remove(slot, instance);
      }
    }
    this.encryptMisses++;
    if (this.inFlight.start(instance, KIND_ENCRYPT, entry) > 0) this.stampedeMisses++;
    return false;
  }

  encryptStore(nowMs: number, instance: number, entry: number, sizeBytes: number): void {
    this.inFlight.finish(instance, KIND_ENCRYPT, entry);
    this.store.sweepDue(nowMs, instance);
    if (sizeBytes > this.maxBytesEncrypted) {
      this.history.record(instance, entry, nowMs, UNCACHED);
      this.recent.record(entry, nowMs, this.newDataKeyId());
      return;
    }
    const id = this.newDataKeyId();
    const slot = this.store.put(nowMs, instance, KIND_ENCRYPT, entry);
    this.store.messages[slot] = 1;
    this.store.bytes[slot] = sizeBytes;
    this.store.dataKey[slot] = id;
    this.history.record(instance, entry, nowMs, id);
    this.recent.record(entry, nowMs, id);
  }


  /** The data-key id cached for (instance, entry), or -1 (for tests and tracing; no side effects). */
  cachedEncryptDataKey(instance: number, entry: number): number {
    const slot = this.store.find(instance, KIND_ENCRYPT, entry);
    return slot >= 0 ? this.store.dataKey[slot] : -1;
  }

  /** Entries held by `instance` (stale ones included until the cache removes them). */
  entriesHeld(instance: number): number {
    return this.store.size(instance);
  }

  dataKeyForRead(nowMs: number, instance: number, entry: number, readAgeMs: number, u: number): number {
    // The newest message of the entry written by then, by whichever instance wrote it.
    const newest = this.recent.newestAtOrBefore(entry, nowMs - readAgeMs);
    if (newest >= 0) return newest;
    const writer = this.randomRouting ? Math.min(this.instances - 1, Math.floor(u * this.instances)) : instance;
    const writtenAtMs = nowMs - readAgeMs;
    const id = this.history.lookup(writer, entry, writtenAtMs);
    if (id >= 0) return id;
    if (id === UNKNOWN) {
      // Under random routing the message read was written by an instance that did write this
      // tenant then: when the drawn writer has no record, take the next instance that has one
      // (checked against live reads of the tenant's newest message by kmsplan rehearse).
      for (let k = 1; this.randomRouting && k < this.instances; k++) {
        const other = this.history.lookup((writer + k) % this.instances, entry, writtenAtMs);
        if (other >= 0) return other;
      }
      return this.history.virtualId(writer, entry, writtenAtMs);
    }
    return this.newDataKeyId(); // UNCACHED: that message had a data key of its own
  }

  /** Recorded data-key ids: 0, 1, 2, ... wrapping at 2^31 (long expired by then). */
  private newDataKeyId(): number {
    const id = this.nextDataKeyId;
    this.nextDataKeyId = (id + 1) & 0x7fffffff;
    return id;
  }

  decryptLookup(nowMs: number, instance: number, dataKey: number): boolean {
    const store = this.store;
    store.sweepDue(nowMs, instance);
    const slot = store.find(instance, KIND_DECRYPT, dataKey);
    if (slot >= 0) {
      if (!store.isStale(slot, nowMs)) {
        store.touch(slot, instance);
        this.decryptHits++;
        return true;
      }
      store.remove(slot, instance);
    }
    this.decryptMisses++;
    if (this.inFlight.start(instance, KIND_DECRYPT, dataKey) > 0) this.stampedeMisses++;
    return false;
  }

  decryptStore(nowMs: number, instance: number, dataKey: number): void {
    this.inFlight.finish(instance, KIND_DECRYPT, dataKey);
    this.store.sweepDue(nowMs, instance);
    this.store.put(nowMs, instance, KIND_DECRYPT, dataKey);
  }

  abandonMiss(instance: number, id: number, encrypt: boolean): void {
    if (encrypt) this.inFlight.finish(instance, KIND_ENCRYPT, id);
    else this.inFlight.finish(instance, KIND_DECRYPT, id);
  }
}
