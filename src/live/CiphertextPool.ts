/**
 * Recent ciphertexts (or object keys) per tenant, bounded: what decrypt / s3-get / kms:Decrypt
 * read. New entries replace the oldest once `perTenant` are held. A separate `primed` entry per
 * tenant (written before the drive, outside the measurement) is used while the pool is empty.
 *
 * Which message a read takes follows the scenario's `readAge`, as the simulator's model does
 * (docs/caching-model.md): the newest message the tenant had written by `now - readAge`; with the
 * default readAge 0, the newest one. If every held message is younger than that, the oldest held.
 */
export class CiphertextPool<T> {
  private readonly recent = new Map<number, { items: T[]; addedMs: number[] }>();
  private readonly next = new Map<number, number>();
  private readonly primed = new Map<number, T>();

  constructor(
    private readonly perTenant = 16,
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(tenant: number, item: T): void {
    let list = this.recent.get(tenant);
    if (list === undefined) this.recent.set(tenant, (list = { items: [], addedMs: [] }));
    const t = this.now();
    if (list.items.length < this.perTenant) {
      list.items.push(item);
      list.addedMs.push(t);
    } else {
      const i = this.next.get(tenant) ?? 0;
      list.items[i] = item;
      list.addedMs[i] = t;
      this.next.set(tenant, (i + 1) % this.perTenant);
    }
  }

  prime(tenant: number, item: T): void {
    this.primed.set(tenant, item);
  }

  hasPrimed(tenant: number): boolean {
    return this.primed.has(tenant);
  }

  /** The message a read of age `readAgeMs` takes (see above), else the primed one, else undefined. */
  pick(tenant: number, readAgeMs = 0): T | undefined {
    const list = this.recent.get(tenant);
    if (!list || list.items.length === 0) return this.primed.get(tenant);
    const at = this.now() - readAgeMs;
    let best = -1, oldest = 0;
    for (let i = 0; i < list.items.length; i++) {
      const t = list.addedMs[i];
      if (t <= at && (best < 0 || t > list.addedMs[best])) best = i;
      if (t < list.addedMs[oldest]) oldest = i;
    }
    return list.items[best >= 0 ? best : oldest];
  }
}

