/**
 * SMOTE as a generator (Chawla et al., JAIR 16 (2002) 321–357; categories as in SMOTE-NC): a synthetic row is
 * x_a + g·(x_b − x_a) on the numerical columns, g ~ U(0, 1), where a is a uniformly drawn real row (so class shares
 * are kept) and b one of a's k nearest neighbours of the same class; each categorical cell comes from a or b with
 * probability ½. Distance: squared Euclidean on standardised numerical columns plus 1 per categorical mismatch
 * (one standard deviation's worth, in the spirit of SMOTE-NC's median-SD penalty).
 */
import { OptionError, throwIfAborted } from '../../core/errors.js';
import { throttleProgress, yieldToEventLoop } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import type { CatColumn, Column, Table } from '../../core/table.js';
import { makeTable } from '../../core/table.js';
import type { ModelData } from '../../transforms/model-data.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { smoteInfo } from './info.js';
import { mean, sd } from '../../core/stats.js';

export class Smote extends BaseGenerator<typeof smoteInfo> {
  private data: Table | null = null;
  /** Per row: its neighbours (same class, nearest first). */
  private nbrs: Int32Array[] = [];

  constructor(options: Partial<OptionValues> = {}) {
    super(smoteInfo, options);
  }

  /** The neighbour lists found by `fit` (row indices of the model table, nearest first). */
  get neighbours(): readonly Int32Array[] {
    return this.nbrs;
  }

  protected async fitModel(data: ModelData, _rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    const progress = throttleProgress(ctx.onProgress);
    const t = data.table;
    const n = t.nRows;
    const k = this.options.k;
    const classIdx = this.classColumn(data);
    // distance features: standardised numbers, category codes (compared for equality)
    const nums: Float64Array[] = [];
    const cats: Int32Array[] = [];
    t.columns.forEach((c, j) => {
      if (j === classIdx) return;
      if (c.kind === 'num') {
        const m = mean(c.values);
        const s = sd(c.values, 0, m) || 1;
        nums.push(c.values.map((x) => (x - m) / s));
      } else if (c.kind === 'cat') cats.push(c.codes);
    });
    const cls = classIdx >= 0 ? (t.columns[classIdx] as CatColumn).codes : new Int32Array(n);
    const groups = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const g = groups.get(cls[i]!) ?? [];
      g.push(i);
      groups.set(cls[i]!, g);
    }
    this.nbrs = new Array<Int32Array>(n);
    const dist = new Float64Array(n);
    let done = 0;
    let last = performance.now();
    for (const rows of groups.values()) {
      // at least once per class, and every 50 ms inside one: let progress and a Cancel through
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
      for (const a of rows) {
        for (const b of rows) {
          let s = 0;
          for (const v of nums) s += (v[a]! - v[b]!) ** 2;
          for (const c of cats) if (c[a] !== c[b]) s += 1;
          dist[b] = s;
        }
        // stable order: by distance, then by row index
        const others = rows.filter((b) => b !== a).sort((x, y) => dist[x]! - dist[y]! || x - y);
        this.nbrs[a] = Int32Array.from(others.slice(0, k));
        done++;
        if (performance.now() - last > 50) {
          progress({ stage: 'fit', fraction: done / n, message: 'nearest neighbours' });
          await yieldToEventLoop();
          throwIfAborted(ctx.signal);
          last = performance.now();
        }
      }
    }
    this.data = t;
    progress({ stage: 'fit', fraction: 1 });
    const single = [...groups.values()].filter((g) => g.length === 1).length;
    const notes = [
      classIdx >= 0
        ? `interpolating within the ${groups.size} classes of "${t.names[classIdx]}", k = ${k}`
        : `interpolating among all rows (no class column), k = ${k}`,
    ];
    if (single) notes.push(`${single} class(es) with a single row: their rows are copied`);
    return { notes, details: { k, classColumn: classIdx >= 0 ? t.names[classIdx] : null, classes: groups.size } };
  }

  private classColumn(data: ModelData): number {
    const name = this.options.classColumn;
    if (name === null || name === '') {
      return data.target >= 0 && data.columns[data.target]!.kind === 'cat' ? data.target : -1;
    }
    const j = data.columns.findIndex((c) => c.source === name && c.role === 'value');
    if (j < 0)
      throw new OptionError(`SMOTE option "classColumn": "${name}" is not a modelled column.`, {
        option: 'classColumn',
      });
    if (data.columns[j]!.kind !== 'cat') {
      throw new OptionError(
        `SMOTE option "classColumn": "${name}" is numerical; pick a categorical column (or none).`,
        { option: 'classColumn' },
      );
    }
    return j;
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const progress = throttleProgress(ctx.onProgress);
    const t = this.data!;
    const outs = t.columns.map((c) => (c.kind === 'num' ? new Float64Array(n) : new Int32Array(n)));
    let last = performance.now();
    for (let i = 0; i < n; i++) {
      const a = rng.int(t.nRows);
      const nb = this.nbrs[a]!;
      const b = nb.length ? nb[rng.int(nb.length)]! : a;
      const g = rng.next();
      t.columns.forEach((c, j) => {
        if (c.kind === 'num') outs[j]![i] = c.values[a]! + g * (c.values[b]! - c.values[a]!);
        else if (c.kind === 'cat') outs[j]![i] = rng.next() < 0.5 ? c.codes[a]! : c.codes[b]!;
      });
      if (performance.now() - last > 50) {
        progress({ stage: 'sample', fraction: (i + 1) / n });
        await yieldToEventLoop();
        throwIfAborted(ctx.signal);
        last = performance.now();
      }
    }
    progress({ stage: 'sample', fraction: 1 });
    const cols: Column[] = outs.map((v, j) =>
      v instanceof Float64Array
        ? { kind: 'num', values: v }
        : { kind: 'cat', codes: v, levels: (t.columns[j] as CatColumn).levels },
    );
    return makeTable([...t.names], cols);
  }
}
