/**
 * Fitting TVAE: the mode-specific normalisation (transforms/mode-normalizer.ts), a held-out slice of the rows for
 * early stopping, and the shared training loop (ml/train/loop.ts) around TVAE's step (train.ts).
 *
 * Early stopping scores the loss (z = μ, so it is deterministic) of the held-out rows: it is the VAE's own
 * objective on rows it does not train on, so it rises when the decoder starts to memorise its training rows, which
 * is what small tables suffer from; it costs one forward pass of a few rows per epoch.
 */
import { throttleProgress } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import { takeRows } from '../../core/table.js';
import { tf, type Tensor2D } from '../../ml/tf.js';
import { trainLoop, type TrainLoopResult } from '../../ml/train/loop.js';
import type { ModelData } from '../../transforms/model-data.js';
import { encodeModes, modeSpans, type ModeNormalizerState } from '../../transforms/mode-normalizer.js';
import { placeSpans } from '../../transforms/vector-layout.js';
import type { FitContext, FitReport } from '../generator.js';
import type { OptionsOf } from '../options.js';
import { backendNotes, fitModeTransform } from '../shared/neural.js';
import type { tvaeInfo } from './info.js';
import { TvaeNets } from './model.js';
import { createTvaeStep, tvaeLoss, tvaeLossTerms } from './train.js';

export type TvaeOptions = OptionsOf<typeof tvaeInfo.options>;

export interface TvaeFitted {
  transformer: ModeNormalizerState;
  nets: TvaeNets;
  backend: string;
}

/** Fewest held-out rows for a score worth stopping on; with fewer rows there is no early stopping. */
const MIN_HELD_OUT = 5;

/** Row indices for training and for the held-out score (none when `share` is 0 or the table too small). */
export function splitRows(n: number, share: number, rng: Rng): { train: Int32Array; held: Int32Array } {
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i)) as Int32Array;
  const k = share > 0 ? Math.round(share * n) : 0;
  if (k < MIN_HELD_OUT || n - k < MIN_HELD_OUT)
    return { train: Int32Array.from(order).sort(), held: new Int32Array(0) };
  return { train: order.slice(k).sort(), held: order.slice(0, k).sort() };
}

function tensorOf(vec: Float32Array, rows: number, width: number): Tensor2D {
  return tf.tensor2d(vec, [rows, width]);
}

/** Fits TVAE on `data`; see the file comment. */
export async function fitTvae(
  data: ModelData,
  o: TvaeOptions,
  rng: Rng,
  ctx: FitContext,
): Promise<{ fitted: TvaeFitted; report: Partial<FitReport> }> {
  const progress = throttleProgress(ctx.onProgress);
  const { backend, notes } = await backendNotes(ctx.backend);
  progress({ stage: 'fit', fraction: 0, message: 'mode-specific normalisation' });
  const transformer = fitModeTransform(data);
  const spans = modeSpans(transformer);
  const D = transformer.width;
  const split = splitRows(data.table.nRows, o.validationShare, rng.fork());
  const trainVec = encodeModes(transformer, takeRows(data.table, split.train), rng.fork());
  const heldVec = encodeModes(transformer, takeRows(data.table, split.held), rng.fork());
  const tanhSlots = placeSpans(spans).reduce((w, s) => w + (s.kind === 'tanh' ? s.width : 0), 0);
  const nets = TvaeNets.create({ width: D, hidden: o.hidden, latent: o.latent }, tanhSlots, rng.fork());
  const trainT = tensorOf(trainVec, split.train.length, D);
  const heldT = split.held.length ? tensorOf(heldVec, split.held.length, D) : null;
  const t0 = performance.now();
  const trainer = createTvaeStep(nets, trainT, spans, { ...o, batch: o.batchSize }, rng.fork());
  let result: TrainLoopResult;
  try {
    const validate = heldT
      ? async (): Promise<number> => {
          const l = tf.tidy(() => tvaeLoss(tvaeLossTerms(nets, heldT, spans, null), o.lossFactor));
          const v = ((await l.data()) as Float32Array)[0]!;
          l.dispose();
          return v;
        }
      : undefined;
    result = await trainLoop({
      epochs: o.epochs,
      stepsPerEpoch: trainer.stepsPerEpoch,
      patience: heldT ? o.patience : Infinity,
      variables: nets.variables(),
      step: trainer.step,
      validate,
      onProgress: progress,
      backend,
      signal: ctx.signal,
    });
  } catch (err) {
    nets.dispose();
    throw err;
  } finally {
    trainer.dispose();
    trainT.dispose();
    heldT?.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  notes.push(
    `trained ${result.epochs} epochs (${result.steps} steps${result.stoppedEarly ? ', stopped early' : ''})` +
      (heldT ? `; best held-out loss ${(result.bestScore ?? NaN).toFixed(3)} at epoch ${result.bestEpoch}` : ''),
  );
  const details = {
    backend,
    trainRows: split.train.length,
    heldOutRows: split.held.length,
    modes: transformer.columns.map((c) => (c.kind === 'num' ? c.keep.length : 0)),
    trainSeconds: seconds,
    secondsPerEpoch: seconds / Math.max(1, result.epochs),
    bestEpoch: result.bestEpoch,
  };
  const history = result.history.map((h) => ({ epoch: h.epoch, validation: h.score, losses: { ...h.losses } }));
  return { fitted: { transformer, nets, backend }, report: { backend, notes, details, history } };
}
