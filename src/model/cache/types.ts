/**
 * The simulator's view of the AWS Encryption SDK caching CMM (one cache per instance) and of the
 * hierarchical keyring's branch-key cache. Implementations reproduce @aws-crypto/client-node 5.0.2
 * (see shared/reference/kms-facts.md section 7). Time is injected; nothing allocates per call on
 * the hit path.
 *
 * Protocol with the engine, per application operation:
 *   encrypt: if (!cache.encryptLookup(now, instance, entry, sizeBytes)) -> the engine calls KMS
 *            (GenerateDataKey + extra Encrypts); when that succeeds at `done`, it calls
 *            cache.encryptStore(done, instance, entry, sizeBytes) (which may decline to cache).
 *   decrypt: dataKey = cache.dataKeyForRead(now, instance, tenantEntry, readAgeMs, u) identifies
 *            the data key of the message read; if (!cache.decryptLookup(now, instance, dataKey))
 *            -> KMS Decrypt, then cache.decryptStore(done, instance, dataKey).
 * `entry` is a dense integer id for (tenant encryption context, KMS key); the engine computes it.
 */
export interface DataKeyCacheModel {
  encryptLookup(nowMs: number, instance: number, entry: number, sizeBytes: number): boolean;
  encryptStore(nowMs: number, instance: number, entry: number, sizeBytes: number): void;
  dataKeyForRead(nowMs: number, instance: number, entry: number, readAgeMs: number, u: number): number;
  decryptLookup(nowMs: number, instance: number, dataKey: number): boolean;
  decryptStore(nowMs: number, instance: number, dataKey: number): void;
  readonly hits: number;
  readonly misses: number;
  /** Misses while a miss for the same (instance, entry) was already in flight. */
  readonly stampedeMisses: number;
}
