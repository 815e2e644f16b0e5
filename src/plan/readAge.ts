/**
 * Which message a read (decrypt, s3-get) takes is decided by its age: `readAge` in the mix entry.
 * One sampler for `live` (which picks the newest message written by `now - age`) and for the
 * simulator's cache model, so the two cannot disagree on what a read age means.
 *
 * Example: `{ type: "exponential", meanMs: 60000 }` with u = 0.5 -> 41,589 ms (the median of an
 * exponential with a one-minute mean).
 */
import type { ReadAgeSpec } from "../scenario/types.js";

/** A read age (ms) for one read, from the mix entry's `readAge` and a uniform u in [0, 1). */
export function readAgeMs(spec: ReadAgeSpec, u: number): number {
  if (spec.type === "fixed") return spec.ageMs;
  if (spec.type === "uniform") return spec.minMs + u * (spec.maxMs - spec.minMs);
  return -spec.meanMs * Math.log(1 - u);
}
