/**
 * "Which data key encrypted the message being read": a bounded record of the data keys each writer
 * instance used for each entry (tenant encryption context + KMS key), and deterministic ids for
 * data keys the run never saw.
 *
 * Per (writer instance, entry) a ring buffer keeps the last `depth` generations: a generation starts
 * when the writer's caching CMM stores a new data key (`record(startMs, id)`), and messages written
 * while it is cached use it. `lookup(writer, entry, writtenAtMs)` returns:
 *   - the id of the latest generation started at or before writtenAtMs, if writtenAtMs - start <=
 *     maxAge (the key was still usable; message limits may have retired it sooner, in which case the
 *     next generation already started and is the one found);
 *   - UNCACHED if that generation was a message too large to cache (its key encrypted one message);
 *   - UNKNOWN otherwise: written before the run, older than the ring keeps, or in a gap where the
 *     writer held no live key. The caller then uses `virtualId`.
 *
 * Virtual data keys stand for a writer's history that was not simulated: the writer is assumed to
 * rotate its data key every maxAge (the longest a cached key lives), in windows phased per (writer,
 * entry). Two reads of messages from the same writer, entry and window share an id (and so can hit
 * the reader's decrypt cache). Ids are int32: recorded ids are >= 0, virtual ids are a 31-bit hash
 * with the sign bit set (< 0), so they never meet; two virtual keys collide (a false decrypt hit)
 * with probability about (live decrypt entries of the reader) / 2^31 per lookup.
 *
 * Worked example (maxAge 100, depth 4): writer 3, entry 7 records generations 10@0 and 11@250.
 * lookup(3, 7, 40) = 10; lookup(3, 7, 180) = UNKNOWN (10 expired at 100, 11 not yet started);
 * lookup(3, 7, 300) = 11; lookup(3, 7, -50) = UNKNOWN (before the run).
 */
import { ABSENT, KeyTable } from "./KeyTable.js";

/** `lookup` result: the run holds no record of the data key (use `virtualId`). */
export const UNKNOWN = -2;
/** A generation that was one message too large to cache: its data key served only that message. */
export const UNCACHED = -1;
/** Generations remembered per (writer, entry) by default. */
export const DEFAULT_HISTORY_DEPTH = 4;

export class WriteHistory {
  private readonly rings = new KeyTable(1024);
  private readonly depth: number;
  private readonly maxAgeMs: number;
  private ringCount = 0;
  private startMs: Float64Array = new Float64Array(0);
  private ids: Int32Array = new Int32Array(0);
  /** Per ring: index (0..depth-1) of the latest generation, and how many are held. */
  private latest: Int32Array = new Int32Array(0);
  private held: Int32Array = new Int32Array(0);

  private readonly salt: number;

  /** @param salt varies the virtual ids (and window phases) between runs; any int32. */
  constructor(maxAgeMs: number, depth = DEFAULT_HISTORY_DEPTH, salt = 0) {
    this.salt = salt | 0;
    if (!Number.isInteger(depth) || depth < 1) throw new TypeError(`Expected depth to be a positive integer, got ${depth}`);
    if (!(maxAgeMs > 0)) throw new TypeError(`Expected maxAgeMs to be > 0, got ${maxAgeMs}`);
    this.depth = depth;
    this.maxAgeMs = maxAgeMs;
    this.growRings(256);
  }

  /** Writer `writer` started using data key `id` (or UNCACHED) for `entry` at `startMs`. */
  record(writer: number, entry: number, startMs: number, id: number): void {
    let r = this.rings.get(writer, entry);
    if (r === ABSENT) {
      if (this.ringCount === this.latest.length) this.growRings(this.ringCount * 2);
      r = this.ringCount++;
      this.rings.set(writer, entry, r);
      this.latest[r] = this.depth - 1;
      this.held[r] = 0;
    }
    const pos = (this.latest[r] + 1) % this.depth;
    this.latest[r] = pos;
    if (this.held[r] < this.depth) this.held[r]++;
    this.startMs[r * this.depth + pos] = startMs;
    this.ids[r * this.depth + pos] = id;
  }

  /** The data key `writer` used for `entry` at `writtenAtMs`: an id, UNCACHED or UNKNOWN. */
  lookup(writer: number, entry: number, writtenAtMs: number): number {
    const r = this.rings.get(writer, entry);
    if (r === ABSENT) return UNKNOWN;
    const base = r * this.depth;
    let pos = this.latest[r];
    for (let n = this.held[r]; n > 0; n--) {
      const start = this.startMs[base + pos];
      if (start <= writtenAtMs) return writtenAtMs - start <= this.maxAgeMs ? this.ids[base + pos] : UNKNOWN;
      pos = pos === 0 ? this.depth - 1 : pos - 1;
    }
    return UNKNOWN;
  }

  /** The virtual data key of (writer, entry) for a message written at `writtenAtMs`. */
  virtualId(writer: number, entry: number, writtenAtMs: number): number {
    const phase = (mix(writer, entry, 0x51ed27 ^ this.salt) / 4294967296) * this.maxAgeMs;
    const window = Math.floor((writtenAtMs + phase) / this.maxAgeMs) | 0;
    return (mix(writer ^ this.salt, entry, window) | 0x80000000) | 0;
  }

  private growRings(rings: number): void {
    const start = new Float64Array(rings * this.depth);
    start.set(this.startMs);
    const ids = new Int32Array(rings * this.depth);
    ids.set(this.ids);
    const latest = new Int32Array(rings);
    latest.set(this.latest);
    const held = new Int32Array(rings);
    held.set(this.held);
    this.startMs = start;
    this.ids = ids;
    this.latest = latest;
    this.held = held;
  }
}

/** A 32-bit mix of three int32s (murmur3 finaliser over a simple combination); unsigned result. */
function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x3c6ef372, 0x85ebca6b) ^ Math.imul(b + 0x1b873593, 0xcc9e2d51) ^ Math.imul(c ^ 0x6a09e667, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
