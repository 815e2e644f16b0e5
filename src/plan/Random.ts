/**
 * Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through
 * splitmix32. Deterministic across platforms (32-bit integer arithmetic only), allocation-free,
 * and fast enough for the simulator's hot path. Not for cryptography.
 *
 * Streams: `Random.stream(seed, name)` derives an independent generator per purpose (arrivals,
 * service times, jitter, ...) so that changing how one part draws numbers does not shift the others,
 * and so that variants of a scenario see the same arrivals (common random numbers).
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream for `name`, derived from `seed`. */
  static stream(seed: number, name: string): Random {
    let h = 0x811c9dc5 ^ (seed >>> 0);
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    return new Random((h ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
  }

  nextUint32(): number {
    const a = this.a, b = this.b, c = this.c, d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in (0, 1]: safe for `Math.log`. */
  nextOpen(): number {
    return (this.nextUint32() + 1) / 4294967296;
  }

  /** Exponential with mean 1. */
  exp1(): number {
    return -Math.log(this.nextOpen());
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Standard normal by the Ziggurat method (Marsaglia & Tsang 2000, 128 layers): usually one
   * 32-bit draw, a table lookup and a multiply; exact (rejection handles the wedges and the tail).
   */
  normal(): number {
    let hz = this.nextUint32() | 0;
    let iz = hz & 127;
    if (Math.abs(hz) < KN[iz]) return hz * WN[iz];
    for (;;) {
      const x = hz * WN[iz];
      if (iz === 0) {
        // The tail beyond R: Marsaglia's exponential rejection.
        let tx: number, ty: number;
        do {
          tx = -Math.log(this.nextOpen()) / ZIG_R;
          ty = -Math.log(this.nextOpen());
        } while (ty + ty < tx * tx);
        return hz > 0 ? ZIG_R + tx : -ZIG_R - tx;
      }
      if (FN[iz] + this.next() * (FN[iz - 1] - FN[iz]) < Math.exp(-0.5 * x * x)) return x;
      hz = this.nextUint32() | 0;
      iz = hz & 127;
      if (Math.abs(hz) < KN[iz]) return hz * WN[iz];
    }
  }
}

/** Ziggurat tables (128 layers), built once. */
const ZIG_R = 3.442619855899;
const KN = new Float64Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
(() => {
  const m1 = 2147483648.0;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * m1);
  KN[1] = 0;
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1.0;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
})();
