/**
 * The last few messages written per entry (tenant context + key), by any instance: when each was
 * written and under which data key. A read of age a takes the newest message written by now - a,
 * which is what a reader of "the tenant's latest message" gets (and what `kmsplan live` reads).
 * Older reads, beyond what the ring holds, fall back to the per-writer history (WriteHistory).
 *
 * Worked example (depth 4): writes of entry 7 at 10 (key 1), 20 (key 1), 30 (key 2): a read at
 * 35 with age 0 -> key 2; age 12 (written by 23) -> key 1; age 30 (by 5) -> -1 (before any
 * write in the ring: fall back).
 * Memory: entries x depth x 12 bytes, grown on demand; nothing allocated per call otherwise.
 */
export const RECENT_WRITES_DEPTH = 8;

export class RecentWrites {
  private times = new Float64Array(0);
  private ids = new Int32Array(0);
  private next = new Int32Array(0);
  private held = new Int32Array(0);

  record(entry: number, nowMs: number, dataKey: number): void {
    if (entry >= this.next.length) this.grow(entry + 1);
    const base = entry * RECENT_WRITES_DEPTH;
    const p = this.next[entry];
    this.times[base + p] = nowMs;
    this.ids[base + p] = dataKey;
    this.next[entry] = p + 1 === RECENT_WRITES_DEPTH ? 0 : p + 1;
    if (this.held[entry] < RECENT_WRITES_DEPTH) this.held[entry]++;
  }

  /** Data key of the newest message of `entry` written at or before `atMs`, or -1 if the ring cannot tell. */
  newestAtOrBefore(entry: number, atMs: number): number {
    if (entry >= this.next.length) return -1;
    const n = this.held[entry];
    const base = entry * RECENT_WRITES_DEPTH;
    let best = -1;
    let bestT = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = this.times[base + i];
      if (t <= atMs && t > bestT) {
        bestT = t;
        best = i;
      }
    }
    return best < 0 ? -1 : this.ids[base + best];
  }

  private grow(entries: number): void {
    const cap = Math.max(entries, this.next.length * 2, 64);
    const times = new Float64Array(cap * RECENT_WRITES_DEPTH);
    const ids = new Int32Array(cap * RECENT_WRITES_DEPTH);
    const next = new Int32Array(cap);
    const held = new Int32Array(cap);
    times.set(this.times);
    ids.set(this.ids);
    next.set(this.next);
    held.set(this.held);
    this.times = times;
    this.ids = ids;
    this.next = next;
    this.held = held;
  }
}
