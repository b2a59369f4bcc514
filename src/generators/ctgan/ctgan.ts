/**
 * The CTGAN generator (DESIGN.md §4); fitting is fit.ts, the networks model.ts. A saved model holds the transform,
 * the generator's weights and the categorical frequencies unconditional sampling draws conditions from, so
 * `restore` samples again without the real data. Sampling: z ~ N(0, I) and a condition from the frequencies, the
 * generator in inference mode (batch norm on its running statistics), tanh on α, and each softmax span's category
 * drawn by the Gumbel-max trick (the argmax of logits + Gumbel noise, the reference's Gumbel-softmax at τ → 0).
 */
import type { BackendChoice } from '../../core/compute.js';
import { LocalSynthError } from '../../core/errors.js';
import { throttleProgress } from '../../core/progress.js';
import { Rng } from '../../core/rng.js';
import type { Table } from '../../core/table.js';
import { activateSpans } from '../../ml/activations.js';
import { selectBackend } from '../../ml/backend.js';
import { tf, type Tensor2D } from '../../ml/tf.js';
import type { ModelData, ModelLayout } from '../../transforms/model-data.js';
import { decodeModes, modeSpans, type ModeNormalizerState } from '../../transforms/mode-normalizer.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { checkSavedModel } from '../shared/neural.js';
import { fitCtgan, type CtganFitted } from './fit.js';
import { ctganInfo } from './info.js';
import { CtganGenerator, generatorInput, type CtganGeneratorJSON } from './model.js';
import { sampleFromPrior, type CondPrior } from './sampler.js';

export const CTGAN_FORMAT_VERSION = 1;
const SAMPLE_BATCH = 4096;

export interface CtganJSON {
  format: 'localsynth-model';
  version: number;
  generator: 'ctgan';
  options: OptionValues;
  layout: ModelLayout;
  ctgan: { transformer: ModeNormalizerState; generator: CtganGeneratorJSON; prior: CondPrior };
}

/** `n` vectors (row-major n × width) from the generator; per batch, the conditions then two seeds from `rng`. */
export async function sampleCtganVectors(f: CtganFitted, n: number, rng: Rng): Promise<Float32Array> {
  const spans = modeSpans(f.transformer);
  const D = f.transformer.width;
  const out = new Float32Array(n * D);
  for (let done = 0; done < n; done += SAMPLE_BATCH) {
    const rows = Math.min(SAMPLE_BATCH, n - done);
    const cond = sampleFromPrior(f.prior, rows, rng);
    const zSeed = rng.nextSeed();
    const gSeed = rng.nextSeed();
    const seeds = new Rng(gSeed);
    const t = tf.tidy(() => {
      const c = tf.tensor2d(cond, [rows, f.prior.width]) as Tensor2D;
      const raw = f.generator.apply(generatorInput(rows, f.generator.spec.noise, c, zSeed), { training: false });
      return activateSpans(raw, spans, 0.2, () => seeds.nextSeed(), true);
    });
    out.set((await t.data()) as Float32Array, done * D);
    t.dispose();
  }
  return out;
}

export class Ctgan extends BaseGenerator<typeof ctganInfo> {
  private fitted: CtganFitted | null = null;

  constructor(options: Partial<OptionValues> = {}) {
    super(ctganInfo, options);
  }

  /** A fitted generator from `toJSON()` output, on the backend `backend` selects. */
  static async restore(json: unknown, backend: BackendChoice = 'auto'): Promise<Ctgan> {
    const { j, options } = checkSavedModel<Partial<CtganJSON>>(json, 'ctgan', 'CTGAN', CTGAN_FORMAT_VERSION);
    if (!j.ctgan || !j.layout) throw new LocalSynthError('BAD_MODEL_FILE', 'The saved CTGAN model is incomplete.', {});
    const g = new Ctgan(options);
    const selected = await selectBackend(backend);
    g.fitted = {
      transformer: j.ctgan.transformer,
      generator: CtganGenerator.fromJSON(j.ctgan.generator),
      prior: j.ctgan.prior,
      backend: selected.backend,
    };
    g.layout = j.layout;
    return g;
  }

  protected async fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    this.disposeFitted();
    const { fitted, report } = await fitCtgan(data, this.options, rng, ctx);
    this.fitted = fitted;
    return report;
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const f = this.fitted!;
    if (ctx.backend) f.backend = (await selectBackend(ctx.backend)).backend;
    const progress = throttleProgress(ctx.onProgress);
    progress({ stage: 'sample', fraction: 0 });
    const vec = await sampleCtganVectors(f, n, rng);
    progress({ stage: 'sample', fraction: 1 });
    return decodeModes(f.transformer, vec, n);
  }

  get backend(): string | null {
    return this.fitted?.backend ?? null;
  }

  override toJSON(): CtganJSON {
    const f = this.fitted;
    if (!f || !this.layout) throw new LocalSynthError('NOT_FITTED', 'CTGAN has not been fitted: nothing to save.', {});
    return {
      format: 'localsynth-model',
      version: CTGAN_FORMAT_VERSION,
      generator: 'ctgan',
      options: { ...this.options },
      layout: this.layout,
      ctgan: { transformer: f.transformer, generator: f.generator.toJSON(), prior: f.prior },
    };
  }

  private disposeFitted(): void {
    this.fitted?.generator.dispose();
    this.fitted = null;
  }

  override dispose(): void {
    this.disposeFitted();
  }
}
