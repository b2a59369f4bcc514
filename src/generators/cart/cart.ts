/**
 * Sequential CART (synthpop's default method; Reiter 2005, Nowok et al. 2016): column 1 is drawn from its real
 * values; column j is drawn, row by row, from the real values of column j in the leaf that the synthetic row's
 * columns 1…j−1 reach in a tree fitted on the real data (real columns 1…j−1 → real column j). Optional smoothing of
 * the numbers as synthpop's `smoothing = "density"` (smooth.ts).
 * ml-cart is not used: its leaves keep a class distribution or a mean, not the training rows that the method draws
 * from (tree.ts is a small CART on the shared quantile bins that keeps them).
 */
import { OptionError, throwIfAborted } from '../../core/errors.js';
import { throttleProgress, yieldToEventLoop } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import type { CatColumn, Column, NumColumn, Table } from '../../core/table.js';
import { makeTable } from '../../core/table.js';
import type { Design } from '../../transforms/quantile-bins.js';
import type { ModelData } from '../../transforms/model-data.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { cartInfo } from './info.js';
import { smoothDensity } from './smooth.js';
import { LeafTree } from './tree.js';

/** Features of columns `cols` (numbers as is, categories one-hot) for rows of a column set. */
function design(
  columns: (Float64Array | Int32Array)[],
  kinds: ('num' | 'cat')[],
  levels: number[],
  cols: number[],
  n: number,
): Design {
  const width = cols.reduce((s, j) => s + (kinds[j] === 'num' ? 1 : levels[j]!), 0);
  const X = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    let o = i * width;
    for (const j of cols) {
      if (kinds[j] === 'num') X[o++] = columns[j]![i]!;
      else {
        X[o + columns[j]![i]!] = 1;
        o += levels[j]!;
      }
    }
  }
  return { X, n, d: width };
}

/**
 * Moves each missing-indicator just before its value column (synthpop synthesises missingness first too): the value's
 * tree can then split on it, so a present cell is drawn from present real cells, never from the median that fills a
 * missing one (src/transforms/model-data.ts).
 */
function indicatorsFirst(order: number[], data: ModelData): number[] {
  const out: number[] = [];
  for (const j of order) {
    const c = data.columns[j]!;
    if (
      c.role === 'missing-indicator' &&
      data.columns.some((v, i) => v.source === c.source && v.role === 'value' && order.includes(i))
    )
      continue;
    if (c.role === 'value') {
      const ind = data.columns.findIndex((v) => v.source === c.source && v.role === 'missing-indicator');
      if (ind >= 0 && order.includes(ind)) out.push(ind);
    }
    out.push(j);
  }
  return out;
}

export class SequentialCart extends BaseGenerator<typeof cartInfo> {
  private order: number[] = [];
  private trees: (LeafTree | null)[] = [];
  /**
   * Per step: the missing-indicator column of this value column (synthesised earlier), or −1; the real rows its
   * tree was fitted on (the present cells only), and the fill of a missing cell.
   */
  private missing: { indicator: number; rows: Int32Array; fill: number }[] = [];
  private real: (Float64Array | Int32Array)[] = [];
  private kinds: ('num' | 'cat')[] = [];
  private levels: number[] = [];
  private template: Table | null = null;

  constructor(options: Partial<OptionValues> = {}) {
    super(cartInfo, options);
  }

  /** Column indices (of the model table) in synthesis order. */
  get columnOrder(): number[] {
    return this.order;
  }

  protected async fitModel(data: ModelData, _rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    const t = data.table;
    this.template = t;
    this.real = t.columns.map((c) => (c.kind === 'num' ? c.values : (c as CatColumn).codes));
    this.kinds = t.columns.map((c) => (c.kind === 'num' ? 'num' : 'cat'));
    this.levels = t.columns.map((c) => (c.kind === 'cat' ? (c as CatColumn).levels.length : 0));
    // order: the user's names first (a source name also brings its missing indicator), then the rest; target last by default
    const given = (this.options.order ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const first: number[] = [];
    for (const name of given) {
      const idx = data.columns.flatMap((c, j) => (c.source === name ? [j] : []));
      if (!idx.length)
        throw new OptionError(`Sequential CART option "order" names "${name}", which is not a modelled column.`, {
          option: 'order',
        });
      first.push(...idx.filter((j) => !first.includes(j)));
    }
    const rest = t.columns
      .map((_, j) => j)
      .filter((j) => !first.includes(j) && (given.length > 0 || j !== data.target));
    this.order = indicatorsFirst(
      [...first, ...rest, ...(given.length === 0 && data.target >= 0 ? [data.target] : [])],
      data,
    );
    const minLeaf = this.options.minLeaf;
    const progress = throttleProgress(ctx.onProgress);
    this.trees = [null];
    this.missing = [];
    const leaves: number[] = [];
    for (let s = 1; s < this.order.length; s++) {
      progress({ stage: 'fit', fraction: s / this.order.length, message: `tree for ${t.names[this.order[s]!]}` });
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
      const j = this.order[s]!;
      const before = this.order.slice(0, s);
      const c = data.columns[j]!;
      const ind =
        c.role === 'value'
          ? data.columns.findIndex(
              (v, i) => v.role === 'missing-indicator' && v.source === c.source && before.includes(i),
            )
          : -1;
      let real = this.real;
      let y = this.real[j]!;
      if (ind >= 0) {
        // as synthpop does for a variable with missing values: the tree learns from the present cells only, and a
        // synthetic row whose indicator says "missing" takes the fill (what the later trees saw in that cell)
        const flags = this.real[ind]!;
        const rows = Int32Array.from(flags.keys()).filter((i) => flags[i] === 0);
        const fill = this.real[j]![flags.indexOf(1)]!;
        this.missing[s] = { indicator: ind, rows, fill };
        real = this.real.map((col) =>
          col instanceof Float64Array ? Float64Array.from(rows, (i) => col[i]!) : Int32Array.from(rows, (i) => col[i]!),
        );
        y = real[j]!;
      }
      const D = design(real, this.kinds, this.levels, before, y.length);
      const tree = new LeafTree(this.kinds[j] === 'cat' ? this.levels[j]! : 0, minLeaf).fit(D, y);
      this.trees.push(tree);
      leaves.push(tree.leaves);
    }
    return {
      notes: [
        `order: ${this.order.map((j) => t.names[j]).join(' → ')}; ${leaves.reduce((a, b) => a + b, 0)} leaves in ${leaves.length} trees (min leaf ${minLeaf})`,
      ],
      details: { order: this.order.map((j) => t.names[j]), leaves },
    };
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const t = this.template!;
    const out: (Float64Array | Int32Array)[] = this.kinds.map((k) =>
      k === 'num' ? new Float64Array(n) : new Int32Array(n),
    );
    const smooth = this.options.smoothing === 'density';
    const first = this.order[0]!;
    for (let i = 0; i < n; i++) out[first]![i] = this.real[first]![rng.int(t.nRows)]!;
    if (smooth && this.kinds[first] === 'num') smoothDensity(out[first] as Float64Array, null, rng);
    for (let s = 1; s < this.order.length; s++) {
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
      const j = this.order[s]!;
      const D = design(out, this.kinds, this.levels, this.order.slice(0, s), n);
      const tree = this.trees[s]!;
      const miss = this.missing[s];
      for (let i = 0; i < n; i++) {
        if (miss && out[miss.indicator]![i] === 1) {
          out[j]![i] = miss.fill;
          continue;
        }
        const rows = tree.leafRows(D, i);
        const k = rows[rng.int(rows.length)]!;
        out[j]![i] = this.real[j]![miss ? miss.rows[k]! : k]!;
      }
      // smoothed before the next trees read it as a predictor, as synthpop's syn.cart returns the smoothed column
      if (smooth && this.kinds[j] === 'num')
        smoothDensity(out[j] as Float64Array, miss ? (i) => out[miss.indicator]![i] !== 1 : null, rng);
    }
    const cols: Column[] = t.columns.map((c, j) =>
      c.kind === 'num'
        ? ({ kind: 'num', values: out[j] as Float64Array } as NumColumn)
        : { kind: 'cat', codes: out[j] as Int32Array, levels: (c as CatColumn).levels },
    );
    return makeTable([...t.names], cols);
  }
}
