/**
 * Kernel density generator: for each class c (levels of a categorical target, else one class), the density of the
 * standardised numerical columns is (1/n_c) Σ_i N(x; x_i, h_c² I), h_c from Scott's or Silverman's rule. Sampling
 * picks a class by its real share, a real row i of it, and draws x_i + h_c·ε. Categorical columns (other than the
 * class) use the Aitchison–Aitken kernel (Aitchison & Aitken 1976): keep row i's level with probability 1 − λ, else a
 * uniformly chosen other level, i.e. K(x | x_i) = 1 − λ if x = x_i, λ/(L − 1) otherwise. It smooths each marginal
 * towards uniform: p → (1 − λ)·p + λ·(1 − p)/(L − 1). Missing-indicator columns are never switched.
 * Integer columns are rounded after the noise (by the base class), so on coarse integer tables many rows come back
 * equal to real rows: raise `bandwidthScale` or check the privacy report.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { throwIfAborted } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { CatColumn, Column, NumColumn, Table } from '../../core/table.js';
import { makeTable } from '../../core/table.js';
import type { ModelData } from '../../transforms/model-data.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { kdeInfo } from './info.js';
import { sd } from '../../core/stats.js';

/** Bandwidth in standard deviations for n points in d dimensions. */
export function bandwidth(rule: 'scott' | 'silverman', n: number, d: number): number {
  const scott = Math.pow(n, -1 / (d + 4));
  return rule === 'scott' ? scott : Math.pow(4 / (d + 2), 1 / (d + 4)) * scott;
}

/**
 * Lower Cholesky factor of the covariance (n − 1) of the numerical columns over `rows` (ml-matrix). A class too small
 * or too collinear for a positive-definite covariance gets a ridge of 1e-6·(its diagonal, or the column's overall
 * variance), growing tenfold until ml-matrix accepts it.
 */
function classCholesky(t: Table, numIdx: number[], rows: Int32Array, sd: number[]): Float64Array {
  const d = numIdx.length;
  if (d === 0) return new Float64Array(0);
  const m = rows.length;
  const cols = numIdx.map((j) => Float64Array.from(rows, (i) => (t.columns[j] as NumColumn).values[i]!));
  const mu = cols.map((v) => v.reduce((s, x) => s + x, 0) / m);
  const cov = Matrix.zeros(d, d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += (cols[a]![r]! - mu[a]!) * (cols[b]![r]! - mu[b]!);
      const v = s / Math.max(1, m - 1);
      cov.set(a, b, v);
      cov.set(b, a, v);
    }
  }
  for (let ridge = 1e-6; ; ridge *= 10) {
    const ch = new CholeskyDecomposition(cov);
    if (ch.isPositiveDefinite()) return Float64Array.from(ch.lowerTriangularMatrix.to1DArray());
    for (let a = 0; a < d; a++)
      cov.set(a, a, cov.get(a, a) + ridge * Math.max(cov.get(a, a), sd[numIdx[a]!]! ** 2, 1e-12));
  }
}

export class Kde extends BaseGenerator<typeof kdeInfo> {
  private table: Table | null = null;
  /** Row → index of its class group. */
  private groupOf: Int32Array = new Int32Array(0);
  private groups: Int32Array[] = [];
  private sd: number[] = [];
  private h: number[] = [];
  /** Categorical columns the Aitchison–Aitken kernel may switch: not the class, not a missing-indicator. */
  private switchable: boolean[] = [];
  /** Per categorical column, the levels seen in the fitted rows (a switch only lands on one of them). */
  private seen: Int32Array[] = [];
  /** Indices of the numerical columns. */
  private numIdx: number[] = [];
  /** kernel 'full': per class, the lower Cholesky factor (d × d, row-major) of the class covariance; else empty. */
  private chol: Float64Array[] = [];

  constructor(options: Partial<OptionValues> = {}) {
    super(kdeInfo, options);
  }

  protected async fitModel(data: ModelData, _rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    const t = data.table;
    const n = t.nRows;
    this.table = t;
    this.sd = t.columns.map((c) => {
      return c.kind === 'num' ? sd(c.values, 1) : 0;
    });
    const cls =
      data.task === 'classification' && data.target >= 0
        ? (t.columns[data.target] as CatColumn).codes
        : new Int32Array(n);
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (!byClass.has(cls[i]!)) byClass.set(cls[i]!, []);
      byClass.get(cls[i]!)!.push(i);
    }
    this.groups = [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, rows]) => Int32Array.from(rows));
    this.groupOf = new Int32Array(n);
    this.groups.forEach((g, k) => g.forEach((i) => (this.groupOf[i] = k)));
    // a missing-indicator keeps the picked row's missingness: switching it would move the missing rate towards ½
    // and expose the median that fills a missing cell (src/transforms/model-data.ts)
    this.switchable = data.columns.map(
      (c, j) => c.kind === 'cat' && c.role === 'value' && !(data.task === 'classification' && j === data.target),
    );
    this.seen = t.columns.map((c) => (c.kind === 'cat' ? Int32Array.from(new Set(c.codes)).sort() : new Int32Array(0)));
    const d = t.columns.filter((c) => c.kind === 'num').length;
    const rule = this.options.bandwidth;
    const scale = this.options.bandwidthScale;
    this.h = this.groups.map((g) => scale * bandwidth(rule, g.length, Math.max(1, d)));
    this.numIdx = t.columns.flatMap((c, j) => (c.kind === 'num' ? [j] : []));
    this.chol = this.options.kernel === 'full' ? this.groups.map((g) => classCholesky(t, this.numIdx, g, this.sd)) : [];
    throwIfAborted(ctx.signal);
    return {
      notes: [
        d === 0
          ? `${this.groups.length} class(es); no numerical column, so only the category kernel (λ = ${this.options.categoryNoise}) applies`
          : `${this.groups.length} class(es); bandwidth ${this.h.map((x) => x.toFixed(3)).join(', ')} ${this.chol.length ? '× class covariance' : 'SD'} (${rule}, d = ${d})`,
      ],
      details: { bandwidths: this.h },
    };
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const t = this.table!;
    const lambda = this.options.categoryNoise;
    // a uniformly drawn real row keeps the classes' real shares
    const picks = Int32Array.from({ length: n }, () => rng.int(t.nRows));
    const num = new Map<number, Float64Array>(this.numIdx.map((j) => [j, new Float64Array(n)]));
    const d = this.numIdx.length;
    const eps = new Float64Array(d);
    for (let r = 0; r < n; r++) {
      const i = picks[r]!;
      const g = this.groupOf[i]!;
      const h = this.h[g]!;
      for (let a = 0; a < d; a++) eps[a] = rng.normal();
      const L = this.chol[g];
      for (let a = 0; a < d; a++) {
        const j = this.numIdx[a]!;
        let noise: number;
        if (L) {
          // x_i + h·Lε with LLᵀ = Σ_class: noise ~ N(0, h²Σ)
          noise = 0;
          for (let b = 0; b <= a; b++) noise += L[a * d + b]! * eps[b]!;
        } else noise = this.sd[j]! * eps[a]!; // N(0, h²) in standardised units
        num.get(j)![r] = (t.columns[j] as NumColumn).values[i]! + h * noise;
      }
    }
    const cols: Column[] = t.columns.map((c, j) => {
      if (c.kind === 'num') return { kind: 'num', values: num.get(j)! };
      const cc = c as CatColumn;
      const seen = this.seen[j]!;
      const L = seen.length;
      const keep = !this.switchable[j] || L < 2 || lambda === 0;
      const codes = new Int32Array(n);
      for (let r = 0; r < n; r++) {
        const own = cc.codes[picks[r]!]!;
        if (keep || !(rng.next() < lambda)) codes[r] = own;
        else {
          // uniform over the L − 1 seen levels other than `own` (seen is sorted and contains own)
          const k = rng.int(L - 1);
          const at = seen.indexOf(own);
          codes[r] = seen[k >= at ? k + 1 : k]!;
        }
      }
      return { kind: 'cat', codes, levels: cc.levels };
    });
    throwIfAborted(ctx.signal);
    return makeTable([...t.names], cols);
  }
}
