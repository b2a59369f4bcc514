/**
 * Feature matrices for the utility models, as judge.py's preprocessor: numerical features standardised with the
 * FITTING set's mean/std, categorical features one-hot over the fitting set's levels (unknown levels → all zeros).
 */
import type { Prepared, PreparedPart } from '../prepare.js';

export type { Design } from '../../transforms/quantile-bins.js';
import type { Design } from '../../transforms/quantile-bins.js';
import { mean, sd } from '../../core/stats.js';

export class Encoder {
  private readonly num: { j: number; mean: number; inv: number }[] = [];
  private readonly cat: { j: number; levels: number[] }[] = [];
  readonly d: number;

  /** Fits on rows `idx` of `part`, using feature columns `features` of `P`. */
  constructor(P: Prepared, part: PreparedPart, idx: ArrayLike<number>, features: number[]) {
    for (const j of features) {
      const v = part.values[j]!;
      if (P.kinds[j] === 'num') {
        const x = Float64Array.from(idx, (i) => v[i]!);
        const m = mean(x);
        const s = sd(x, 0, m);
        this.num.push({ j, mean: m, inv: s > 0 ? 1 / s : 0 });
      } else {
        const lv = new Set<number>();
        for (let r = 0; r < idx.length; r++) lv.add(v[idx[r]!]!);
        this.cat.push({ j, levels: [...lv].sort((a, b) => a - b) });
      }
    }
    this.d = this.num.length + this.cat.reduce((s, c) => s + c.levels.length, 0);
  }

  transform(part: PreparedPart, idx: ArrayLike<number>): Design {
    const n = idx.length;
    const d = this.d;
    const X = new Float64Array(n * d);
    for (let r = 0; r < n; r++) {
      const i = idx[r]!;
      let o = r * d;
      for (const f of this.num) X[o++] = (part.values[f.j]![i]! - f.mean) * f.inv;
      for (const f of this.cat) {
        const c = part.values[f.j]![i]!;
        for (const l of f.levels) X[o++] = c === l ? 1 : 0;
      }
    }
    return { X, n, d };
  }
}

export function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
