import { describe, expect, it } from "vitest";
import { BucketKeys, BucketKeySide } from "../../src/model/BucketKeys.js";

describe("BucketKeys: one KMS call per (bucket, key, requester, side) per lifetime", () => {
  it("keeps a separate bucket key per requester, per side, per bucket and per key", () => {
    const bk = new BucketKeys(2, 2, 3, 1000);
    const calls = (t: number, b: number, k: number, r: number, side: BucketKeySide) => (bk.needsKmsCall(t, b, k, r, side) >= 0 ? 1 : 0);
    let n = 0;
    for (let i = 0; i < 50; i++) n += calls(i, 0, 0, 0, BucketKeySide.Write);
    expect(n).toBe(1);
    expect(calls(60, 0, 0, 1, BucketKeySide.Write)).toBe(1); // another requester
    expect(calls(61, 0, 0, 0, BucketKeySide.Read)).toBe(1); // reads fetch their own
    expect(calls(62, 1, 0, 0, BucketKeySide.Write)).toBe(1); // another bucket
    expect(calls(63, 0, 1, 0, BucketKeySide.Write)).toBe(1); // another KMS key
    expect(calls(64, 0, 0, 0, BucketKeySide.Write)).toBe(0);
  });

  it("expires after the lifetime, and a failed fetch leaves no bucket key", () => {
    const bk = new BucketKeys(1, 1, 1, 1000);
    expect(bk.needsKmsCall(0, 0, 0, 0, BucketKeySide.Write)).toBeGreaterThanOrEqual(0);
    expect(bk.needsKmsCall(999, 0, 0, 0, BucketKeySide.Write)).toBe(-1);
    const s = bk.needsKmsCall(1000, 0, 0, 0, BucketKeySide.Write);
    expect(s).toBeGreaterThanOrEqual(0);
    bk.failed(s);
    expect(bk.needsKmsCall(1001, 0, 0, 0, BucketKeySide.Write)).toBeGreaterThanOrEqual(0);
  });

  it("uses a sparse map for large key x requester spaces with the same answers", () => {
    const bk = new BucketKeys(1, 3000, 3000, 1000); // 18 M slots: sparse
    expect(bk.needsKmsCall(0, 0, 2999, 2999, BucketKeySide.Read)).toBeGreaterThanOrEqual(0);
    expect(bk.needsKmsCall(1, 0, 2999, 2999, BucketKeySide.Read)).toBe(-1);
    expect(bk.needsKmsCall(1, 0, 2999, 2998, BucketKeySide.Read)).toBeGreaterThanOrEqual(0);
  });
});
