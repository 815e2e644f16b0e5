/**
 * In-flight application operations as struct-of-arrays slots, recycled through a free list, so the
 * engine allocates nothing per operation. Grows by doubling when more operations are in flight
 * (heavy throttling with long backoffs can hold hundreds of thousands).
 */
export class OpSlots {
  arrivalMs!: Float64Array;
  mix!: Int32Array;
  instance!: Int32Array;
  tenant!: Int32Array;
  key!: Int32Array;
  /** KMS calls left in this operation (Encryption SDK miss: 1 GenerateDataKey + 1 Encrypt per extra key). */
  stage!: Int32Array;
  /** KMS operation code of the current call. */
  kmsOp!: Int32Array;
  /** Attempts made for the current SDK call. */
  attempts!: Int32Array;
  /** Cost of the last retry of the current call (retry token), 0 if none. */
  retryCost!: Int32Array;
  /** What to store in the data-key cache on success: a `CacheStore` (compileTables.ts). */
  cacheKind!: Uint8Array;
  cacheId!: Int32Array;
  /** 1 when the caller's client is S3 (S3 calls KMS on its behalf). */
  viaS3!: Uint8Array;
  bucket!: Int32Array;
  requester!: Int32Array;
  /** s3-get of an object written before Bucket Keys were enabled. */
  legacy!: Uint8Array;
  /** Bucket-key slot whose KMS call this attempt makes, -1 if none. */
  bkSlot!: Int32Array;
  /** Outcome of the attempt in flight: 1 admitted, 0 throttled. */
  ok!: Uint8Array;
  /** 1 when the operation arrived after warm-up and counts in statistics. */
  counted!: Uint8Array;

  private freeList: Int32Array;
  private freeCount = 0;
  private capacity = 0;

  constructor(initialCapacity = 1024) {
    this.freeList = new Int32Array(0);
    this.resize(initialCapacity);
  }

  alloc(): number {
    if (this.freeCount === 0) this.resize(this.capacity * 2);
    return this.freeList[--this.freeCount];
  }

  free(slot: number): void {
    this.freeList[this.freeCount++] = slot;
  }

  get inFlight(): number {
    return this.capacity - this.freeCount;
  }

  private resize(capacity: number): void {
    const old = this.capacity;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T | undefined, make: (n: number) => T): T => {
      const b = make(capacity);
      if (a) b.set(a);
      return b;
    };
    const f64 = (n: number) => new Float64Array(n);
    const i32 = (n: number) => new Int32Array(n);
    const u8 = (n: number) => new Uint8Array(n);
    this.arrivalMs = grow(this.arrivalMs, f64);
    this.mix = grow(this.mix, i32);
    this.instance = grow(this.instance, i32);
    this.tenant = grow(this.tenant, i32);
    this.key = grow(this.key, i32);
    this.stage = grow(this.stage, i32);
    this.kmsOp = grow(this.kmsOp, i32);
    this.attempts = grow(this.attempts, i32);
    this.retryCost = grow(this.retryCost, i32);
    this.cacheKind = grow(this.cacheKind, u8);
    this.cacheId = grow(this.cacheId, i32);
    this.viaS3 = grow(this.viaS3, u8);
    this.bucket = grow(this.bucket, i32);
    this.requester = grow(this.requester, i32);
    this.legacy = grow(this.legacy, u8);
    this.bkSlot = grow(this.bkSlot, i32);
    this.ok = grow(this.ok, u8);
    this.counted = grow(this.counted, u8);
    // Free list: the new slots, highest first so that low slots are handed out first.
    const fl = new Int32Array(capacity);
    fl.set(this.freeList.subarray(0, this.freeCount));
    let n = this.freeCount;
    for (let s = capacity - 1; s >= old; s--) fl[n++] = s;
    this.freeList = fl;
    this.freeCount = n;
    this.capacity = capacity;
  }
}
