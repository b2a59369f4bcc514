/**
 * The GenerativeMTD generator (DESIGN.md §3); fitting is fit.ts, the networks and sampling model.ts. Saved models
 * (`toJSON`) hold the transform, the encoder/decoder weights and the pseudo-real set, so `restore` gives a
 * generator that samples again without the real data or retraining.
 */
import type { BackendChoice } from '../../core/compute.js';
import { LocalSynthError, OptionError } from '../../core/errors.js';
import { throttleProgress } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import type { Table } from '../../core/table.js';
import { selectBackend } from '../../ml/backend.js';
import { tf } from '../../ml/tf.js';
import { base64ToFloat32, float32ToBase64 } from '../../ml/weights.js';
import type { ModelData, ModelLayout } from '../../transforms/model-data.js';
import { decodeStandardized, standardizeSpans, type StandardizeState } from '../../transforms/standardize.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
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

/** The saved options without `backend`, which older files hold and which is now a run setting. */
function savedOptions(options: OptionValues | undefined): OptionValues {
  const { backend: _backend, ...rest } = options ?? {};
  return rest;
}

export class GenerativeMtd extends BaseGenerator<typeof gmtdInfo> {
  private fitted: GmtdFitted | null = null;

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
    const g = GenerativeMtd.withSavedOptions(valid.options);
    const selected = await selectBackend(backend);
    const { transformer, k } = valid.gmtd;
    const data = base64ToFloat32(valid.gmtd.pseudo.data);
    const nets = GmtdNets.fromJSON(valid.gmtd.nets);
    g.fitted = {
      k,
      transformer,
      nets,
      pseudo: tf.tensor2d(data, [valid.gmtd.pseudo.rows, transformer.width]),
      backend: selected.backend,
    };
    g.layout = valid.layout;
    return g;
  }

  /** A generator with a model file's options: a bad option there is a damaged file (exit 3), not a usage error. */
  private static withSavedOptions(options: OptionValues | undefined): GenerativeMtd {
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options)))
      throw new LocalSynthError(
        'BAD_MODEL_FILE',
        'This GenerativeMTD model file is damaged: its options are not a list of settings.',
        {},
      );
    try {
      return new GenerativeMtd(savedOptions(options));
    } catch (e) {
      if (!(e instanceof OptionError)) throw e;
      throw new LocalSynthError(
        'BAD_MODEL_FILE',
        `This GenerativeMTD model file has an invalid saved option: ${e.message}`,
        e.details,
      );
    }
  }

  protected async fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    this.disposeFitted();
    const { fitted, report } = await fitGmtd(data, this.options, rng, ctx);
    this.fitted = fitted;
    return report;
  }

  /** Samples on the backend the run names, else where the model is (trained or restored). */
  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const f = this.fitted!;
    if (ctx.backend) f.backend = (await selectBackend(ctx.backend)).backend;
    const progress = throttleProgress(ctx.onProgress);
    progress({ stage: 'sample', fraction: 0 });
    const vec = await sampleVectors(f.nets, f.pseudo, standardizeSpans(f.transformer), n, rng);
    progress({ stage: 'sample', fraction: 1 });
    return decodeStandardized(f.transformer, vec, n, true);
  }

  /** The backend the model was trained (or restored) on. */
  get backend(): string | null {
    return this.fitted?.backend ?? null;
  }

  override toJSON(): GmtdJSON {
    const f = this.fitted;
    if (!f || !this.layout)
      throw new LocalSynthError('NOT_FITTED', 'GenerativeMTD has not been fitted: nothing to save.', {});
    return {
      format: 'localsynth-model',
      version: GMTD_FORMAT_VERSION,
      generator: 'gmtd',
      options: { ...this.options },
      layout: this.layout,
      gmtd: {
        k: f.k,
        transformer: f.transformer,
        nets: f.nets.toJSON(),
        pseudo: { rows: f.pseudo.shape[0], data: float32ToBase64(f.pseudo.dataSync() as Float32Array) },
      },
    };
  }

  private disposeFitted(): void {
    if (!this.fitted) return;
    this.fitted.nets.dispose();
    this.fitted.pseudo.dispose();
    this.fitted = null;
  }

  override dispose(): void {
    this.disposeFitted();
  }
}
