/**
 * Misses in flight per (instance, kind, id), to count stampedes: @aws-crypto 5.0.2 does not coalesce
 * concurrent misses, so every lookup of a key whose KMS call is still outstanding misses too and
 * makes its own KMS call (docs/reference.md §7). Touched only on misses, stores and abandons.
 *
 * Worked example: miss A (1 in flight), miss A (2 in flight: a stampede miss), store A (1), store A (0).
 */
import { ABSENT, KeyTable } from "./KeyTable.js";

export class InFlightCounter {
  private readonly table = new KeyTable(256);

  /** Registers a miss; returns how many were already in flight for the key. */
  start(instance: number, kind: number, id: number): number {
    const t = instance * 2 + kind;
    const n = this.table.get(t, id);
    const before = n === ABSENT ? 0 : n;
    this.table.set(t, id, before + 1);
    return before;
  }

  /** A miss completed (stored or abandoned). Unmatched calls are ignored. */
  finish(instance: number, kind: number, id: number): void {
    const t = instance * 2 + kind;
    const n = this.table.get(t, id);
    if (n === ABSENT) return;
    if (n <= 1) this.table.delete(t, id);
    else this.table.set(t, id, n - 1);
  }

  /** Keys with at least one miss in flight. */
  get keys(): number {
    return this.table.size;
  }
}
