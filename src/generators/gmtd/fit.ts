/**
 * Fitting GenerativeMTD (DESIGN.md §3): pseudo-real data (pseudo.ts) → the standardising transform
 * (transforms/standardize.ts) → the shared training loop (ml/train/loop.ts) running GenerativeMTD's step (train.ts)
 * with early stopping on PCD → the best checkpoint, ready to sample (model.ts).
 */
import { throwIfAborted } from '../../core/errors.js';
import { throttleProgress, yieldToEventLoop, type ProgressFn } from '../../core/progress.js';
import { Rng } from '../../core/rng.js';
import { pcdOfTables } from '../../stats/association.js';
import { selectBackend, wasmLimitation } from '../../ml/backend.js';
import { tf, type Tensor2D } from '../../ml/tf.js';
import { trainLoop, type TrainLoopResult } from '../../ml/train/loop.js';
import type { ModelData } from '../../transforms/model-data.js';
import {
  decodeStandardized,
  encodeStandardized,
  fitStandardize,
  standardizeSpans,
  type StandardizeState,
} from '../../transforms/standardize.js';
import type { FitContext, FitReport, TuningReport } from '../generator.js';
import type { OptionValues } from '../options.js';
import { GmtdNets, sampleVectors } from './model.js';
import { chooseK, pseudoRealSet } from './pseudo.js';
import { createGmtdStep, type StepConfig } from './train.js';

/** A trained GenerativeMTD: what sampling and saving need. */
export interface GmtdFitted {
  k: number;
  transformer: StandardizeState;
  nets: GmtdNets;
  pseudo: Tensor2D;
  backend: string;
}

/**
 * Epochs whose checkpoint cannot be kept and which do not count towards patience: the first samples come from a
 * nearly untrained network, whose PCD can be low by accident on weakly correlated tables (caesarian: it then rose
 * while the network learned, and patience stopped training with the untrained checkpoint).
 */
const WARMUP_EPOCHS = 4;
/**
 * Rows scored for the checkpoint's PCD: a sample of n rows swings by about a third from epoch to epoch on 60-row
 * tables, and the best of such noisy scores is mostly luck; 1000 rows (at least n) make the choice about the weights.
 */
const EVAL_ROWS = 1000;

/** A number option (validated by resolveOptions; this only narrows the type). */
function num(o: OptionValues, key: string): number {
  const v = o[key];
  if (typeof v !== 'number') throw new TypeError(`GenerativeMTD option ${key} is not a number`);
  return v;
}

function stepConfig(o: OptionValues): StepConfig {
  return {
    batch: num(o, 'batchSize'),
    learningRate: num(o, 'learningRate'),
    epsilon: num(o, 'epsilon'),
    sinkhornIters: num(o, 'sinkhornIters'),
    tau: 0.2,
    lambda: 10,
    kl: num(o, 'kl'),
    klWarmup: num(o, 'klWarmup'),
  };
}

/** The backend chosen by the run, in notes. */
async function backendNotes(ctx: FitContext): Promise<{ backend: string; notes: string[] }> {
  const { backend, skipped } = await selectBackend(ctx.backend ?? 'auto');
  const notes = [
    `backend: ${backend}${skipped.length ? ` (skipped ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')})` : ''}`,
  ];
  const limitation = backend === 'wasm' ? wasmLimitation() : null;
  if (limitation) notes.push(limitation);
  return { backend, notes };
}

/** k fixed by the user, or chosen by the PCD of the pseudo-real rows (one fork of `rng` either way it is drawn). */
function pickK(data: ModelData, o: OptionValues, rng: Rng, notes: string[]): { k: number; tuning?: TuningReport } {
  const fixed = o['k'];
  if (typeof fixed === 'number') {
    notes.push(`k = ${fixed} (fixed by the user)`);
    return { k: fixed };
  }
  const c = chooseK(data, rng.fork());
  notes.push(
    `k = ${c.k} chosen automatically: lowest PCD of the pseudo-real rows over k = ${c.scores.map((s) => s.k).join(', ')}`,
  );
  return {
    k: c.k,
    tuning: { option: 'k', chosen: c.k, metric: 'pcd', scores: c.scores.map((s) => ({ value: s.k, score: s.pcd })) },
  };
}

/** Fits GenerativeMTD on `data`; see the file comment. */
export async function fitGmtd(
  data: ModelData,
  o: OptionValues,
  rng: Rng,
  ctx: FitContext,
): Promise<{ fitted: GmtdFitted; report: Partial<FitReport> }> {
  const progress = throttleProgress(ctx.onProgress);
  const { backend, notes } = await backendNotes(ctx);
  progress({ stage: 'fit', fraction: 0, message: 'pseudo-real data' });
  const t0 = performance.now();
  const { k, tuning } = pickK(data, o, rng, notes);
  const transformer = fitStandardize(data.table, data.columns);
  const pseudo = pseudoRealSet(data, k, num(o, 'pseudoPerRow'), rng.fork());
  const pseudoVec = encodeStandardized(transformer, pseudo.table);
  const realVec = encodeStandardized(transformer, data.table);
  const pseudoSeconds = (performance.now() - t0) / 1000;
  await yieldToEventLoop();
  throwIfAborted(ctx.signal);

  const D = transformer.width;
  // with a class target and `conditional`, the decoder reads [z, class] (model.ts NetSpec.cond)
  const classBlock =
    data.task === 'classification' && o['conditional'] === true
      ? transformer.blocks.find((b) => b.col === data.target)
      : undefined;
  const cond = classBlock ? { start: classBlock.start, size: classBlock.size } : null;
  const nets = GmtdNets.create(
    { width: D, hidden: num(o, 'hidden'), latent: num(o, 'latent'), dropout: num(o, 'dropout'), cond },
    rng.fork(),
  );
  const pseudoT = tf.tensor2d(pseudoVec, [pseudo.table.nRows, D]);
  const realT = tf.tensor2d(realVec, [data.table.nRows, D]);
  const evalSeed = rng.nextSeed();
  const t1 = performance.now();
  let result: TrainLoopResult;
  try {
    const spans = standardizeSpans(transformer);
    const evalRows = Math.max(data.table.nRows, EVAL_ROWS);
    // the early-stopping score: PCD of a sample (fixed seed, so epochs differ only by their weights)
    const validate = async (): Promise<number> =>
      pcdOfTables(
        data.table,
        decodeStandardized(
          transformer,
          await sampleVectors(nets, pseudoT, spans, evalRows, new Rng(evalSeed)),
          evalRows,
        ),
      );
    result = await train(
      nets,
      { pseudo: pseudoT, source: pseudo.source, real: realT, spans },
      o,
      rng.fork(),
      validate,
      progress,
      backend,
      ctx,
    );
  } catch (err) {
    nets.dispose();
    pseudoT.dispose();
    throw err;
  } finally {
    realT.dispose();
  }
  nets.dropCritic();
  const latentSigma = await meanLatentSigma(nets, pseudoT);
  const trainSeconds = (performance.now() - t1) / 1000;
  notes.push(
    `trained ${result.steps} steps (${result.epochs} epochs${result.stoppedEarly ? ', stopped early' : ''}); best PCD ${(result.bestScore ?? NaN).toFixed(3)} at epoch ${result.bestEpoch}`,
  );
  const details = {
    k,
    backend,
    pseudoRows: pseudo.table.nRows,
    pseudoSeconds,
    trainSeconds,
    steps: result.steps,
    msPerStep: (trainSeconds * 1000) / Math.max(1, result.steps),
    bestEpoch: result.bestEpoch,
    bestPcd: result.bestScore,
    latentSigma,
  };
  const history = result.history.map((h) => ({ epoch: h.epoch, validation: h.score, losses: { ...h.losses } }));
  return {
    fitted: { k, transformer, nets, pseudo: pseudoT, backend },
    report: { backend, notes, details, history, ...(tuning ? { tuning } : {}) },
  };
}

/** The shared loop around GenerativeMTD's step; the step's optimisers are freed however training ends. */
async function train(
  nets: GmtdNets,
  data: Parameters<typeof createGmtdStep>[1],
  o: OptionValues,
  rng: Rng,
  validate: () => Promise<number>,
  progress: ProgressFn,
  backend: string,
  ctx: FitContext,
): Promise<TrainLoopResult> {
  const trainer = createGmtdStep(nets, data, stepConfig(o), rng);
  try {
    return await trainLoop({
      epochs: num(o, 'epochs'),
      stepsPerEpoch: num(o, 'stepsPerEpoch'),
      patience: num(o, 'patience'),
      warmup: WARMUP_EPOCHS,
      variables: nets.generatorVariables(),
      ema: num(o, 'ema'),
      step: trainer.step,
      validate,
      onProgress: progress,
      backend,
      signal: ctx.signal,
    });
  } finally {
    trainer.dispose();
  }
}

/**
 * The mean σ of the latent noise sampling adds (the KL term keeps it from collapsing towards 0), over at most
 * 4096 evenly spaced pseudo rows.
 */
async function meanLatentSigma(nets: GmtdNets, pseudo: Tensor2D): Promise<number> {
  const N = pseudo.shape[0];
  const stride = Math.ceil(N / 4096);
  const probe = Int32Array.from({ length: Math.ceil(N / stride) }, (_, i) => i * stride);
  const sigmaT = tf.tidy(() =>
    tf.mean(
      tf.exp(
        tf.mul(
          0.5,
          nets.encode(tf.gather(pseudo, tf.tensor1d(probe, 'int32')) as Tensor2D, { training: false }).logvar,
        ),
      ),
    ),
  );
  const latentSigma = ((await sigmaT.data()) as Float32Array)[0]!;
  sigmaT.dispose();
  return latentSigma;
}
