/**
 * The GenerativeMTD generator (DESIGN.md §3): pseudo-real data (pseudo.ts) → transform (transformer.ts) →
 * VAE-GAN training with early stopping on PCD (train.ts) → sampling from the best checkpoint (model.ts).
 * Saved models (`toJSON`) hold the transform, the encoder/decoder weights and the pseudo-real set, so `restore`
 * gives a generator that samples again without the real data or retraining.
 */
import { LocalSynthError, throwIfAborted } from '../../core/errors.js';
import { throttleProgress, yieldToEventLoop } from '../../core/progress.js';
import { Rng } from '../../core/rng.js';
import type { Table } from '../../core/table.js';
import type { ModelData, ModelLayout } from '../../transforms/model-data.js';
import { pcdOfTables } from '../../stats/association.js';
import { selectBackend, wasmLimitation, type BackendChoice } from '../../ml/backend.js';
import { tf, type Tensor2D } from '../../ml/tf.js';
import { base64ToFloat32, float32ToBase64 } from '../../ml/weights.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { gmtdInfo } from './info.js';
import { GmtdNets, sampleVectors, type NetsJSON } from './model.js';
import { chooseK, pseudoRealSet } from './pseudo.js';
import { trainGmtd, type TrainResult } from './train.js';
import { decodeRows, encodeRows, fitTransformer, type TransformerState } from './transformer.js';

export const GMTD_FORMAT_VERSION = 1;

/** The saved-model JSON (`toJSON()`); weights and the pseudo-real set as base64 float32. */
export interface GmtdJSON {
  format: 'localsynth-model';
  version: number;
  generator: 'gmtd';
  options: OptionValues;
  layout: ModelLayout;
  gmtd: { k: number; transformer: TransformerState; nets: NetsJSON; pseudo: { rows: number; data: string } };
}

interface Fitted {
  k: number;
  transformer: TransformerState;
  nets: GmtdNets;
  pseudo: Tensor2D;
  backend: string;
}

export class GenerativeMtd extends BaseGenerator {
  private fitted: Fitted | null = null;

  constructor(options: Partial<OptionValues> = {}) {
    super(gmtdInfo, options);
  }

  /** A fitted generator from `toJSON()` output. */
  static async restore(json: unknown): Promise<GenerativeMtd> {
    const j = json as Partial<GmtdJSON> | null;
    if (!j || j.format !== 'localsynth-model' || j.generator !== 'gmtd' || !j.gmtd || !j.layout) {
      throw new LocalSynthError('BAD_MODEL_FILE', 'This file is not a saved GenerativeMTD model.', {});
    }
    if (j.version !== GMTD_FORMAT_VERSION) {
      throw new LocalSynthError('BAD_MODEL_FILE', `Saved GenerativeMTD model version ${String(j.version)} is not supported (expected ${GMTD_FORMAT_VERSION}).`, {});
    }
    const g = new GenerativeMtd(j.options ?? {});
    const { backend } = await selectBackend(g.options['backend'] as BackendChoice);
    const { transformer, k } = j.gmtd;
    const data = base64ToFloat32(j.gmtd.pseudo.data);
    if (data.length !== j.gmtd.pseudo.rows * transformer.width) throw new LocalSynthError('BAD_MODEL_FILE', 'The saved pseudo-real set has the wrong size.', {});
    const nets = GmtdNets.fromJSON(j.gmtd.nets);
    g.fitted = { k, transformer, nets, pseudo: tf.tensor2d(data, [j.gmtd.pseudo.rows, transformer.width]), backend };
    g.layout = j.layout;
    return g;
  }

  protected async fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    this.disposeFitted();
    const o = this.options;
    const progress = throttleProgress(ctx.onProgress);
    const { backend, skipped } = await selectBackend(o['backend'] as BackendChoice);
    const notes: string[] = [`backend: ${backend}${skipped.length ? ` (skipped ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')})` : ''}`];
    const limitation = backend === 'wasm' ? wasmLimitation() : null;
    if (limitation) notes.push(limitation);
    const details: Record<string, unknown> = {};
    progress({ stage: 'fit', fraction: 0, message: 'pseudo-real data' });
    const t0 = performance.now();
    let k = o['k'] as number | null;
    if (k === null) {
      const c = chooseK(data, rng.fork());
      k = c.k;
      details['kScores'] = c.scores;
      notes.push(`k = ${k} chosen automatically: lowest PCD of the pseudo-real rows over k = ${c.scores.map((s) => s.k).join(', ')}`);
    } else notes.push(`k = ${k} (fixed by the user)`);
    const transformer = fitTransformer(data.table, data.columns);
    const pseudo = pseudoRealSet(data, k, o['pseudoPerRow'] as number, rng.fork());
    const pseudoVec = encodeRows(transformer, pseudo.table);
    const realVec = encodeRows(transformer, data.table);
    const pseudoSeconds = (performance.now() - t0) / 1000;
    await yieldToEventLoop();
    throwIfAborted(ctx.signal);

    const D = transformer.width;
    const n = data.table.nRows;
    const N = pseudo.table.nRows;
    const nNum = transformer.numCols.length;
    const blocks = transformer.blocks.map((b) => ({ start: b.start, size: b.size }));
    // with a class target and `conditional`, the decoder reads [z, class] (model.ts NetSpec.cond)
    const classBlock = data.task === 'classification' && o['conditional'] === true ? transformer.blocks.find((b) => b.col === data.target) : undefined;
    const cond = classBlock ? { start: classBlock.start, size: classBlock.size } : null;
    const nets = GmtdNets.create({ width: D, hidden: o['hidden'] as number, latent: o['latent'] as number, dropout: o['dropout'] as number, cond }, rng.fork());
    const pseudoT = tf.tensor2d(pseudoVec, [N, D]);
    const realT = tf.tensor2d(realVec, [n, D]);
    const evalSeed = rng.nextSeed();
    // PCD of a sample of n rows swings by ±30 % from epoch to epoch on 60-row tables, and the best of such noisy
    // scores is mostly luck; 1000 rows (at least n) make the choice of checkpoint about the weights
    const evalRows = Math.max(n, 1000);
    const cfg = {
      epochs: o['epochs'] as number,
      stepsPerEpoch: o['stepsPerEpoch'] as number,
      batch: o['batchSize'] as number,
      learningRate: o['learningRate'] as number,
      patience: o['patience'] as number,
      warmup: 4,
      epsilon: o['epsilon'] as number,
      sinkhornIters: o['sinkhornIters'] as number,
      tau: 0.2,
      lambda: 10,
      ema: o['ema'] as number,
      kl: o['kl'] as number,
      klWarmup: o['klWarmup'] as number,
    };
    const t1 = performance.now();
    let result: TrainResult;
    try {
      result = await trainGmtd(
        nets,
        { pseudo: pseudoT, source: pseudo.source, real: realT, nNum, blocks },
        cfg,
        rng.fork(),
        // the early-stopping score: PCD of a sample (fixed seed, so epochs differ only by their weights)
        async () => pcdOfTables(data.table, decodeRows(transformer, await sampleVectors(nets, pseudoT, nNum, blocks, evalRows, new Rng(evalSeed)), evalRows)),
        (e) => {
          const done = e.epoch * cfg.stepsPerEpoch;
          // training ends at the epoch cap or `patience` epochs after the best one (or the warm-up), if sooner
          const left = e.stopAt - e.epoch;
          progress({
            stage: 'train',
            fraction: e.epoch / cfg.epochs,
            epoch: e.epoch,
            epochs: cfg.epochs,
            losses: { ...e.losses },
            validation: e.score,
            etaMs: Math.max(0, left) * cfg.stepsPerEpoch * ((performance.now() - t1) / done),
            backend,
          });
        },
        ctx.signal,
      );
    } catch (err) {
      nets.dispose();
      pseudoT.dispose();
      realT.dispose();
      throw err;
    }
    realT.dispose();
    nets.dropCritic();
    // the mean σ of the latent noise sampling adds (the KL term keeps it from collapsing towards 0), over at most
    // 4096 evenly spaced pseudo rows
    const stride = Math.ceil(N / 4096);
    const probe = Int32Array.from({ length: Math.ceil(N / stride) }, (_, i) => i * stride);
    const sigmaT = tf.tidy(() => tf.mean(tf.exp(tf.mul(0.5, nets.encode(tf.gather(pseudoT, tf.tensor1d(probe, 'int32')) as Tensor2D, { training: false }).logvar))));
    const latentSigma = ((await sigmaT.data()) as Float32Array)[0]!;
    sigmaT.dispose();
    this.fitted = { k, transformer, nets, pseudo: pseudoT, backend };
    const trainSeconds = (performance.now() - t1) / 1000;
    notes.push(
      `trained ${result.steps} steps (${result.epochs} epochs${result.stoppedEarly ? ', stopped early' : ''}); best PCD ${result.bestScore.toFixed(3)} at epoch ${result.bestEpoch}`,
    );
    Object.assign(details, {
      k,
      backend,
      pseudoRows: N,
      pseudoSeconds,
      trainSeconds,
      steps: result.steps,
      msPerStep: (trainSeconds * 1000) / Math.max(1, result.steps),
      bestEpoch: result.bestEpoch,
      bestPcd: result.bestScore,
      latentSigma,
      history: result.history.map((h) => ({ epoch: h.epoch, pcd: h.score, ...h.losses })),
    });
    return { backend, notes, details };
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const f = this.fitted!;
    const progress = throttleProgress(ctx.onProgress);
    progress({ stage: 'sample', fraction: 0 });
    const blocks = f.transformer.blocks.map((b) => ({ start: b.start, size: b.size }));
    const vec = await sampleVectors(f.nets, f.pseudo, f.transformer.numCols.length, blocks, n, rng);
    progress({ stage: 'sample', fraction: 1 });
    return decodeRows(f.transformer, vec, n, true);
  }

  /** The backend the model was trained (or restored) on. */
  get backend(): string | null {
    return this.fitted?.backend ?? null;
  }

  override toJSON(): GmtdJSON {
    const f = this.fitted;
    if (!f || !this.layout) throw new LocalSynthError('NOT_FITTED', 'GenerativeMTD has not been fitted: nothing to save.', {});
    return {
      format: 'localsynth-model',
      version: GMTD_FORMAT_VERSION,
      generator: 'gmtd',
      options: { ...this.options },
      layout: this.layout,
      gmtd: {
        k: f.k,
        transformer: f.transformer,
        nets: f.nets.toJSON(),
        pseudo: { rows: f.pseudo.shape[0], data: float32ToBase64(f.pseudo.dataSync() as Float32Array) },
      },
    };
  }

  private disposeFitted(): void {
    if (!this.fitted) return;
    this.fitted.nets.dispose();
    this.fitted.pseudo.dispose();
    this.fitted = null;
  }

  override dispose(): void {
    this.disposeFitted();
  }
}
