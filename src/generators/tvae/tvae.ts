/**
 * The TVAE generator (DESIGN.md §4); fitting is fit.ts, the networks and sampling model.ts. A saved model holds
 * the transform and the encoder/decoder weights and σ, so `restore` samples again without the real data.
 */
import type { BackendChoice } from '../../core/compute.js';
import { LocalSynthError } from '../../core/errors.js';
import { throttleProgress } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import type { Table } from '../../core/table.js';
import { selectBackend } from '../../ml/backend.js';
import type { ModelData, ModelLayout } from '../../transforms/model-data.js';
import { decodeModes, modeSpans, type ModeNormalizerState } from '../../transforms/mode-normalizer.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { checkSavedModel } from '../shared/neural.js';
import { fitTvae, type TvaeFitted } from './fit.js';
import { tvaeInfo } from './info.js';
import { sampleTvaeVectors, TvaeNets, type TvaeNetsJSON } from './model.js';

export const TVAE_FORMAT_VERSION = 1;

export interface TvaeJSON {
  format: 'localsynth-model';
  version: number;
  generator: 'tvae';
  options: OptionValues;
  layout: ModelLayout;
  tvae: { transformer: ModeNormalizerState; nets: TvaeNetsJSON };
}

export class Tvae extends BaseGenerator<typeof tvaeInfo> {
  private fitted: TvaeFitted | null = null;

  constructor(options: Partial<OptionValues> = {}) {
    super(tvaeInfo, options);
  }

  /** A fitted generator from `toJSON()` output, on the backend `backend` selects. */
  static async restore(json: unknown, backend: BackendChoice = 'auto'): Promise<Tvae> {
    const { j, options } = checkSavedModel<Partial<TvaeJSON>>(json, 'tvae', 'TVAE', TVAE_FORMAT_VERSION);
    if (!j.tvae || !j.layout) throw new LocalSynthError('BAD_MODEL_FILE', 'The saved TVAE model is incomplete.', {});
    const g = new Tvae(options);
    const selected = await selectBackend(backend);
    g.fitted = { transformer: j.tvae.transformer, nets: TvaeNets.fromJSON(j.tvae.nets), backend: selected.backend };
    g.layout = j.layout;
    return g;
  }

  protected async fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    this.disposeFitted();
    const { fitted, report } = await fitTvae(data, this.options, rng, ctx);
    this.fitted = fitted;
    return report;
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const f = this.fitted!;
    if (ctx.backend) f.backend = (await selectBackend(ctx.backend)).backend;
    const progress = throttleProgress(ctx.onProgress);
    progress({ stage: 'sample', fraction: 0 });
    const vec = await sampleTvaeVectors(f.nets, modeSpans(f.transformer), n, rng);
    progress({ stage: 'sample', fraction: 1 });
    return decodeModes(f.transformer, vec, n);
  }

  get backend(): string | null {
    return this.fitted?.backend ?? null;
  }

  override toJSON(): TvaeJSON {
    const f = this.fitted;
    if (!f || !this.layout) throw new LocalSynthError('NOT_FITTED', 'TVAE has not been fitted: nothing to save.', {});
    return {
      format: 'localsynth-model',
      version: TVAE_FORMAT_VERSION,
      generator: 'tvae',
      options: { ...this.options },
      layout: this.layout,
      tvae: { transformer: f.transformer, nets: f.nets.toJSON() },
    };
  }

  private disposeFitted(): void {
    this.fitted?.nets.dispose();
    this.fitted = null;
  }

  override dispose(): void {
    this.disposeFitted();
  }
}
