/**
 * Fitting CTGAN: the mode-specific normalisation (transforms/mode-normalizer.ts), the conditional sampler
 * (sampler.ts) and the shared training loop (ml/train/loop.ts) around CTGAN's step (train.ts).
 *
 * No early stopping: the WGAN critic's loss is no fidelity score (it follows the critic as much as the generator),
 * and a score that is (a sample's column shapes or pairs) costs a sample and a metric per epoch; the epochs are
 * capped instead, and the last generator is kept as in the reference.
 */
import { throttleProgress } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import { tf } from '../../ml/tf.js';
import { trainLoop, type TrainLoopResult } from '../../ml/train/loop.js';
import type { ModelData } from '../../transforms/model-data.js';
import { encodeModes, modeSpans, type ModeNormalizerState } from '../../transforms/mode-normalizer.js';
import type { FitContext, FitReport } from '../generator.js';
import type { OptionsOf } from '../options.js';
import { backendNotes, fitModeTransform } from '../shared/neural.js';
import type { ctganInfo } from './info.js';
import { createCritic, CtganGenerator, type CtganSpec } from './model.js';
import { CondSampler, type CondPrior } from './sampler.js';
import { createCtganStep } from './train.js';

export type CtganOptions = OptionsOf<typeof ctganInfo.options>;

export interface CtganFitted {
  transformer: ModeNormalizerState;
  generator: CtganGenerator;
  prior: CondPrior;
  backend: string;
}

/** The batch rounded down to a multiple of pac (at least one group). */
export function pacBatch(batch: number, pac: number): number {
  return Math.max(pac, Math.floor(batch / pac) * pac);
}

/** Fits CTGAN on `data`; see the file comment. */
export async function fitCtgan(
  data: ModelData,
  o: CtganOptions,
  rng: Rng,
  ctx: FitContext,
): Promise<{ fitted: CtganFitted; report: Partial<FitReport> }> {
  const progress = throttleProgress(ctx.onProgress);
  const { backend, notes } = await backendNotes(ctx.backend);
  progress({ stage: 'fit', fraction: 0, message: 'mode-specific normalisation' });
  const n = data.table.nRows;
  const transformer = fitModeTransform(data);
  const spans = modeSpans(transformer);
  const vec = encodeModes(transformer, data.table, rng.fork());
  const sampler = new CondSampler(transformer, vec, n);
  const spec: CtganSpec = {
    width: transformer.width,
    cond: sampler.width,
    noise: o.noise,
    generator: [o.hidden, o.hidden],
    critic: [o.hidden, o.hidden],
    pac: o.pac,
    dropout: 0.5,
  };
  const netRng = rng.fork();
  const generator = CtganGenerator.create(spec, netRng);
  const critic = createCritic(spec, netRng);
  const batch = pacBatch(o.batchSize, o.pac);
  const dataT = tf.tensor2d(vec, [n, transformer.width]);
  const cfg = { batch, learningRate: o.learningRate, weightDecay: o.weightDecay, lambda: 10, tau: 0.2 };
  const trainer = createCtganStep(generator, critic, { data: dataT, spans, sampler }, cfg, rng.fork());
  const t0 = performance.now();
  let result: TrainLoopResult;
  try {
    result = await trainLoop({
      epochs: o.epochs,
      stepsPerEpoch: Math.max(1, Math.floor(n / batch)),
      patience: Infinity,
      variables: generator.stateVariables(),
      step: trainer.step,
      onProgress: progress,
      backend,
      signal: ctx.signal,
    });
  } catch (err) {
    generator.dispose();
    throw err;
  } finally {
    trainer.dispose();
    critic.dispose();
    dataT.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  notes.push(`trained ${result.epochs} epochs (${result.steps} critic and generator steps, batch ${batch})`);
  const details = {
    backend,
    batch,
    modes: transformer.columns.map((c) => (c.kind === 'num' ? c.keep.length : 0)),
    trainSeconds: seconds,
    secondsPerEpoch: seconds / Math.max(1, result.epochs),
  };
  const history = result.history.map((h) => ({ epoch: h.epoch, losses: { ...h.losses } }));
  return {
    fitted: { transformer, generator, prior: sampler.prior(), backend },
    report: { backend, notes, details, history },
  };
}
