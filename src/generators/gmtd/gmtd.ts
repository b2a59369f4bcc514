/**
 * The GenerativeMTD generator (DESIGN.md §3); fitting is fit.ts, the networks and sampling model.ts. Saved models
 * (`toJSON`) hold the transform, the encoder/decoder weights and the pseudo-real set, so `restore` gives a
 * generator that samples again without the real data or retraining.
 */
import type { BackendChoice } from '../../core/compute.js';
import { LocalSynthError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Table } from '../../core/table.js';
import { tf } from '../../ml/tf.js';
import { base64ToFloat32, float32ToBase64 } from '../../ml/weights.js';
import type { ModelData, ModelLayout } from '../../transforms/model-data.js';
import { decodeStandardized, standardizeSpans, type StandardizeState } from '../../transforms/standardize.js';
import type { FitContext } from '../generator.js';
import { fromSavedOptions, NeuralGenerator } from '../shared/neural-generator.js';
import type { OptionValues } from '../options.js';
import { fitGmtd, type GmtdFitted } from './fit.js';
import { gmtdInfo } from './info.js';
import { GmtdNets, sampleVectors, type NetsJSON } from './model.js';
import { validateGmtdJSON } from './validate.js';

export const GMTD_FORMAT_VERSION = 1;

/** The saved-model JSON (`toJSON()`); weights and the pseudo-real set as base64 float32. */
export interface GmtdJSON {
  format: 'localsynth-model';
  version: number;
  generator: 'gmtd';
  options: OptionValues;
  layout: ModelLayout;
  gmtd: { k: number; transformer: StandardizeState; nets: NetsJSON; pseudo: { rows: number; data: string } };
}

export class GenerativeMtd extends NeuralGenerator<typeof gmtdInfo, GmtdFitted> {
  constructor(options: Partial<OptionValues> = {}) {
    super(gmtdInfo, options);
  }

  /** A fitted generator from `toJSON()` output, on the backend `backend` selects. */
  static async restore(json: unknown, backend: BackendChoice = 'auto'): Promise<GenerativeMtd> {
    const j = json as Partial<GmtdJSON> | null;
    if (!j || j.format !== 'localsynth-model' || j.generator !== 'gmtd' || !j.gmtd || !j.layout) {
      throw new LocalSynthError('BAD_MODEL_FILE', 'This file is not a saved GenerativeMTD model.', {});
    }
    if (j.version !== GMTD_FORMAT_VERSION) {
      throw new LocalSynthError(
        'BAD_MODEL_FILE',
        `Saved GenerativeMTD model version ${String(j.version)} is not supported (expected ${GMTD_FORMAT_VERSION}).`,
        {},
      );
    }
    validateGmtdJSON(j as Record<string, unknown>);
    const valid = j as GmtdJSON;
    const g = fromSavedOptions('GenerativeMTD', valid.options, (o) => new GenerativeMtd(o));
    const { transformer, k } = valid.gmtd;
    const data = base64ToFloat32(valid.gmtd.pseudo.data);
    const nets = GmtdNets.fromJSON(valid.gmtd.nets);
    const pseudo = tf.tensor2d(data, [valid.gmtd.pseudo.rows, transformer.width]);
    await g.adopt({ k, transformer, nets, pseudo }, valid.layout, backend);
    return g;
  }

  protected fitNets(data: ModelData, rng: Rng, ctx: FitContext): ReturnType<typeof fitGmtd> {
    return fitGmtd(data, this.options, rng, ctx);
  }

  protected sampleVectors(f: GmtdFitted, n: number, rng: Rng): Promise<Float32Array> {
    return sampleVectors(f.nets, f.pseudo, standardizeSpans(f.transformer), n, rng);
  }

  protected decode(f: GmtdFitted, vectors: Float32Array, n: number): Table {
    return decodeStandardized(f.transformer, vectors, n, true);
  }

  protected disposeNets(f: GmtdFitted): void {
    f.nets.dispose();
    f.pseudo.dispose();
  }

  override toJSON(): GmtdJSON {
    const { f, envelope } = this.saved(GMTD_FORMAT_VERSION);
    return {
      ...envelope,
      generator: 'gmtd',
      gmtd: {
        k: f.k,
        transformer: f.transformer,
        nets: f.nets.toJSON(),
        pseudo: { rows: f.pseudo.shape[0], data: float32ToBase64(f.pseudo.dataSync() as Float32Array) },
      },
    };
  }
}
