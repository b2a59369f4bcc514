/**
 * Leak tests, one per network: `tf.memory().numTensors` is back at its start after create → forward (training and
 * inference) → gradient step → dispose. A leak here grows memory every training step in the page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { GmtdNets, sampleVectors } from '../../src/generators/gmtd/model.js';
import { createGmtdStep } from '../../src/generators/gmtd/train.js';
import { selectBackend } from '../../src/ml/backend.js';
import { BatchNorm } from '../../src/ml/layers/batch-norm.js';
import { Mlp } from '../../src/ml/layers/mlp.js';
import { Residual } from '../../src/ml/layers/residual.js';
import { gradientPenalty, interpolate } from '../../src/ml/losses/gradient-penalty.js';
import { tf, type Scalar, type Tensor2D, type Variable } from '../../src/ml/tf.js';
import { trainLoop } from '../../src/ml/train/loop.js';
import type { Span } from '../../src/transforms/vector-layout.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const train = (): { training: true; nextSeed: () => number } => {
  const r = new Rng(9);
  return { training: true, nextSeed: () => r.nextSeed() };
};

/** Runs `body` twice (the first warms up kernels and tfjs' own caches) and checks the second leaves nothing. */
async function leakless(body: () => Promise<void> | void): Promise<void> {
  await body();
  const start = tf.memory().numTensors;
  await body();
  expect(tf.memory().numTensors).toBe(start);
}

/** Two Adam steps of `loss` over `vars`, optimiser disposed. */
function adamSteps(vars: Variable[], loss: () => Scalar): void {
  const opt = tf.train.adam(1e-3);
  for (let i = 0; i < 2; i++) opt.minimize(loss, false, vars);
  opt.dispose();
}

const x = (): Tensor2D =>
  tf.tensor2d([
    [0.1, -0.2, 0.3, 0.4],
    [0.5, 0.6, -0.7, 0.8],
    [0, 1, 0, 1],
  ]);

describe('no tensor leaks', () => {
  it('MLP: forward, input gradient, gradient penalty, Adam, save/load', async () => {
    await leakless(() => {
      const m = Mlp.create({ sizes: [4, 8, 8, 1], slope: 0.2, dropout: 0.5, finalBlock: false }, new Rng(1));
      const a = x();
      const b = tf.tidy(() => tf.mul(x(), 2) as Tensor2D);
      tf.dispose([m.apply(a, train()), m.apply(a, { training: false }), m.inputGradient(a, train())]);
      adamSteps(m.variables(), () =>
        tf.tidy(() => gradientPenalty((v) => m.inputGradient(v, train()), interpolate(a, b, 3), 10)),
      );
      const back = Mlp.fromJSON(m.toJSON());
      tf.dispose([a, b]);
      m.dispose();
      back.dispose();
    });
  });

  it('batch norm: training forward (running statistics updated), inference, Adam, save/load', async () => {
    await leakless(() => {
      const bn = BatchNorm.create({ size: 4 });
      const a = x();
      tf.dispose([bn.apply(a, train()), bn.apply(a, { training: false })]);
      adamSteps(bn.variables(), () => tf.sum(tf.square(bn.apply(a, train()))) as Scalar);
      BatchNorm.fromJSON(bn.toJSON()).dispose();
      a.dispose();
      bn.dispose();
    });
  });

  it('residual block: forward, Adam, save/load', async () => {
    await leakless(() => {
      const r = Residual.create(4, 6, new Rng(2));
      const a = x();
      tf.dispose([r.apply(a, train()), r.apply(a, { training: false })]);
      adamSteps(r.variables(), () => tf.sum(tf.square(r.apply(a, train()))) as Scalar);
      Residual.fromJSON(r.toJSON()).dispose();
      a.dispose();
      r.dispose();
    });
  });

  it("GenerativeMTD's nets and step in the shared loop (EMA and checkpoints), then sampling", async () => {
    const spans: Span[] = [
      { kind: 'tanh', width: 1 },
      { kind: 'tanh', width: 1 },
      { kind: 'softmax', width: 2 },
    ];
    const real = [
      [0.5, -0.2, 1, 0],
      [0.1, 0.3, 0, 1],
      [-0.4, 0.8, 1, 0],
      [0.7, -0.6, 0, 1],
    ];
    await leakless(async () => {
      const nets = GmtdNets.create(
        { width: 4, hidden: 8, latent: 3, dropout: 0.1, cond: { start: 2, size: 2 } },
        new Rng(3),
      );
      const pseudo = tf.tensor2d([...real, ...real]) as Tensor2D;
      const realT = tf.tensor2d(real) as Tensor2D;
      const cfg = {
        batch: 4,
        learningRate: 1e-3,
        epsilon: 2,
        sinkhornIters: 20,
        tau: 0.2,
        lambda: 10,
        kl: 1,
        klWarmup: 3,
      };
      const trainer = createGmtdStep(
        nets,
        { pseudo, source: Int32Array.from([0, 1, 2, 3, 0, 1, 2, 3]), real: realT, spans },
        cfg,
        new Rng(4),
      );
      let score = 3;
      await trainLoop({
        epochs: 3,
        stepsPerEpoch: 2,
        patience: 5,
        warmup: 1,
        ema: 0.9,
        variables: nets.generatorVariables(),
        step: trainer.step,
        validate: async () => (score -= 1),
      });
      trainer.dispose();
      nets.dropCritic();
      await sampleVectors(nets, pseudo, spans, 5, new Rng(5));
      GmtdNets.fromJSON(nets.toJSON()).dispose();
      tf.dispose([pseudo, realT]);
      nets.dispose();
    });
  });
});
