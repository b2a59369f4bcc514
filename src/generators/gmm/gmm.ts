/**
 * Gaussian mixture generator: numerical columns standardised, categorical columns one-hot (a continuous
 * relaxation: a sampled block is mapped back to its largest entry), EM for K = 1…maxComponents, lowest BIC kept.
 */
import { throwIfAborted } from '../../core/errors.js';
import { throttleProgress, yieldToEventLoop } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import type { CatColumn, Column, Table } from '../../core/table.js';
import { makeTable } from '../../core/table.js';
import type { ModelData } from '../../transforms/model-data.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { bic, fitMixture, parameterCount, sampleMixture, type Mixture } from './em.js';
import { gmmInfo } from './info.js';
import { mean, sd } from '../../core/stats.js';

interface Block {
  kind: 'num' | 'cat';
  offset: number;
  width: number;
  mean: number;
  sd: number;
  levels: string[];
}

export class Gmm extends BaseGenerator<typeof gmmInfo> {
  private mixture: Mixture | null = null;
  private blocks: Block[] = [];
  private names: string[] = [];

  constructor(options: Partial<OptionValues> = {}) {
    super(gmmInfo, options);
  }

  protected async fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    const t = data.table;
    const n = t.nRows;
    this.names = [...t.names];
    let D = 0;
    this.blocks = t.columns.map((c) => {
      if (c.kind === 'num') {
        const m = mean(c.values);
        const b: Block = { kind: 'num', offset: D, width: 1, mean: m, sd: sd(c.values, 0, m) || 1, levels: [] };
        D += 1;
        return b;
      }
      const cc = c as CatColumn;
      const b: Block = { kind: 'cat', offset: D, width: cc.levels.length, mean: 0, sd: 1, levels: cc.levels };
      D += cc.levels.length;
      return b;
    });
    const X = new Float64Array(n * D);
    t.columns.forEach((c, j) => {
      const b = this.blocks[j]!;
      for (let i = 0; i < n; i++) {
        if (c.kind === 'num') X[i * D + b.offset] = (c.values[i]! - b.mean) / b.sd;
        else X[i * D + b.offset + (c as CatColumn).codes[i]!] = 1;
      }
    });
    const progress = throttleProgress(ctx.onProgress);
    // no more components than keep the parameter count below the number of values observed (and ≤ n/2)
    let maxK = 1;
    while (maxK < Math.min(this.options.maxComponents, Math.floor(n / 2)) && parameterCount(maxK + 1, D) < n * D)
      maxK++;
    const scores: { k: number; bic: number; logLik: number; iterations: number }[] = [];
    let best: Mixture | null = null;
    let bestBic = Infinity;
    for (let k = 1; k <= maxK; k++) {
      progress({ stage: 'fit', fraction: (k - 1) / maxK, message: `EM with ${k} component(s)` });
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
      const m = fitMixture(X, n, D, k, rng.fork(), this.options.iterations, this.options.ridge);
      const b = bic(m, n);
      scores.push({ k, bic: b, logLik: m.logLik, iterations: m.iterations });
      if (b < bestBic) {
        bestBic = b;
        best = m;
      }
    }
    progress({ stage: 'fit', fraction: 1 });
    this.mixture = best;
    return {
      notes: [`${best!.K} component(s) chosen by BIC (${bestBic.toFixed(1)}) over 1…${maxK}`],
      details: { components: best!.K, bic: scores },
    };
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const m = this.mixture!;
    const z = new Float64Array(m.D);
    const cols: (Float64Array | Int32Array)[] = this.blocks.map((b) =>
      b.kind === 'num' ? new Float64Array(n) : new Int32Array(n),
    );
    for (let r = 0; r < n; r++) {
      if (r % 4096 === 0) throwIfAborted(ctx.signal);
      sampleMixture(m, rng, z);
      this.blocks.forEach((b, j) => {
        if (b.kind === 'num') (cols[j] as Float64Array)[r] = b.mean + b.sd * z[b.offset]!;
        else {
          let arg = 0;
          for (let l = 1; l < b.width; l++) if (z[b.offset + l]! > z[b.offset + arg]!) arg = l;
          (cols[j] as Int32Array)[r] = arg;
        }
      });
    }
    const out: Column[] = this.blocks.map((b, j) =>
      b.kind === 'num'
        ? { kind: 'num', values: cols[j] as Float64Array }
        : { kind: 'cat', codes: cols[j] as Int32Array, levels: b.levels },
    );
    return makeTable([...this.names], out);
  }
}
