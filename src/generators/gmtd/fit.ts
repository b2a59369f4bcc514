/**
 * Fitting GenerativeMTD (DESIGN.md §3): pseudo-real data (pseudo.ts) → the standardising transform
 * (transforms/standardize.ts) → the shared training loop (ml/train/loop.ts) running GenerativeMTD's step (train.ts)
 * with early stopping on PCD → the best checkpoint, ready to sample (model.ts).
 */
import { throwIfAborted } from '../../core/errors.js';
import { throttleProgress, yieldToEventLoop, type ProgressFn } from '../../core/progress.js';
import { Rng } from '../../core/rng.js';
import { pcdOfTables } from '../../stats/association.js';
import { wasmLimitation } from '../../ml/backend.js';
import { describeTimings, measuredBackend, type BackendProbe } from '../../ml/backend-race.js';
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
import type { OptionsOf } from '../options.js';
import type { gmtdInfo } from './info.js';
import { GmtdNets, sampleVectors } from './model.js';
import { chooseK, pseudoRealSet, type PseudoSet } from './pseudo.js';
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

/** GenerativeMTD's resolved options, typed from its info's option list. */
export type GmtdOptions = OptionsOf<typeof gmtdInfo.options>;

function stepConfig(o: GmtdOptions): StepConfig {
  return {
    batch: o.batchSize,
    learningRate: o.learningRate,
    epsilon: o.epsilon,
    sinkhornIters: o.sinkhornIters,
    tau: 0.2,
    lambda: 10,
    kl: o.kl,
    klWarmup: o.klWarmup,
  };
}

/** The seed of the throwaway model the backend race trains: not drawn from the run's Rng, so outputs do not move. */
const RACE_SEED = 0x5eed;

/** A few real steps of a throwaway GenerativeMTD of the run's size, on whichever backend is active. */
function raceProbe(data: ModelData, p: PseudoReal, o: GmtdOptions): BackendProbe {
  const rng = new Rng(RACE_SEED);
  const D = p.transformer.width;
  const nets = createNets(data, p.transformer, o, rng);
  const pseudo = tf.tensor2d(p.pseudoVec, [p.pseudo.table.nRows, D]);
  const real = tf.tensor2d(p.realVec, [data.table.nRows, D]);
  const spans = standardizeSpans(p.transformer);
  const trainer = createGmtdStep(nets, { pseudo, source: p.pseudo.source, real, spans }, stepConfig(o), rng.fork());
  let done = 0;
  return {
    step: async () => void (await trainer.step(done++)),
    dispose: () => {
      trainer.dispose();
      nets.dispose();
      pseudo.dispose();
      real.dispose();
    },
  };
}

/** The backend the run names, or in `auto` the fastest in a race of real steps; its notes go first. */
async function backendNotes(
  ctx: FitContext,
  data: ModelData,
  p: PseudoReal,
  o: GmtdOptions,
  progress: ProgressFn,
): Promise<{ backend: string; notes: string[] }> {
  const key = `gmtd:${p.transformer.width}:${o.hidden}:${o.latent}:${o.batchSize}:${o.sinkhornIters}`;
  const { backend, skipped, timings, cached } = await measuredBackend(
    ctx.backend ?? 'auto',
    key,
    () => raceProbe(data, p, o),
    (t) => progress({ stage: 'fit', fraction: 0, message: `choosing the backend: ${describeTimings(t)}` }),
  );
  const notes = [
    `backend: ${backend}${skipped.length ? ` (skipped ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')})` : ''}`,
  ];
  if (timings.length)
    notes.push(`backend race${cached ? ' (measured earlier in this session)' : ''}: ${describeTimings(timings)}`);
  const limitation = backend === 'wasm' ? wasmLimitation() : null;
  if (limitation) notes.push(limitation);
  return { backend, notes };
}

/** k fixed by the user, or chosen by the PCD of the pseudo-real rows (one fork of `rng` either way it is drawn). */
function pickK(data: ModelData, o: GmtdOptions, rng: Rng, notes: string[]): { k: number; tuning?: TuningReport } {
  const fixed = o.k;
  if (fixed !== null) {
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

/** The pseudo-real rows (and the real ones) in the standardised space the networks read. */
interface PseudoReal {
  k: number;
  tuning?: TuningReport;
  transformer: StandardizeState;
  pseudo: PseudoSet;
  pseudoVec: Float32Array;
  realVec: Float32Array;
  pseudoSeconds: number;
}

/** k (fixed or chosen), the standardising transform, and the pseudo-real set with both tables encoded. */
function pseudoRealData(data: ModelData, o: GmtdOptions, rng: Rng, notes: string[]): PseudoReal {
  const t0 = performance.now();
  const { k, tuning } = pickK(data, o, rng, notes);
  const transformer = fitStandardize(data.table, data.columns);
  const pseudo = pseudoRealSet(data, k, o.pseudoPerRow, rng.fork());
  const pseudoVec = encodeStandardized(transformer, pseudo.table);
  const realVec = encodeStandardized(transformer, data.table);
  const pseudoSeconds = (performance.now() - t0) / 1000;
  return { k, ...(tuning ? { tuning } : {}), transformer, pseudo, pseudoVec, realVec, pseudoSeconds };
}

/** The untrained nets; with a class target and `conditional`, the decoder reads [z, class] (model.ts NetSpec.cond). */
function createNets(data: ModelData, transformer: StandardizeState, o: GmtdOptions, rng: Rng): GmtdNets {
  const classBlock =
    data.task === 'classification' && o.conditional ? transformer.blocks.find((b) => b.col === data.target) : undefined;
  const cond = classBlock ? { start: classBlock.start, size: classBlock.size } : null;
  return GmtdNets.create(
    { width: transformer.width, hidden: o.hidden, latent: o.latent, dropout: o.dropout, cond },
    rng.fork(),
  );
}

/** What training gave: the loop's result, the pseudo-real tensor sampling keeps, and the latent noise's mean σ. */
interface Trained {
  result: TrainLoopResult;
  pseudoT: Tensor2D;
  latentSigma: number;
  trainSeconds: number;
}

/**
 * Trains `nets` with early stopping on the PCD of a fixed-seed sample, then drops the critic; the nets and the
 * pseudo-real tensor are freed if training fails.
 */
async function trainNets(
  nets: GmtdNets,
  data: ModelData,
  p: PseudoReal,
  o: GmtdOptions,
  rng: Rng,
  progress: ProgressFn,
  backend: string,
  ctx: FitContext,
): Promise<Trained> {
  const { transformer, pseudo } = p;
  const D = transformer.width;
  const pseudoT = tf.tensor2d(p.pseudoVec, [pseudo.table.nRows, D]);
  const realT = tf.tensor2d(p.realVec, [data.table.nRows, D]);
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
  return { result, pseudoT, latentSigma, trainSeconds: (performance.now() - t1) / 1000 };
}

/** The fit's notes, details and per-epoch history. */
function fitReport(p: PseudoReal, t: Trained, backend: string, notes: string[]): Partial<FitReport> {
  const { result, trainSeconds } = t;
  notes.push(
    `trained ${result.steps} steps (${result.epochs} epochs${result.stoppedEarly ? ', stopped early' : ''}); best PCD ${(result.bestScore ?? NaN).toFixed(3)} at epoch ${result.bestEpoch}`,
  );
  const details = {
    k: p.k,
    backend,
    pseudoRows: p.pseudo.table.nRows,
    pseudoSeconds: p.pseudoSeconds,
    trainSeconds,
    steps: result.steps,
    msPerStep: (trainSeconds * 1000) / Math.max(1, result.steps),
    bestEpoch: result.bestEpoch,
    bestPcd: result.bestScore,
    latentSigma: t.latentSigma,
  };
  const history = result.history.map((h) => ({ epoch: h.epoch, validation: h.score, losses: { ...h.losses } }));
  return { backend, notes, details, history, ...(p.tuning ? { tuning: p.tuning } : {}) };
}

/** Fits GenerativeMTD on `data`; see the file comment. */
export async function fitGmtd(
  data: ModelData,
  o: GmtdOptions,
  rng: Rng,
  ctx: FitContext,
): Promise<{ fitted: GmtdFitted; report: Partial<FitReport> }> {
  const progress = throttleProgress(ctx.onProgress);
  progress({ stage: 'fit', fraction: 0, message: 'pseudo-real data' });
  const kNotes: string[] = [];
  const p = pseudoRealData(data, o, rng, kNotes);
  await yieldToEventLoop();
  throwIfAborted(ctx.signal);
  const { backend, notes } = await backendNotes(ctx, data, p, o, progress);
  notes.push(...kNotes);
  throwIfAborted(ctx.signal);
  const nets = createNets(data, p.transformer, o, rng);
  const t = await trainNets(nets, data, p, o, rng, progress, backend, ctx);
  return {
    fitted: { k: p.k, transformer: p.transformer, nets, pseudo: t.pseudoT, backend },
    report: fitReport(p, t, backend, notes),
  };
}

/** The shared loop around GenerativeMTD's step; the step's optimisers are freed however training ends. */
async function train(
  nets: GmtdNets,
  data: Parameters<typeof createGmtdStep>[1],
  o: GmtdOptions,
  rng: Rng,
  validate: () => Promise<number>,
  progress: ProgressFn,
  backend: string,
  ctx: FitContext,
): Promise<TrainLoopResult> {
  const trainer = createGmtdStep(nets, data, stepConfig(o), rng);
  try {
    return await trainLoop({
      epochs: o.epochs,
      stepsPerEpoch: o.stepsPerEpoch,
      patience: o.patience,
      warmup: WARMUP_EPOCHS,
      variables: nets.generatorVariables(),
      ema: o.ema,
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
