/**
 * A binary min-heap of (timeMs, payload) pairs in typed arrays: no allocation per event, grows by
 * doubling. Deterministic: the same pushes and pops give the same order, ties included (ties are
 * not ordered by push sequence: keeping a sequence number cost ~10% of the simulator's time).
 */
export class EventQueue {
  private times: Float64Array;
  private payloads: Int32Array;
  private n = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.payloads = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  push(timeMs: number, payload: number): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times, payloads = this.payloads;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt <= timeMs) break;
      times[i] = pt;
      payloads[i] = payloads[p];
      i = p;
    }
    times[i] = timeMs;
    payloads[i] = payload;
  }

  /** Remove the earliest event and return its payload (its time was `peekTime()`). */
  pop(): number {
    const times = this.times, payloads = this.payloads;
    const top = payloads[0];
    const n = --this.n;
    if (n === 0) return top;
    const t = times[n], pl = payloads[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && times[r] < times[c]) c = r;
      if (t <= times[c]) break;
      times[i] = times[c];
      payloads[i] = payloads[c];
      i = c;
    }
    times[i] = t;
    payloads[i] = pl;
    return top;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap), p = new Int32Array(cap);
    t.set(this.times);
    p.set(this.payloads);
    this.times = t;
    this.payloads = p;
  }
}
