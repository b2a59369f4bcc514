/**
 * CTGAN's training step (Xu et al. 2019; DESIGN.md §4) for the shared loop (ml/train/loop.ts): one critic update
 * then one generator update, each on a batch of conditions drawn by training-by-sampling (sampler.ts):
 * - critic (WGAN-GP on PacGAN groups): mean D(fake) − mean D(real) + λ·mean_groups (‖∇D‖ − 1)², the real rows
 *   drawn for a shuffled copy of the conditions (as the reference, so the penalty's real and fake groups differ);
 * - generator: −mean D(fake) + the cross-entropy between its raw output on each row's chosen column and the
 *   condition's level (so the generator honours the condition).
 * Adam (lr, β 0.5/0.9) with L2 weight decay for both (adam-step.ts). Device reads are asynchronous.
 */
import type { Rng } from '../../core/rng.js';
import type { Mlp } from '../../ml/layers/mlp.js';
import type { TrainingMode } from '../../ml/layers/mode.js';
import { gradientPenalty, interpolate } from '../../ml/losses/gradient-penalty.js';
import { tf, type Scalar, type Tensor2D } from '../../ml/tf.js';
import { adamStep } from '../../ml/train/adam-step.js';
import type { Losses } from '../../ml/train/loop.js';
import type { Span } from '../../transforms/vector-layout.js';
import { activate, generatorInput, pacGroup, type CtganGenerator } from './model.js';
import type { CondBatch, CondColumn, CondSampler } from './sampler.js';

export interface CtganStepConfig {
  batch: number;
  learningRate: number;
  weightDecay: number;
  lambda: number;
  tau: number;
}

/**
 * The generator's conditional cross-entropy: Σ over categorical columns of Σ_rows mask · CE(raw span, condition),
 * over the batch size (the reference's `_cond_loss`).
 */
export function condLoss(raw: Tensor2D, cond: Tensor2D, mask: Tensor2D, columns: readonly CondColumn[]): Scalar {
  return tf.tidy(() => {
    let total: tf.Tensor = tf.scalar(0);
    columns.forEach((c, d) => {
      const logp = tf.logSoftmax(tf.slice(raw, [0, c.dataStart], [-1, c.size]));
      const t = tf.slice(cond, [0, c.condStart], [-1, c.size]);
      const ce = tf.neg(tf.sum(tf.mul(t, logp), 1));
      total = tf.add(total, tf.sum(tf.mul(ce, tf.reshape(tf.slice(mask, [0, d], [-1, 1]), [-1]))));
    });
    return tf.div(total, raw.shape[0]) as Scalar;
  });
}

/** WGAN-GP on PacGAN groups: the penalty of `critic` at per-group mixtures of the grouped real and fake rows. */
export function pacGradientPenalty(
  inputGradient: (x: Tensor2D) => Tensor2D,
  real: Tensor2D,
  fake: Tensor2D,
  pac: number,
  seed: number,
  lambda: number,
): Scalar {
  return tf.tidy(() =>
    gradientPenalty(inputGradient, interpolate(pacGroup(real, pac), pacGroup(fake, pac), seed), lambda),
  );
}

export interface CtganStep {
  step(done: number): Promise<Losses>;
  dispose(): void;
}

interface StepData {
  data: Tensor2D;
  spans: readonly Span[];
  sampler: CondSampler;
}

/** What both updates share. */
interface Ctx {
  gen: CtganGenerator;
  critic: Mlp;
  d: StepData;
  cfg: CtganStepConfig;
  rng: Rng;
  mode: TrainingMode;
}

/** [x ‖ cond] of the generator's activated output for `cond`. */
function fakeRows(c: Ctx, cond: Tensor2D, zSeed: number): { raw: Tensor2D; fake: Tensor2D } {
  const raw = c.gen.apply(generatorInput(c.cfg.batch, c.gen.spec.noise, cond, zSeed), c.mode);
  const act = activate(raw, c.d.spans, c.cfg.tau, () => c.rng.nextSeed());
  return { raw, fake: tf.concat([act, cond], 1) as Tensor2D };
}

/** The real rows for a shuffled copy of the conditions, with that copy: [x ‖ cond]. */
function realRows(c: Ctx, b: CondBatch): Tensor2D {
  const { sampler } = c.d;
  const B = c.cfg.batch;
  const w = sampler.width;
  const perm = c.rng.shuffle(Int32Array.from({ length: B }, (_, i) => i)) as Int32Array;
  const idx = sampler.realRows(
    perm.map((p) => b.col[p]!),
    perm.map((p) => b.level[p]!),
    c.rng,
  );
  const cond = new Float32Array(B * w);
  perm.forEach((p, i) => cond.set(b.cond.subarray(p * w, (p + 1) * w), i * w));
  return tf.tidy(
    () => tf.concat([tf.gather(c.d.data, tf.tensor1d(idx, 'int32')), tf.tensor2d(cond, [B, w])], 1) as Tensor2D,
  );
}

async function criticStep(c: Ctx, opt: tf.Optimizer): Promise<number[]> {
  const { sampler } = c.d;
  const pac = c.gen.spec.pac;
  const b = sampler.sample(c.cfg.batch, c.rng);
  const realCat = realRows(c, b);
  const fakeCat = tf.tidy(() => fakeRows(c, tf.tensor2d(b.cond, [c.cfg.batch, sampler.width]), c.rng.nextSeed()).fake);
  const gpSeed = c.rng.nextSeed();
  let parts: tf.Tensor | null = null;
  await adamStep(
    opt,
    () => {
      const yFake = tf.mean(c.critic.apply(pacGroup(fakeCat, pac), c.mode));
      const yReal = tf.mean(c.critic.apply(pacGroup(realCat, pac), c.mode));
      const inputGradient = (x: Tensor2D): Tensor2D => c.critic.inputGradient(x, c.mode);
      const gp = pacGradientPenalty(inputGradient, realCat, fakeCat, pac, gpSeed, c.cfg.lambda);
      const w = tf.sub(yFake, yReal);
      parts = tf.keep(tf.stack([w, gp]));
      return tf.add(w, gp) as Scalar;
    },
    c.critic.variables(),
    c.cfg.weightDecay,
  );
  tf.dispose([fakeCat, realCat]);
  return readParts(parts, 2);
}

async function generatorStep(c: Ctx, opt: tf.Optimizer): Promise<number[]> {
  const { sampler } = c.d;
  const B = c.cfg.batch;
  const b = sampler.sample(B, c.rng);
  const zSeed = c.rng.nextSeed();
  let parts: tf.Tensor | null = null;
  const cond = tf.tensor2d(b.cond, [B, sampler.width]);
  const mask = tf.tensor2d(b.mask, [B, sampler.columns.length]);
  await adamStep(
    opt,
    () => {
      const { raw, fake } = fakeRows(c, cond, zSeed);
      const adv = tf.neg(tf.mean(c.critic.apply(pacGroup(fake, c.gen.spec.pac), c.mode)));
      const ce = condLoss(raw, cond, mask, sampler.columns);
      parts = tf.keep(tf.stack([adv, ce]));
      return tf.add(adv, ce) as Scalar;
    },
    c.gen.variables(),
    c.cfg.weightDecay,
  );
  tf.dispose([cond, mask]);
  return readParts(parts, 2);
}

/** The step; see the file comment. `d.data` holds the encoded real rows on the device. */
export function createCtganStep(
  gen: CtganGenerator,
  critic: Mlp,
  d: StepData,
  cfg: CtganStepConfig,
  rng: Rng,
): CtganStep {
  const optG = tf.train.adam(cfg.learningRate, 0.5, 0.9);
  const optD = tf.train.adam(cfg.learningRate, 0.5, 0.9);
  const c: Ctx = { gen, critic, d, cfg, rng, mode: { training: true, nextSeed: () => rng.nextSeed() } };
  return {
    step: async (): Promise<Losses> => {
      const [w, gp] = await criticStep(c, optD);
      const [adv, ce] = await generatorStep(c, optG);
      return { critic: w!, gp: gp!, generator: adv!, condCe: ce! };
    },
    dispose: () => {
      optG.dispose();
      optD.dispose();
    },
  };
}

async function readParts(t: tf.Tensor | null, n: number): Promise<number[]> {
  if (!t) return new Array<number>(n).fill(NaN);
  const v = Array.from((await t.data()) as Float32Array);
  t.dispose();
  return v;
}
