/**
 * S3 Bucket Keys: S3 derives object keys from a short-lived bucket-level key, so most requests make
 * no KMS call. A bucket key is scoped to (bucket, KMS key, requester), and kept for a lifetime AWS
 * does not publish (scenario `s3.bucketKeyLifetime`, default 5 min). Writes need a bucket key made
 * with GenerateDataKey; reads of objects under a bucket key need it decrypted once per requester
 * (Decrypt), so the two sides are tracked separately.
 *
 * Assumptions (stated in reports): S3 does not stampede - concurrent requests of one requester share
 * the bucket key being fetched (S3 is a server-side cache), so the key counts as valid from the
 * moment its KMS call is made; a throttled call leaves no bucket key (the next request tries again).
 *
 * Worked example (AWS's s3-bucketkey-poc shape): one requester, 50 uploads + 100 downloads within
 * one lifetime -> 1 GenerateDataKey + 1 Decrypt = 2 KMS calls instead of 150.
 */
export const enum BucketKeySide {
  Write = 0,
  Read = 1,
}

/** Slots kept in a flat typed array up to this many; a Map beyond (sparse use of a large space). */
const DENSE_LIMIT = 4_000_000;

export class BucketKeys {
  private readonly lifetimeMs: number;
  private readonly keys: number;
  private readonly requesters: number;
  private readonly dense: Float64Array | null;
  private readonly sparse: Map<number, number> | null;

  constructor(buckets: number, keys: number, requesters: number, lifetimeMs: number) {
    this.lifetimeMs = lifetimeMs;
    this.keys = keys;
    this.requesters = requesters;
    const slots = buckets * keys * requesters * 2;
    this.dense = slots <= DENSE_LIMIT ? new Float64Array(slots).fill(-Infinity) : null;
    this.sparse = this.dense === null ? new Map() : null;
  }

  private slot(bucket: number, key: number, requester: number, side: BucketKeySide): number {
    return ((bucket * this.keys + key) * this.requesters + requester) * 2 + side;
  }

  /**
   * -1 when a valid bucket key exists (no KMS call). Otherwise S3 must call KMS: the bucket key
   * counts as valid until now + lifetime (see the assumptions above) and the slot is returned
   * (>= 0), to be passed to `failed` if that call is throttled.
   */
  needsKmsCall(nowMs: number, bucket: number, key: number, requester: number, side: BucketKeySide): number {
    const s = this.slot(bucket, key, requester, side);
    const expires = this.dense !== null ? this.dense[s] : (this.sparse!.get(s) ?? -Infinity);
    if (nowMs < expires) return -1;
    if (this.dense !== null) this.dense[s] = nowMs + this.lifetimeMs;
    else this.sparse!.set(s, nowMs + this.lifetimeMs);
    return s;
  }

  /** The KMS call for slot `s` (returned by needsKmsCall) failed: no bucket key was made. */
  failed(s: number): void {
    if (this.dense !== null) this.dense[s] = -Infinity;
    else this.sparse!.delete(s);
  }
}
