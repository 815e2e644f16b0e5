/**
 * Recent ciphertexts (or object keys) per tenant, bounded: what decrypt / s3-get / kms:Decrypt
 * read. New entries replace the oldest once `perTenant` are held. A separate `primed` entry per
 * tenant (written before the drive, outside the measurement) is used while the pool is empty.
 */
export class CiphertextPool<T> {
  private readonly recent = new Map<number, T[]>();
  private readonly next = new Map<number, number>();
  private readonly primed = new Map<number, T>();

  constructor(private readonly perTenant = 16) {}

  add(tenant: number, item: T): void {
    let list = this.recent.get(tenant);
    if (list === undefined) this.recent.set(tenant, (list = []));
    if (list.length < this.perTenant) list.push(item);
    else {
      const i = this.next.get(tenant) ?? 0;
      list[i] = item;
      this.next.set(tenant, (i + 1) % this.perTenant);
    }
  }

  prime(tenant: number, item: T): void {
    this.primed.set(tenant, item);
  }

  hasPrimed(tenant: number): boolean {
    return this.primed.has(tenant);
  }

  /** A recent item of the tenant picked with u in [0, 1), else its primed one, else undefined. */
  pick(tenant: number, u: number): T | undefined {
    const list = this.recent.get(tenant);
    if (list && list.length > 0) return list[Math.floor(u * list.length)];
    return this.primed.get(tenant);
  }
}
