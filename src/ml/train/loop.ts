/**
 * The training loop every neural generator shares: `epochs` of `stepsPerEpoch` calls of the generator's own step
 * function (a GenerativeMTD critic + VAE update, CTGAN's critic steps + generator step, a TVAE update), then at each
 * epoch's end an optional validation score of the kept weights (the moving average when `ema` is set), the best
 * checkpoint, early stopping `patience` epochs after the best, and the `train` progress event with an ETA.
 * The loop yields to the event loop at least every `yieldMs` so progress and Cancel get through, and stops with
 * CancelledError on abort. At the end the best checkpoint is in `variables`; everything the loop made is disposed,
 * on cancel and errors too (what the step function holds is its owner's to free).
 */
import { throwIfAborted, type AbortLike } from '../../core/errors.js';
import { yieldToEventLoop, type ProgressFn } from '../../core/progress.js';
import type { Variable } from '../tf.js';
import { Checkpoint } from './checkpoint.js';
import { WeightAverage } from './ema.js';

export type Losses = Record<string, number>;

export interface TrainLoopSpec {
  epochs: number;
  stepsPerEpoch: number;
  /** Epochs without a better validation score before training stops (Infinity: never). */
  patience: number;
  /**
   * Epochs at the start whose checkpoint is never kept and which do not count towards patience: a nearly
   * untrained network can score well by accident. The last epoch is always eligible. @default 0
   */
  warmup?: number;
  /** The variables of the model that is kept: averaged, checkpointed and restored at the end (batch-norm statistics included). */
  variables: readonly Variable[];
  /** Decay of the moving average of `variables` that is scored and kept (0 or absent: the live weights). */
  ema?: number;
  /** One training step; `done` is the number of steps before it. Returns its losses as plain numbers. */
  step: (done: number) => Promise<Losses>;
  /** Score of the kept weights at an epoch's end, lower is better. Absent: no early stopping, the last epoch is kept. */
  validate?: (epoch: number) => Promise<number>;
  /** Called after each epoch (after the progress event). */
  onEpoch?: (e: EpochReport) => void;
  /** Receives the `train` stage (throttle it yourself, e.g. with throttleProgress). */
  onProgress?: ProgressFn;
  /** Named in the progress events. */
  backend?: string;
  signal?: AbortLike;
  /** Longest run of steps between two yields to the event loop, in ms. @default 8 */
  yieldMs?: number;
  /** The clock (tests). @default performance.now */
  now?: () => number;
}

export interface EpochReport {
  epoch: number;
  /** The epoch training will stop after unless the score improves (≤ the epoch cap). */
  stopAt: number;
  /** Mean of each loss over the epoch's steps. */
  losses: Losses;
  score?: number;
  best?: number;
  msPerStep: number;
  /** Estimated time to `stopAt`, from the mean time per step so far. */
  etaMs: number;
}

export interface TrainLoopResult {
  epochs: number;
  steps: number;
  /** The epoch whose weights are kept (0: none was better than the initial weights). */
  bestEpoch: number;
  bestScore?: number;
  history: EpochReport[];
  stoppedEarly: boolean;
}

interface State {
  steps: number;
  best: number;
  bestEpoch: number;
  kept: Checkpoint;
  lastYield: number;
}

/** Runs the training; see the file comment. */
export async function trainLoop(spec: TrainLoopSpec): Promise<TrainLoopResult> {
  const now = spec.now ?? (() => performance.now());
  const warmup = spec.warmup ?? 0;
  const ema = spec.ema ? new WeightAverage(spec.variables, spec.ema) : null;
  const t0 = now();
  const st: State = { steps: 0, best: Infinity, bestEpoch: 0, kept: Checkpoint.take(spec.variables), lastYield: t0 };
  const history: EpochReport[] = [];
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= spec.epochs; epoch++) {
      const e0 = now();
      const losses = await runSteps(spec, st, ema, now);
      const msPerStep = (now() - e0) / spec.stepsPerEpoch;
      const score = await scoreEpoch(spec, st, ema, epoch, warmup);
      const stopAt = spec.validate
        ? Math.min(spec.epochs, Math.max(st.bestEpoch, warmup) + spec.patience)
        : spec.epochs;
      const etaMs = Math.max(0, stopAt - epoch) * spec.stepsPerEpoch * ((now() - t0) / st.steps);
      const report: EpochReport = {
        epoch,
        stopAt,
        losses,
        score,
        best: spec.validate ? st.best : undefined,
        msPerStep,
        etaMs,
      };
      history.push(report);
      spec.onProgress?.({
        stage: 'train',
        fraction: epoch / spec.epochs,
        epoch,
        epochs: spec.epochs,
        losses: { ...losses },
        validation: score,
        etaMs,
        backend: spec.backend,
      });
      spec.onEpoch?.(report);
      await yieldToEventLoop();
      throwIfAborted(spec.signal);
      if (epoch >= stopAt) {
        stoppedEarly = epoch < spec.epochs;
        break;
      }
    }
    st.kept.restoreInto(spec.variables);
    const bestScore = spec.validate ? st.best : undefined;
    return { epochs: history.length, steps: st.steps, bestEpoch: st.bestEpoch, bestScore, history, stoppedEarly };
  } finally {
    ema?.dispose();
    st.kept.dispose();
  }
}

/** One epoch's steps; the mean of each loss. */
async function runSteps(spec: TrainLoopSpec, st: State, ema: WeightAverage | null, now: () => number): Promise<Losses> {
  const sums: Losses = {};
  const yieldMs = spec.yieldMs ?? 8;
  for (let s = 0; s < spec.stepsPerEpoch; s++) {
    const l = await spec.step(st.steps);
    ema?.update(spec.variables);
    for (const k of Object.keys(l)) sums[k] = (sums[k] ?? 0) + l[k]!;
    st.steps++;
    if (now() - st.lastYield > yieldMs) {
      // let progress messages and a Cancel through
      await yieldToEventLoop();
      throwIfAborted(spec.signal);
      st.lastYield = now();
    }
  }
  for (const k of Object.keys(sums)) sums[k] = sums[k]! / spec.stepsPerEpoch;
  return sums;
}

/** Scores the kept weights (the average, if any) and keeps them when better; the live weights train on. */
async function scoreEpoch(
  spec: TrainLoopSpec,
  st: State,
  ema: WeightAverage | null,
  epoch: number,
  warmup: number,
): Promise<number | undefined> {
  const live = ema ? Checkpoint.take(spec.variables) : null;
  try {
    if (ema) ema.copyInto(spec.variables);
    const score = spec.validate ? await spec.validate(epoch) : undefined;
    const eligible = epoch > warmup || epoch === spec.epochs;
    if (score === undefined || (score < st.best && eligible)) {
      if (score !== undefined) st.best = score;
      st.bestEpoch = epoch;
      st.kept.dispose();
      st.kept = Checkpoint.take(spec.variables);
    }
    live?.restoreInto(spec.variables);
    return score;
  } finally {
    live?.dispose();
  }
}
