/**
 * The simulator's view of the AWS Encryption SDK caching CMM (one cache per instance) and of the
 * hierarchical keyring's branch-key cache. Implementations reproduce @aws-crypto/client-node 5.0.2
 * (see docs/reference.md §7 and docs/caching-model.md). Time is injected;
 * nothing allocates per call on the hit path.
 *
 * Protocol with the engine, per application operation:
 *   encrypt: if (!cache.encryptLookup(now, instance, entry, sizeBytes)) -> the engine calls KMS
 *            (`encryptMissKmsOperation`: GenerateDataKey + extra Encrypts for the local cache, one
 *            Decrypt of the branch key for the hierarchical keyring); when that succeeds at `done`,
 *            it calls cache.encryptStore(done, instance, entry, sizeBytes) (which may decline to
 *            cache); when it fails for good, cache.abandonMiss(instance, entry, true).
 *   decrypt: dataKey = cache.dataKeyForRead(now, instance, tenantEntry, readAgeMs, u) identifies
 *            the data key of the message read; if (!cache.decryptLookup(now, instance, dataKey))
 *            -> KMS Decrypt, then cache.decryptStore(done, instance, dataKey), or
 *            cache.abandonMiss(instance, dataKey, false) when the call failed for good.
 *   streaming encrypt without a known plaintext length: the caching CMM is bypassed (one
 *            GenerateDataKey per message); the engine does not call the cache at all.
 * `entry` is a dense integer id for (tenant encryption context, KMS key); the engine computes it.
 * Data-key ids are int32 (fit an Int32Array): recorded keys >= 0, virtual keys (history the run
 * did not simulate) < 0.
 * `u` is a uniform [0, 1) number from the engine's stream (picks the writer instance under random
 * routing). Calls must come in non-decreasing time order.
 * Every lookup that returns false must be followed by exactly one store or abandon for the same key
 * (the cache counts misses in flight to report stampedes).
 */
export interface DataKeyCacheModel {
  /** "local" = caching CMM + KMS keyring; "hierarchical" = hierarchical keyring's branch-key cache. */
  readonly kind: "local" | "hierarchical";
  /** The KMS operation an encrypt miss costs (before any extra wrapping keys). */
  readonly encryptMissKmsOperation: "GenerateDataKey" | "Decrypt";
  encryptLookup(nowMs: number, instance: number, entry: number, sizeBytes: number): boolean;
  encryptStore(nowMs: number, instance: number, entry: number, sizeBytes: number): void;
  dataKeyForRead(nowMs: number, instance: number, entry: number, readAgeMs: number, u: number): number;
  decryptLookup(nowMs: number, instance: number, dataKey: number): boolean;
  decryptStore(nowMs: number, instance: number, dataKey: number): void;
  /**
   * The KMS call of a miss failed for good (`id` = entry for encrypt, data key for decrypt):
   * nothing is cached; the miss is no longer in flight.
   */
  abandonMiss(instance: number, id: number, encrypt: boolean): void;
  readonly hits: number;
  readonly misses: number;
  /** Misses while a miss for the same (instance, entry or data key) was already in flight. */
  readonly stampedeMisses: number;
  readonly encryptHits: number;
  readonly encryptMisses: number;
  readonly decryptHits: number;
  readonly decryptMisses: number;
  /** Entries evicted by the capacity limit (LRU). */
  readonly evictions: number;
}
