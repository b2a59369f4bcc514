/**
 * Distribution fitting: independent marginals (DESIGN.md §4). Each numerical column gets the parametric family with
 * the lowest KS statistic (`src/transforms/distributions.ts`), each categorical column its level frequencies;
 * sampling draws every column on its own (inverse CDF of a uniform).
 */
import { NotFittedError, throwIfAborted } from '../../core/errors.js';
import { throttleProgress, yieldToEventLoop } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import type { CatColumn, Column, Table } from '../../core/table.js';
import { makeTable } from '../../core/table.js';
import type { ModelData } from '../../transforms/model-data.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import {
  categoryOf,
  fitCatMarginal,
  fitNumMarginal,
  marginalJson,
  type Marginal,
  type MarginalMode,
} from '../shared/marginals.js';
import { distfitInfo } from './info.js';

/** One column's choice, as reported in `FitReport.details.columns`. */
export interface ColumnFit {
  column: string;
  family: string;
  /** KS statistic of the chosen family against the training values (categorical: null). */
  ks: number | null;
  params: Record<string, number> | null;
  /** Every family tried with its KS statistic (null: not applicable). */
  candidates: { family: string; ks: number | null }[] | null;
}

export class DistFit extends BaseGenerator<typeof distfitInfo> {
  private marginals: Marginal[] | null = null;
  private names: string[] = [];
  private levels: (string[] | null)[] = [];

  constructor(options: Partial<OptionValues> = {}) {
    super(distfitInfo, options);
  }

  /** The fitted marginals in model-column order. */
  get fittedMarginals(): readonly Marginal[] {
    if (!this.marginals) throw new NotFittedError(this.info.label);
    return this.marginals;
  }

  protected async fitModel(data: ModelData, _rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    const progress = throttleProgress(ctx.onProgress);
    const family = this.options.family;
    const mode: MarginalMode = family === 'best' ? 'parametric' : (family as MarginalMode);
    const t = data.table;
    const marginals: Marginal[] = [];
    const columns: ColumnFit[] = [];
    const notes: string[] = [];
    for (let j = 0; j < t.columns.length; j++) {
      progress({ stage: 'fit', fraction: j / t.columns.length, message: `fitting ${t.names[j]}` });
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
      const col = t.columns[j]!;
      const name = t.names[j]!;
      if (col.kind === 'num') {
        const m = fitNumMarginal(col.values, mode);
        marginals.push(m);
        const cands = m.candidates?.map((c) => ({ family: c.family, ks: c.ks })) ?? null;
        columns.push({ column: name, family: m.dist.family, ks: m.ks, params: m.dist.params, candidates: cands });
        notes.push(`${name}: ${m.dist.family} (KS ${m.ks!.toFixed(3)})${m.fallback ? ` — ${m.fallback}` : ''}`);
      } else {
        const c = col as CatColumn;
        marginals.push(fitCatMarginal(c.codes, c.levels.length));
        columns.push({ column: name, family: 'categorical', ks: null, params: null, candidates: null });
      }
    }
    progress({ stage: 'fit', fraction: 1 });
    this.marginals = marginals;
    this.names = [...t.names];
    this.levels = t.columns.map((c) => (c.kind === 'cat' ? c.levels : null));
    return { notes, details: { columns } };
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const progress = throttleProgress(ctx.onProgress);
    const marginals = this.marginals!;
    const cols: Column[] = [];
    for (let j = 0; j < marginals.length; j++) {
      const m = marginals[j]!;
      if (m.kind === 'num') {
        const v = new Float64Array(n);
        // open interval (0, 1): unbounded families have infinite quantiles at the ends
        for (let i = 0; i < n; i++) v[i] = m.dist.ppf((rng.nextUint32() + 0.5) / 4294967296);
        cols.push({ kind: 'num', values: v });
      } else {
        const codes = new Int32Array(n);
        for (let i = 0; i < n; i++) codes[i] = categoryOf(m, rng.next());
        cols.push({ kind: 'cat', codes, levels: this.levels[j]! });
      }
      progress({ stage: 'sample', fraction: (j + 1) / marginals.length });
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
    }
    return makeTable([...this.names], cols);
  }

  override toJSON(): unknown {
    const base = super.toJSON() as Record<string, unknown>;
    return { ...base, marginals: this.marginals?.map(marginalJson) ?? null };
  }
}
