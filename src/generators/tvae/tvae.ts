/**
 * The TVAE generator (DESIGN.md §4); fitting is fit.ts, the networks and sampling model.ts. A saved model holds
 * the transform and the encoder/decoder weights and σ, so `restore` samples again without the real data.
 */
import type { BackendChoice } from '../../core/compute.js';
import { LocalSynthError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Table } from '../../core/table.js';
import type { ModelData, ModelLayout } from '../../transforms/model-data.js';
import { decodeModes, modeSpans, type ModeNormalizerState } from '../../transforms/mode-normalizer.js';
import type { FitContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { checkSavedModel } from '../shared/neural.js';
import { fromSavedOptions, NeuralGenerator } from '../shared/neural-generator.js';
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

export class Tvae extends NeuralGenerator<typeof tvaeInfo, TvaeFitted> {
  constructor(options: Partial<OptionValues> = {}) {
    super(tvaeInfo, options);
  }

  /** A fitted generator from `toJSON()` output, on the backend `backend` selects. */
  static async restore(json: unknown, backend: BackendChoice = 'auto'): Promise<Tvae> {
    const j = checkSavedModel<Partial<TvaeJSON>>(json, 'tvae', 'TVAE', TVAE_FORMAT_VERSION);
    if (!j.tvae || !j.layout) throw new LocalSynthError('BAD_MODEL_FILE', 'The saved TVAE model is incomplete.', {});
    const g = fromSavedOptions('TVAE', j.options, (o) => new Tvae(o));
    await g.adopt({ transformer: j.tvae.transformer, nets: TvaeNets.fromJSON(j.tvae.nets) }, j.layout, backend);
    return g;
  }

  protected fitNets(data: ModelData, rng: Rng, ctx: FitContext): ReturnType<typeof fitTvae> {
    return fitTvae(data, this.options, rng, ctx);
  }

  protected sampleVectors(f: TvaeFitted, n: number, rng: Rng): Promise<Float32Array> {
    return sampleTvaeVectors(f.nets, modeSpans(f.transformer), n, rng);
  }

  protected decode(f: TvaeFitted, vectors: Float32Array, n: number): Table {
    return decodeModes(f.transformer, vectors, n);
  }

  protected disposeNets(f: TvaeFitted): void {
    f.nets.dispose();
  }

  override toJSON(): TvaeJSON {
    const { f, envelope } = this.saved(TVAE_FORMAT_VERSION);
    return { ...envelope, generator: 'tvae', tvae: { transformer: f.transformer, nets: f.nets.toJSON() } };
  }
}
