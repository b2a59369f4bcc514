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
import type { CondColumn, CondSampler } from './sampler.js';

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

/** The step; see the file comment. `data` holds the encoded real rows on the device. */
export function createCtganStep(
  gen: CtganGenerator,
  critic: Mlp,
  d: StepData,
  cfg: CtganStepConfig,
  rng: Rng,
): CtganStep {
  const optG = tf.train.adam(cfg.learningRate, 0.5, 0.9);
  const optD = tf.train.adam(cfg.learningRate, 0.5, 0.9);
  const { sampler, spans } = d;
  const pac = gen.spec.pac;
  const B = cfg.batch;
  const mode: TrainingMode = { training: true, nextSeed: () => rng.nextSeed() };
  const nextSeed = (): number => rng.nextSeed();
  const condTensor = (c: Float32Array): Tensor2D => tf.tensor2d(c, [B, sampler.width]);

  const criticStep = async (): Promise<number[]> => {
    const c1 = sampler.sample(B, rng);
    const perm = rng.shuffle(Int32Array.from({ length: B }, (_, i) => i)) as Int32Array;
    const realIdx = sampler.realRows(
      perm.map((p) => c1.col[p]!),
      perm.map((p) => c1.level[p]!),
      rng,
    );
    const c2 = new Float32Array(B * sampler.width);
    perm.forEach((p, i) => c2.set(c1.cond.subarray(p * sampler.width, (p + 1) * sampler.width), i * sampler.width));
    const [fakeCat, realCat] = tf.tidy(() => {
      const cond1 = condTensor(c1.cond);
      const fake = activate(
        gen.apply(generatorInput(B, gen.spec.noise, cond1, nextSeed()), mode),
        spans,
        cfg.tau,
        nextSeed,
      );
      const real = tf.gather(d.data, tf.tensor1d(realIdx, 'int32')) as Tensor2D;
      return [tf.concat([fake, cond1], 1) as Tensor2D, tf.concat([real, condTensor(c2)], 1) as Tensor2D];
    });
    const gpSeed = rng.nextSeed();
    let parts: tf.Tensor | null = null;
    await adamStep(
      optD,
      () => {
        const yFake = tf.mean(critic.apply(pacGroup(fakeCat, pac), mode));
        const yReal = tf.mean(critic.apply(pacGroup(realCat, pac), mode));
        const gp = pacGradientPenalty((x) => critic.inputGradient(x, mode), realCat, fakeCat, pac, gpSeed, cfg.lambda);
        const w = tf.sub(yFake, yReal);
        parts = tf.keep(tf.stack([w, gp]));
        return tf.add(w, gp) as Scalar;
      },
      critic.variables(),
      cfg.weightDecay,
    );
    tf.dispose([fakeCat, realCat]);
    return readParts(parts, 2);
  };

  const generatorStep = async (): Promise<number[]> => {
    const c3 = sampler.sample(B, rng);
    const zSeed = rng.nextSeed();
    let parts: tf.Tensor | null = null;
    const cond = condTensor(c3.cond);
    const mask = tf.tensor2d(c3.mask, [B, sampler.columns.length]);
    await adamStep(
      optG,
      () => {
        const raw = gen.apply(generatorInput(B, gen.spec.noise, cond, zSeed), mode);
        const fake = tf.concat([activate(raw, spans, cfg.tau, nextSeed), cond], 1) as Tensor2D;
        const adv = tf.neg(tf.mean(critic.apply(pacGroup(fake, pac), mode)));
        const ce = condLoss(raw, cond, mask, sampler.columns);
        parts = tf.keep(tf.stack([adv, ce]));
        return tf.add(adv, ce) as Scalar;
      },
      gen.variables(),
      cfg.weightDecay,
    );
    tf.dispose([cond, mask]);
    return readParts(parts, 2);
  };

  return {
    step: async (): Promise<Losses> => {
      const [critic, gp] = await criticStep();
      const [generator, condCe] = await generatorStep();
      return { critic: critic!, gp: gp!, generator: generator!, condCe: condCe! };
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
