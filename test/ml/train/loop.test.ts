/**
 * The shared training loop with a scripted step and validation: one variable `w` stands for the weights, each step
 * adds 1 to it, so the value of `w` says which step's weights are there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors.js';
import type { Progress } from '../../../src/core/progress.js';
import { selectBackend } from '../../../src/ml/backend.js';
import { tf, type Variable } from '../../../src/ml/tf.js';
import { trainLoop, type TrainLoopSpec } from '../../../src/ml/train/loop.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const value = (v: Variable): number => v.dataSync()[0]!;

/** A loop over `w` whose validation returns `scores[epoch - 1]` (Infinity past the end). */
function scripted(w: Variable, scores: number[], over: Partial<TrainLoopSpec> = {}): TrainLoopSpec {
  return {
    epochs: scores.length,
    stepsPerEpoch: 3,
    patience: 2,
    variables: [w],
    step: async (done) => {
      tf.tidy(() => w.assign(tf.add(w, 1)));
      return { loss: done, twice: 2 * done };
    },
    validate: async (epoch) => scores[epoch - 1] ?? Infinity,
    ...over,
  };
}

describe('trainLoop', () => {
  it('averages the losses over each epoch, stops `patience` epochs after the best and restores the best weights', async () => {
    const w = tf.variable(tf.scalar(0));
    const r = await trainLoop(scripted(w, [5, 4, 3, 3.5, 3.6, 3.7, 1, 1]));
    // best at epoch 3 (after 9 steps), stop at 3 + 2; epoch 7's better score is never reached
    expect(r).toMatchObject({ epochs: 5, steps: 15, bestEpoch: 3, bestScore: 3, stoppedEarly: true });
    expect(value(w)).toBe(9);
    // losses of steps 0, 1, 2 → mean 1; key order kept
    expect(r.history[0]!.losses).toEqual({ loss: 1, twice: 2 });
    expect(r.history.map((h) => h.stopAt)).toEqual([3, 4, 5, 5, 5]);
    expect(r.history.map((h) => h.best)).toEqual([5, 4, 3, 3, 3]);
    w.dispose();
  });

  it('warm-up epochs keep no checkpoint and do not count towards patience', async () => {
    const w = tf.variable(tf.scalar(0));
    // epoch 1 scores best of all, but is in the warm-up: epoch 3 is kept, and patience counts from the warm-up's end
    const r = await trainLoop(scripted(w, [0.1, 9, 2, 3, 4, 5, 6], { warmup: 2, patience: 3 }));
    expect(r.bestEpoch).toBe(3);
    expect(value(w)).toBe(9);
    expect(r.history.map((h) => h.stopAt)).toEqual([5, 5, 6, 6, 6, 6]);
    expect(r.epochs).toBe(6);
    w.dispose();
  });

  it('a run no longer than the warm-up still keeps its last epoch', async () => {
    const w = tf.variable(tf.scalar(0));
    const r = await trainLoop(scripted(w, [1, 2], { warmup: 4 }));
    expect(r).toMatchObject({ bestEpoch: 2, bestScore: 2, stoppedEarly: false });
    expect(value(w)).toBe(6);
    w.dispose();
  });

  it('without validation: no early stopping, the last weights kept', async () => {
    const w = tf.variable(tf.scalar(0));
    const r = await trainLoop({ ...scripted(w, [1, 1, 1, 1], { patience: 1 }), validate: undefined });
    expect(r).toMatchObject({ epochs: 4, bestEpoch: 4, stoppedEarly: false });
    expect(r.bestScore).toBeUndefined();
    expect(value(w)).toBe(12);
    w.dispose();
  });

  it('scores and keeps the moving average, while the live weights go on training', async () => {
    const w = tf.variable(tf.scalar(0));
    const seen: number[] = [];
    const decay = 0.5;
    const r = await trainLoop({
      ...scripted(w, [], { epochs: 2, patience: 5, ema: decay }),
      validate: async () => (seen.push(value(w)), -seen.length),
    });
    // the average by hand: a ← d_t·a + (1 − d_t)·w after every step, d_t = min(0.5, (1 + t)/(10 + t))
    let a = 0;
    const avg: number[] = [];
    for (let t = 1; t <= 6; t++) {
      const d = Math.min(decay, (1 + t) / (10 + t));
      a = d * a + (1 - d) * t;
      avg.push(a);
    }
    expect(seen[0]).toBeCloseTo(avg[2]!, 5);
    expect(seen[1]).toBeCloseTo(avg[5]!, 5);
    // epoch 2 trained on from the live weights (3 → 6), not from the average; the kept weights are epoch 2's average
    expect(r.bestEpoch).toBe(2);
    expect(value(w)).toBeCloseTo(avg[5]!, 5);
    w.dispose();
  });

  it('emits the train progress event with losses, validation, backend and an ETA that falls as training goes', async () => {
    const w = tf.variable(tf.scalar(0));
    let clock = 0;
    const seen: Progress[] = [];
    const spec = scripted(w, [5, 4, 3, 2, 1], {
      patience: 100,
      backend: 'cpu',
      now: () => (clock += 1),
      onProgress: (p) => seen.push(p),
    });
    await trainLoop(spec);
    const train = seen.filter((p): p is Extract<Progress, { stage: 'train' }> => p.stage === 'train');
    expect(train.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(train[1]).toMatchObject({
      fraction: 2 / 5,
      epochs: 5,
      validation: 4,
      backend: 'cpu',
      losses: { loss: 4, twice: 8 },
    });
    const eta = train.map((p) => p.etaMs!);
    for (let i = 1; i < eta.length; i++) expect(eta[i]!).toBeLessThan(eta[i - 1]!);
    expect(eta[eta.length - 1]).toBe(0);
    w.dispose();
  });

  it('yields to the event loop within an epoch, so an abort from a timer stops it; frees what it made', async () => {
    const w = tf.variable(tf.scalar(0));
    const before = tf.memory().numTensors;
    const signal = { aborted: false };
    setTimeout(() => (signal.aborted = true), 20);
    let steps = 0;
    const run = trainLoop({
      ...scripted(w, [1], { stepsPerEpoch: 1e7, ema: 0.9, signal }),
      step: async () => {
        steps++;
        return {};
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(1e7);
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
  });
});
