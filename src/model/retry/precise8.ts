/**
 * `parseFloat(x.toFixed(8))` without allocating a string: DefaultRateLimiter.getPrecise
 * (@smithy/core 3.41.1, util-retry/DefaultRateLimiter.js) rounds every rate it stores this way.
 *
 * toFixed(8) picks the integer n nearest to the exact value x * 10^8 (ties away from zero) and
 * parseFloat returns the double nearest to n / 10^8. `Math.round(p) / 1e8` with p = fl(x * 1e8)
 * gives the same double (n and 1e8 are exact, division is correctly rounded) whenever p is not
 * within its rounding error (<= |p| * 2^-53) of a half-integer; those rare near-ties, and |p| >=
 * 2^50, fall back to the string route, so the result is bit-identical for every finite x.
 *
 * Example: 0.123456785 is stored as 0.12345678499999999...; toFixed(8) gives "0.12345678", while
 * Math.round(0.123456785 * 1e8) = 12345679: the near-tie check routes it to the slow path.
 */

const SCALE = 1e8;
/** Guard band around a half-integer, relative to |p|: 8x the worst rounding error of x * 1e8. */
const TIE_GUARD = 2 ** -50;

export function precise8(x: number): number {
  if (x === 0) return 0; // (-0).toFixed(8) is "0.00000000"
  const p = x * SCALE;
  const a = p < 0 ? -p : p;
  const frac = a - Math.floor(a);
  const d = frac > 0.5 ? frac - 0.5 : 0.5 - frac;
  if (d > a * TIE_GUARD && a < 2 ** 50) return Math.round(p) / SCALE;
  return parseFloat(x.toFixed(8));
}
