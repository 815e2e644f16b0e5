/**
 * An allocation-free hash table from a key pair (a: int32, b: non-negative integer < 2^53) to a
 * non-negative int32 value. Open addressing with linear probing and backward-shift deletion (no
 * tombstones), so lookups stay short however many deletions happen. Allocates only when it grows
 * (at 50 % load it doubles).
 *
 * The cache models key it by (instance * 2 + kind, id): kind 0 = encrypt entry, 1 = decrypt entry;
 * id = the entry id or the data-key id.
 *
 * Worked example: capacity 8, keys (1, 5) and (1, 13) hashing to slot 3 land in slots 3 and 4;
 * deleting (1, 5) empties slot 3 and shifts (1, 13) back into it, so a later `get(1, 13)` still
 * finds it on the first probe.
 */

/** Value returned by `get` for an absent key. */
export const ABSENT = -1;

const TWO_POW_32 = 4294967296;

export class KeyTable {
  private keyA: Int32Array;
  private keyB: Float64Array;
  private vals: Int32Array;
  private mask: number;
  /** Number of keys stored. */
  size = 0;

  /** @param initialCapacity slots, rounded up to a power of two (at least 16). */
  constructor(initialCapacity = 16) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.keyA = new Int32Array(cap);
    this.keyB = new Float64Array(cap);
    this.vals = new Int32Array(cap).fill(ABSENT);
    this.mask = cap - 1;
  }

  private slotOf(a: number, b: number): number {
    const lo = b >>> 0;
    const hi = (b / TWO_POW_32) >>> 0;
    let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(lo ^ 0x7f4a7c15, 0xc2b2ae35) ^ Math.imul(hi + 0x165667b1, 0x27d4eb2f);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    return h & this.mask;
  }

  /** The value stored for (a, b), or ABSENT. */
  get(a: number, b: number): number {
    const vals = this.vals;
    const mask = this.mask;
    for (let i = this.slotOf(a, b); ; i = (i + 1) & mask) {
      const v = vals[i];
      if (v === ABSENT) return ABSENT;
      if (this.keyA[i] === a && this.keyB[i] === b) return v;
    }
  }

  /** Stores `value` (>= 0) for (a, b), replacing any previous value. */
  set(a: number, b: number, value: number): void {
    if ((this.size + 1) * 2 > this.vals.length) this.grow();
    const vals = this.vals;
    const mask = this.mask;
    for (let i = this.slotOf(a, b); ; i = (i + 1) & mask) {
      if (vals[i] === ABSENT) {
        this.keyA[i] = a;
        this.keyB[i] = b;
        vals[i] = value;
        this.size++;
        return;
      }
      if (this.keyA[i] === a && this.keyB[i] === b) {
        vals[i] = value;
        return;
      }
    }
  }

  /** Removes (a, b); returns whether it was present. */
  delete(a: number, b: number): boolean {
    const vals = this.vals;
    const mask = this.mask;
    let i = this.slotOf(a, b);
    for (; ; i = (i + 1) & mask) {
      if (vals[i] === ABSENT) return false;
      if (this.keyA[i] === a && this.keyB[i] === b) break;
    }
    // Backward-shift deletion: pull later members of the probe run into the hole.
    let hole = i;
    for (let j = (hole + 1) & mask; vals[j] !== ABSENT; j = (j + 1) & mask) {
      const home = this.slotOf(this.keyA[j], this.keyB[j]);
      // j's entry may move to `hole` iff its home is not in the cyclic range (hole, j].
      const inRange = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!inRange) {
        this.keyA[hole] = this.keyA[j];
        this.keyB[hole] = this.keyB[j];
        vals[hole] = vals[j];
        hole = j;
      }
    }
    vals[hole] = ABSENT;
    this.size--;
    return true;
  }

  private grow(): void {
    const oldA = this.keyA;
    const oldB = this.keyB;
    const oldV = this.vals;
    const cap = oldV.length * 2;
    this.keyA = new Int32Array(cap);
    this.keyB = new Float64Array(cap);
    this.vals = new Int32Array(cap).fill(ABSENT);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < oldV.length; i++) if (oldV[i] !== ABSENT) this.set(oldA[i], oldB[i], oldV[i]);
  }
}
