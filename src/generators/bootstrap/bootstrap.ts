/**
 * Bootstrap: rows drawn uniformly with replacement; with `noise` > 0 each numerical cell gets N(0, (noise·sd_j)²)
 * added (sd_j = the column's population standard deviation). Categorical cells are copied. The base class then clips
 * to the real range and rounds integer columns.
 */
import { throwIfAborted } from '../../core/errors.js';
import { throttleProgress } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import type { Table } from '../../core/table.js';
import { takeRows } from '../../core/table.js';
import type { ModelData } from '../../transforms/model-data.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { bootstrapInfo } from './info.js';
import { sd } from '../../core/stats.js';

export class Bootstrap extends BaseGenerator<typeof bootstrapInfo> {
  private data: Table | null = null;
  private sd: number[] = [];

  constructor(options: Partial<OptionValues> = {}) {
    super(bootstrapInfo, options);
  }

  protected async fitModel(data: ModelData, _rng: Rng, _ctx: FitContext): Promise<Partial<FitReport>> {
    this.data = data.table;
    this.sd = data.table.columns.map((c) => {
      return c.kind === 'num' ? sd(c.values) : 0;
    });
    const noise = this.options.noise;
    return {
      notes: [
        noise === 0
          ? 'noise 0: every synthetic row is a copy of a real row'
          : `Gaussian noise of ${noise} × column SD on numerical columns`,
      ],
      details: { noise },
    };
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const progress = throttleProgress(ctx.onProgress);
    const real = this.data!;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = rng.int(real.nRows);
    const out = takeRows(real, idx);
    const noise = this.options.noise;
    if (noise > 0) {
      out.columns.forEach((c, j) => {
        if (c.kind !== 'num') return;
        const s = noise * this.sd[j]!;
        for (let i = 0; i < n; i++) c.values[i]! += s * rng.normal();
      });
    }
    throwIfAborted(ctx.signal);
    progress({ stage: 'sample', fraction: 1 });
    return out;
  }
}
