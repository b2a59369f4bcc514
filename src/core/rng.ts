/**
 * Seeded pseudo-random numbers: sfc32 seeded through splitmix32.
 *
 * Hand-written (≈40 lines) rather than a dependency: we need uniform floats, normals, integers, shuffles and
 * child seeds with an exact, documented sequence so that "same seed → byte-identical CSV" holds on every host.
 * `Math.random` is banned by lint; every random draw in the project goes through an `Rng`.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;
  /** The seed this generator was created with. */
  readonly seed: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    this.seed = seed >>> 0;
    let s = this.seed;
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Uniform 32-bit unsigned integer (sfc32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (n <= 0) throw new RangeError(`int(n) needs n > 0, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** Standard normal draw (Marsaglia polar method; the spare value is kept). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * m;
    return u * m;
  }

  /** A fresh 32-bit seed for a child generator or a tfjs op. */
  nextSeed(): number {
    return this.nextUint32();
  }

  /** A child generator with its own stream. */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(arr: T[] | Int32Array | Float64Array | Uint32Array): typeof arr {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = arr[i]!;
      arr[i] = arr[j]!;
      arr[j] = t;
    }
    return arr;
  }

  /** `k` distinct indices from [0, n) (partial Fisher–Yates), in random order. */
  choose(n: number, k: number): Int32Array {
    if (k > n) throw new RangeError(`cannot choose ${k} of ${n}`);
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
    }
    return idx.slice(0, k);
  }
}

/** The seed used when the user gives none (printed by the CLI, shown by the UI). */
export const DEFAULT_SEED = 42;
