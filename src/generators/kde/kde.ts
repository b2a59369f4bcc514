/**
 * Kernel density generator: for each class c (levels of a categorical target, else one class), the density of the
 * standardised numerical columns is (1/n_c) Σ_i N(x; x_i, h_c² I), h_c from Scott's or Silverman's rule. Sampling
 * picks a class by its real share, a real row i of it, and draws x_i + h_c·ε. Categorical columns (other than the
 * class) use the Aitchison–Aitken kernel: keep row i's level with probability 1 − λ, else a uniformly chosen other level.
 */
import { throwIfAborted } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { CatColumn, Column, Table } from '../../core/table.js';
import { makeTable } from '../../core/table.js';
import type { ModelData } from '../../transforms/model-data.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { kdeInfo } from './info.js';

/** Bandwidth in standard deviations for n points in d dimensions. */
export function bandwidth(rule: 'scott' | 'silverman', n: number, d: number): number {
  const scott = Math.pow(n, -1 / (d + 4));
  return rule === 'scott' ? scott : Math.pow(4 / (d + 2), 1 / (d + 4)) * scott;
}

export class Kde extends BaseGenerator {
  private table: Table | null = null;
  private classOf: Int32Array = new Int32Array(0);
  private groups: Int32Array[] = [];
  private sd: number[] = [];
  private h: number[] = [];

  constructor(options: Partial<OptionValues> = {}) {
    super(kdeInfo, options);
  }

  protected async fitModel(data: ModelData, _rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    const t = data.table;
    const n = t.nRows;
    this.table = t;
    this.sd = t.columns.map((c) => {
      if (c.kind !== 'num') return 0;
      let m = 0;
      for (const x of c.values) m += x;
      m /= n;
      let s = 0;
      for (const x of c.values) s += (x - m) ** 2;
      return Math.sqrt(s / Math.max(1, n - 1));
    });
    const cls = data.task === 'classification' && data.target >= 0 ? (t.columns[data.target] as CatColumn).codes : new Int32Array(n);
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (!byClass.has(cls[i]!)) byClass.set(cls[i]!, []);
      byClass.get(cls[i]!)!.push(i);
    }
    this.groups = [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, rows]) => Int32Array.from(rows));
    this.classOf = cls;
    const d = t.columns.filter((c) => c.kind === 'num').length;
    const rule = this.options['bandwidth'] as 'scott' | 'silverman';
    const scale = this.options['bandwidthScale'] as number;
    this.h = this.groups.map((g) => scale * bandwidth(rule, g.length, Math.max(1, d)));
    throwIfAborted(ctx.signal);
    return {
      notes: [`${this.groups.length} class(es); bandwidth ${this.h.map((x) => x.toFixed(3)).join(', ')} SD (${rule}, d = ${d})`],
      details: { bandwidths: this.h },
    };
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const t = this.table!;
    const lambda = this.options['categoryNoise'] as number;
    // a uniformly drawn real row keeps the classes' real shares
    const picks = Int32Array.from({ length: n }, () => rng.int(t.nRows));
    const group = new Map<number, number>();
    this.groups.forEach((g, k) => g.forEach((i) => group.set(i, k)));
    const cols: Column[] = t.columns.map((c, j) => {
      if (c.kind === 'num') {
        const v = new Float64Array(n);
        for (let r = 0; r < n; r++) {
          const i = picks[r]!;
          v[r] = c.values[i]! + this.h[group.get(i)!]! * this.sd[j]! * rng.normal();
        }
        return { kind: 'num', values: v };
      }
      const cc = c as CatColumn;
      const L = cc.levels.length;
      const isClass = cc.codes === this.classOf;
      const codes = new Int32Array(n);
      for (let r = 0; r < n; r++) {
        const own = cc.codes[picks[r]!]!;
        if (isClass || L < 2 || !(rng.next() < lambda)) codes[r] = own;
        else {
          const other = rng.int(L - 1);
          codes[r] = other >= own ? other + 1 : other;
        }
      }
      return { kind: 'cat', codes, levels: cc.levels };
    });
    throwIfAborted(ctx.signal);
    return makeTable([...t.names], cols);
  }
}
