/**
 * The CTGAN generator (DESIGN.md §4); fitting is fit.ts, the networks model.ts. A saved model holds the transform,
 * the generator's weights and the categorical frequencies unconditional sampling draws conditions from, so
 * `restore` samples again without the real data. Sampling: z ~ N(0, I) and a condition from the frequencies, the
 * generator in inference mode (batch norm on its running statistics), tanh on α, and each softmax span's category
 * drawn by the Gumbel-max trick (the argmax of logits + Gumbel noise, the reference's Gumbel-softmax at τ → 0).
 */
import type { BackendChoice } from '../../core/compute.js';
import { LocalSynthError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import type { Table } from '../../core/table.js';
import { activateSpans } from '../../ml/activations.js';
import { tf, type Tensor2D } from '../../ml/tf.js';
import type { ModelData, ModelLayout } from '../../transforms/model-data.js';
import { decodeModes, modeSpans, type ModeNormalizerState } from '../../transforms/mode-normalizer.js';
import type { FitContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { checkSavedModel } from '../shared/neural.js';
import { fromSavedOptions, NeuralGenerator } from '../shared/neural-generator.js';
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

export class Ctgan extends NeuralGenerator<typeof ctganInfo, CtganFitted> {
  constructor(options: Partial<OptionValues> = {}) {
    super(ctganInfo, options);
  }

  /** A fitted generator from `toJSON()` output, on the backend `backend` selects. */
  static async restore(json: unknown, backend: BackendChoice = 'auto'): Promise<Ctgan> {
    const j = checkSavedModel<Partial<CtganJSON>>(json, 'ctgan', 'CTGAN', CTGAN_FORMAT_VERSION);
    if (!j.ctgan || !j.layout) throw new LocalSynthError('BAD_MODEL_FILE', 'The saved CTGAN model is incomplete.', {});
    const g = fromSavedOptions('CTGAN', j.options, (o) => new Ctgan(o));
    const { transformer, prior } = j.ctgan;
    await g.adopt({ transformer, generator: CtganGenerator.fromJSON(j.ctgan.generator), prior }, j.layout, backend);
    return g;
  }

  protected fitNets(data: ModelData, rng: Rng, ctx: FitContext): ReturnType<typeof fitCtgan> {
    return fitCtgan(data, this.options, rng, ctx);
  }

  protected sampleVectors(f: CtganFitted, n: number, rng: Rng): Promise<Float32Array> {
    return sampleCtganVectors(f, n, rng);
  }

  protected decode(f: CtganFitted, vectors: Float32Array, n: number): Table {
    return decodeModes(f.transformer, vectors, n);
  }

  protected disposeNets(f: CtganFitted): void {
    f.generator.dispose();
  }

  override toJSON(): CtganJSON {
    const { f, envelope } = this.saved(CTGAN_FORMAT_VERSION);
    return {
      ...envelope,
      generator: 'ctgan',
      ctgan: { transformer: f.transformer, generator: f.generator.toJSON(), prior: f.prior },
    };
  }
}
