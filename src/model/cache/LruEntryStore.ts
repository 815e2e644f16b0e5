/**
 * The entries of every instance's local cryptographic materials cache, reproducing lru-cache 6.0.0
 * as @aws-crypto/cache-material 5.0.2 uses it (`new LRU({ max: capacity })`, `set(key, value, maxAge)`):
 *
 * - one LRU list per instance over encrypt and decrypt entries together, `capacity` entries each
 *   (0 or Infinity = unbounded, as lru-cache's `max: 0`);
 * - `get` of a fresh entry moves it to the head (most recent); its age is NOT refreshed
 *   (`updateAgeOnGet` is off); `get` of a stale entry (now - storedAt > maxAge) deletes it;
 * - `set` of an existing key overwrites it (new storedAt) and moves it to the head; `set` of a new
 *   key inserts at the head, then evicts from the tail while over capacity, stale or not;
 * - the proactive sweeper (`getLocalCryptographicMaterialsCache(capacity, proactiveFrequency = 60 s)`)
 *   peeks the tail every interval and deletes it if stale. Sweeps are applied lazily, at the first
 *   call for that instance at or after each sweep time (the state is unchanged in between).
 *
 * Unbounded caches also drop stale entries from the tail on insert: invisible to hits and misses (a
 * stale entry can only ever miss, and with no capacity it never causes an eviction), but it keeps
 * memory bounded where the real cache would grow.
 *
 * Storage: a slab of slots in typed arrays with an intrusive doubly-linked list (prev/next), slots
 * found through a KeyTable keyed by (instance * 2 + kind, id). No allocation except when the slab or
 * the table grows.
 *
 * Worked example (capacity 2, maxAge 100): put A@0, put B@10, get A@20 (A to head), put C@30 evicts
 * B (the tail), get A@101 is stale (101 - 0 > 100): deleted, a miss, though A was used at 20.
 */
import { ABSENT, KeyTable } from "./KeyTable.js";

/** lru-cache's sweeper period in getLocalCryptographicMaterialsCache: 60,000 ms (cache-material 5.0.2). */
export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
/** Entry kinds: encryption materials (per context) and decryption materials (per data key). */
export const KIND_ENCRYPT = 0;
export const KIND_DECRYPT = 1;
const NIL = -1;

export class LruEntryStore {
  private readonly table = new KeyTable(1024);
  private readonly capacity: number;
  private readonly unbounded: boolean;
  private readonly maxAgeMs: number;
  private readonly sweepIntervalMs: number;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly count: Int32Array;
  private readonly nextSweepMs: Float64Array;
  private slots = 0;
  private freeHead = NIL;
  private used = 0;
  private tag: Int32Array = new Int32Array(0);
  private key: Float64Array = new Float64Array(0);
  private prev: Int32Array = new Int32Array(0);
  private next: Int32Array = new Int32Array(0);
  /** Per slot: when it was stored (lru-cache `hit.now`, the CMM's `entry.now`). */
  storedAtMs: Float64Array = new Float64Array(0);
  /** Per slot: messages / bytes encrypted with it (encrypt entries). */
  messages: Float64Array = new Float64Array(0);
  bytes: Float64Array = new Float64Array(0);
  /** Per slot: the data-key id it holds (encrypt entries). */
  dataKey: Float64Array = new Float64Array(0);
  /** Entries evicted by capacity (LRU), stale or not. */
  evictions = 0;

  constructor(instances: number, capacity: number, maxAgeMs: number, sweepIntervalMs: number) {
    if (!Number.isInteger(instances) || instances < 1) throw new TypeError(`Expected instances to be a positive integer, got ${instances}`);
    if (!(capacity >= 0)) throw new TypeError(`Expected capacity to be >= 0 or Infinity, got ${capacity}`);
    if (!(maxAgeMs >= 0)) throw new TypeError(`Expected maxAgeMs to be >= 0, got ${maxAgeMs}`);
    if (!(sweepIntervalMs > 0)) throw new TypeError(`Expected sweepIntervalMs to be > 0 or Infinity, got ${sweepIntervalMs}`);
    this.unbounded = capacity === 0 || capacity === Infinity;
    this.capacity = this.unbounded ? Infinity : Math.floor(capacity);
    this.maxAgeMs = maxAgeMs;
    this.sweepIntervalMs = sweepIntervalMs;
    this.head = new Int32Array(instances).fill(NIL);
    this.tail = new Int32Array(instances).fill(NIL);
    this.count = new Int32Array(instances);
    this.nextSweepMs = new Float64Array(instances).fill(sweepIntervalMs);
    this.growSlab(1024);
  }

  /** Entries currently held by `instance` (stale ones included until removed). */
  size(instance: number): number {
    return this.count[instance];
  }

  /** The slot of (instance, kind, id), or -1. Does not touch recency. */
  find(instance: number, kind: number, id: number): number {
    return this.table.get(instance * 2 + kind, id);
  }

  isStale(slot: number, nowMs: number): boolean {
    return nowMs - this.storedAtMs[slot] > this.maxAgeMs;
  }

  /**
   * lru-cache `get` on a fresh entry: move to the head. Skipped for unbounded caches: there recency
   * never decides an eviction, and a stale entry misses wherever it sits, so the order is
   * unobservable - and without touches the list stays in store order, which is staleness order, so
   * dropping stale entries from the tail reclaims all of them. (Saves ~15% of a cached run.)
   */
  touch(slot: number, instance: number): void {
    if (this.unbounded || this.head[instance] === slot) return;
    this.unlink(slot, instance);
    this.linkHead(slot, instance);
  }

  /** Move to the head unconditionally (a `set` of an existing key: new storedAt, most recent). */
  private moveToHead(slot: number, instance: number): void {
    if (this.head[instance] === slot) return;
    this.unlink(slot, instance);
    this.linkHead(slot, instance);
  }

  remove(slot: number, instance: number): void {
    this.unlink(slot, instance);
    this.table.delete(this.tag[slot], this.key[slot]);
    this.count[instance]--;
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
    this.used--;
  }

  /** lru-cache `set`: overwrite-and-move-to-head, or insert at the head and trim. Returns the slot. */
  put(nowMs: number, instance: number, kind: number, id: number): number {
    const t = instance * 2 + kind;
    let slot = this.table.get(t, id);
    if (slot !== ABSENT) {
      this.moveToHead(slot, instance);
    } else {
      if (this.unbounded) this.dropStaleTail(nowMs, instance, 2);
      slot = this.alloc();
      this.tag[slot] = t;
      this.key[slot] = id;
      this.table.set(t, id, slot);
      this.linkHead(slot, instance);
      this.count[instance]++;
      while (this.count[instance] > this.capacity) {
        this.remove(this.tail[instance], instance);
        this.evictions++;
      }
    }
    this.storedAtMs[slot] = nowMs;
    this.messages[slot] = 0;
    this.bytes[slot] = 0;
    this.dataKey[slot] = -1;
    return slot;
  }

  /** Applies the proactive sweeps due by `nowMs` for `instance` (each peeks the tail once). */
  sweepDue(nowMs: number, instance: number): void {
    let t = this.nextSweepMs[instance];
    if (nowMs < t) return;
    const every = this.sweepIntervalMs;
    while (t <= nowMs) {
      const tail = this.tail[instance];
      if (tail === NIL) {
        t += Math.ceil((nowMs - t + 1) / every) * every; // nothing to sweep until after now
        break;
      }
      const staleAfter = this.storedAtMs[tail] + this.maxAgeMs;
      if (t > staleAfter) {
        this.remove(tail, instance);
        t += every;
      } else {
        // Skip the sweeps that find this tail fresh: the first one strictly after staleAfter.
        t += Math.max(1, Math.floor((staleAfter - t) / every) + 1) * every;
      }
    }
    this.nextSweepMs[instance] = t;
  }

  private dropStaleTail(nowMs: number, instance: number, atMost: number): void {
    for (let i = 0; i < atMost; i++) {
      const tail = this.tail[instance];
      if (tail === NIL || !this.isStale(tail, nowMs)) return;
      this.remove(tail, instance);
    }
  }

  private linkHead(slot: number, instance: number): void {
    const h = this.head[instance];
    this.prev[slot] = NIL;
    this.next[slot] = h;
    if (h !== NIL) this.prev[h] = slot;
    else this.tail[instance] = slot;
    this.head[instance] = slot;
  }

  private unlink(slot: number, instance: number): void {
    const p = this.prev[slot];
    const n = this.next[slot];
    if (p !== NIL) this.next[p] = n;
    else this.head[instance] = n;
    if (n !== NIL) this.prev[n] = p;
    else this.tail[instance] = p;
  }

  private alloc(): number {
    if (this.freeHead !== NIL) {
      const s = this.freeHead;
      this.freeHead = this.next[s];
      this.used++;
      return s;
    }
    if (this.used === this.slots) this.growSlab(this.slots * 2);
    this.used++;
    return this.used - 1;
  }

  private growSlab(slots: number): void {
    const i32 = (old: Int32Array): Int32Array => {
      const a = new Int32Array(slots);
      a.set(old);
      return a;
    };
    const f64 = (old: Float64Array): Float64Array => {
      const a = new Float64Array(slots);
      a.set(old);
      return a;
    };
    this.tag = i32(this.tag);
    this.key = f64(this.key);
    this.prev = i32(this.prev);
    this.next = i32(this.next);
    this.storedAtMs = f64(this.storedAtMs);
    this.messages = f64(this.messages);
    this.bytes = f64(this.bytes);
    this.dataKey = f64(this.dataKey);
    this.slots = slots;
  }
}
