/**
 * ML utility (DESIGN.md §5): train-on-synthetic/test-on-real and its siblings, each 5-fold — for fold i, models fit
 * on the other folds of real (TRTR, TRTS) or synthetic (TSTR, TSTS) data and are tested on fold i of real or
 * synthetic data — plus TSTR/TRTR on the holdout (fit on all synthetic / all real rows, test on the holdout).
 * Models: a random forest and a linear model (logistic regression / ridge) on standardised + one-hot features.
 */
import { Rng } from '../core/rng.js';
import { noPace, type Pace } from './pace.js';
import type { Prepared, PreparedPart } from './prepare.js';
import { Encoder, range } from './models/design.js';
import { RandomForest } from './models/forest.js';
import { LogisticRegression, Ridge } from './models/linear.js';
import { pairedRatioInterval, type RatioInterval } from './intervals.js';
import { accuracy, aucOvr, macroF1, mae, r2, rmse } from './scores.js';

export interface ClassificationScores {
  accuracy: number;
  f1: number;
  auc: number | null;
}
export interface RegressionScores {
  r2: number;
  rmse: number;
  mae: number;
}
export type Scores = ClassificationScores | RegressionScores;
export interface ModelPair {
  randomForest: Scores;
  linear: Scores;
}
export interface UtilityReport {
  task: 'classification' | 'regression';
  target: string;
  tstr: ModelPair;
  trts: ModelPair;
  trtr: ModelPair;
  tsts: ModelPair;
  /** `ratioInterval`: the random forest's TSTR / TRTR (accuracy or R²) on the holdout, with its interval */
  holdout: { tstr: ModelPair; trtr: ModelPair; ratioInterval?: RatioInterval } | null;
  folds: number;
  trees: number;
  /** rows used to fit one model at most (larger sets are subsampled) */
  maxFitRows: number;
}

/** Trees per forest (judge.py uses 200; 100 changes accuracies by < 0.01 here and halves the time). */
export const UTILITY_TREES = 100;
/** Rows one utility model is fitted on at most (a seeded subsample beyond): scores move by ~0.01, time stays bounded. */
export const MAX_FIT_ROWS = 5_000;

type ModelKind = 'randomForest' | 'linear';

/** Stratified (or plain) k-fold assignment of n rows. */
export function foldsOf(n: number, k: number, strata: ArrayLike<number> | null, rng: Rng): Int32Array {
  const fold = new Int32Array(n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  rng.shuffle(order);
  if (strata) {
    const byClass = new Map<number, number[]>();
    for (const i of order) {
      const c = strata[i]!;
      if (!byClass.has(c)) byClass.set(c, []);
      byClass.get(c)!.push(i);
    }
    let o = 0;
    for (const rows of [...byClass.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]))
      for (const i of rows) fold[i] = o++ % k;
  } else order.forEach((i, r) => (fold[i] = r % k));
  return fold;
}

export class UtilityRunner {
  private readonly features: number[];
  readonly classification: boolean;
  private readonly classes: number;

  constructor(
    private readonly P: Prepared,
    private readonly seed: number,
    private readonly pace: Pace = noPace,
    private readonly trees = UTILITY_TREES,
  ) {
    this.features = P.names.map((_, j) => j).filter((j) => j !== P.target);
    this.classification = P.kinds[P.target] === 'cat';
    this.classes = this.classification ? P.levels[P.target]!.length : 0;
  }

  private y(part: PreparedPart): Float64Array {
    return part.values[this.P.target]!;
  }

  /** Fits `kind` on rows `fit` of `from` and scores it on each (part, rows) test set. */
  private async run(
    kind: ModelKind,
    from: PreparedPart,
    fit: Int32Array,
    tests: [PreparedPart, Int32Array][],
    rng: Rng,
    keep?: Float64Array[],
  ): Promise<Scores[]> {
    await this.pace();
    const enc = new Encoder(this.P, from, fit, this.features);
    const D = enc.transform(from, fit);
    const yAll = this.y(from);
    const y = Float64Array.from(fit, (i) => yAll[i]!);
    let predict: (part: PreparedPart, rows: Int32Array) => Float64Array;
    if (this.classification) {
      const K = this.classes;
      const present = new Set(y);
      if (present.size < 2) {
        // a single class to learn from: a constant predictor (as judge.py)
        const only = y[0] ?? 0;
        predict = (_p, rows) => {
          const out = new Float64Array(rows.length * K);
          for (let i = 0; i < rows.length; i++) out[i * K + only] = 1;
          return out;
        };
      } else if (kind === 'randomForest') {
        const m = await new RandomForest({ trees: this.trees, classes: K, minLeaf: 1, maxDepth: 40 }).fitPaced(
          D,
          y,
          rng,
          this.pace,
        );
        predict = (p, rows) => m.predict(enc.transform(p, rows));
      } else {
        const m = await new LogisticRegression(K).fitPaced(D, y, this.pace);
        predict = (p, rows) => m.predict(enc.transform(p, rows));
      }
      return tests.map(([part, rows]) => {
        const proba = predict(part, rows);
        const yt = Float64Array.from(rows, (i) => this.y(part)[i]!);
        const pred = Float64Array.from({ length: rows.length }, (_, i) => {
          let best = 0;
          for (let c = 1; c < K; c++) if (proba[i * K + c]! > proba[i * K + best]!) best = c;
          return best;
        });
        keep?.push(pred);
        const labels = [...new Set([...y, ...yt])].sort((a, b) => a - b);
        return { accuracy: accuracy(yt, pred), f1: macroF1(yt, pred, labels), auc: aucOvr(yt, proba, K) };
      });
    }
    const model =
      kind === 'randomForest'
        ? await new RandomForest({ trees: this.trees, classes: 0, minLeaf: 1, maxDepth: 40 }).fitPaced(
            D,
            y,
            rng,
            this.pace,
          )
        : new Ridge(1).fit(D, y);
    return tests.map(([part, rows]) => {
      const pred = model.predict(enc.transform(part, rows));
      keep?.push(pred);
      const yt = Float64Array.from(rows, (i) => this.y(part)[i]!);
      return { r2: r2(yt, pred), rmse: rmse(yt, pred), mae: mae(yt, pred) };
    });
  }

  /** At most MAX_FIT_ROWS of `rows` (a seeded subsample), so a 50 000-row table fits in seconds. */
  private cap(rows: Int32Array, rng: Rng): Int32Array {
    if (rows.length <= MAX_FIT_ROWS) return rows;
    return Int32Array.from(rng.choose(rows.length, MAX_FIT_ROWS), (i) => rows[i]!).sort();
  }

  /** TSTR and TRTR on the holdout (models fitted on all synthetic / all real rows, capped); null without one. */
  private async holdoutScores(rng: Rng, tick: () => void): Promise<UtilityReport['holdout']> {
    const P = this.P;
    if (!P.holdout || P.holdout.n === 0) return null;
    const ho: [PreparedPart, Int32Array][] = [[P.holdout, range(P.holdout.n)]];
    const h = { tstr: {} as Record<ModelKind, Scores>, trtr: {} as Record<ModelKind, Scores> };
    const preds: Record<'tstr' | 'trtr', Float64Array[]> = { tstr: [], trtr: [] };
    for (const kind of ['randomForest', 'linear'] as ModelKind[]) {
      const keep = (k: 'tstr' | 'trtr'): Float64Array[] | undefined => (kind === 'randomForest' ? preds[k] : undefined);
      h.tstr[kind] = (await this.run(kind, P.synth, this.cap(range(P.synth.n), rng), ho, rng, keep('tstr')))[0]!;
      h.trtr[kind] = (await this.run(kind, P.real, this.cap(range(P.real.n), rng), ho, rng, keep('trtr')))[0]!;
      tick();
    }
    // its own seed, so the interval draws nothing from the models' stream
    const interval = pairedRatioInterval(
      this.y(P.holdout),
      preds.tstr[0]!,
      preds.trtr[0]!,
      this.classification ? accuracy : r2,
      this.seed + 7919,
    );
    return { tstr: h.tstr, trtr: h.trtr, ...(interval ? { ratioInterval: interval } : {}) };
  }

  async evaluate(tick: () => void = () => {}): Promise<UtilityReport> {
    const P = this.P;
    const rng = new Rng(this.seed);
    const k = Math.max(2, Math.min(5, P.real.n, P.synth.n));
    const strata = (part: PreparedPart) => (this.classification ? this.y(part) : null);
    const fr = foldsOf(P.real.n, k, strata(P.real), rng);
    const fs = foldsOf(P.synth.n, k, strata(P.synth), rng);
    const acc: Record<'tstr' | 'trts' | 'trtr' | 'tsts', Record<ModelKind, Scores[]>> = {
      tstr: { randomForest: [], linear: [] },
      trts: { randomForest: [], linear: [] },
      trtr: { randomForest: [], linear: [] },
      tsts: { randomForest: [], linear: [] },
    };
    for (let f = 0; f < k; f++) {
      const realTest = pick(fr, f, true);
      const synthTest = pick(fs, f, true);
      const realFit = this.cap(pick(fr, f, false), rng);
      const synthFit = this.cap(pick(fs, f, false), rng);
      for (const kind of ['randomForest', 'linear'] as ModelKind[]) {
        const [trtr, trts] = await this.run(
          kind,
          P.real,
          realFit,
          [
            [P.real, realTest],
            [P.synth, synthTest],
          ],
          rng,
        );
        const [tstr, tsts] = await this.run(
          kind,
          P.synth,
          synthFit,
          [
            [P.real, realTest],
            [P.synth, synthTest],
          ],
          rng,
        );
        acc.trtr[kind].push(trtr!);
        acc.trts[kind].push(trts!);
        acc.tstr[kind].push(tstr!);
        acc.tsts[kind].push(tsts!);
        tick();
      }
    }
    const holdout = await this.holdoutScores(rng, tick);
    return {
      task: this.classification ? 'classification' : 'regression',
      target: P.names[P.target]!,
      tstr: pair(acc.tstr),
      trts: pair(acc.trts),
      trtr: pair(acc.trtr),
      tsts: pair(acc.tsts),
      holdout,
      folds: k,
      trees: this.trees,
      maxFitRows: MAX_FIT_ROWS,
    };
  }
}

/** Rows whose fold is (inFold) or is not (!inFold) f. */
function pick(fold: Int32Array, f: number, inFold: boolean): Int32Array {
  const out: number[] = [];
  fold.forEach((x, i) => {
    if ((x === f) === inFold) out.push(i);
  });
  return Int32Array.from(out);
}

/** Mean of each score over the folds, leaving out the folds where it is undefined (null when it always is). */
function meanScores(list: Scores[]): Scores {
  const keys = Object.keys(list[0]!) as (keyof Scores)[];
  const out: Record<string, number | null> = {};
  for (const key of keys) {
    const v = list
      .map((s) => (s as unknown as Record<string, number | null>)[key])
      .filter((x): x is number => x !== null);
    out[key] = v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  }
  return out as unknown as Scores;
}

function pair(r: Record<ModelKind, Scores[]>): ModelPair {
  return { randomForest: meanScores(r.randomForest), linear: meanScores(r.linear) };
}
