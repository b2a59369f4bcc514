/**
 * A percentile-bootstrap interval for the TSTR / TRTR ratio on the holdout. Both models are scored on the same
 * holdout rows, so the rows are resampled together (a paired bootstrap): the interval then reflects how much the
 * ratio depends on which real rows happened to be held out, which is what makes a 27-row holdout's ratio noise.
 */
import { Rng } from '../core/rng.js';
import { quantile } from '../core/stats.js';

export interface RatioInterval {
  lo: number;
  hi: number;
  /** confidence level, e.g. 0.95 */
  level: number;
  /** how it was computed, in words */
  method: string;
}

/** Bootstrap resamples of the holdout rows; the ratio's 2.5 and 97.5 percentiles settle to ±0.01 by then. */
export const RATIO_BOOTSTRAP = 1000;

/**
 * The `level` interval of score(y, a) / score(y, b) over resamples of the rows of y (with replacement), or null
 * when fewer than 2 rows or when under half of the resamples have a positive denominator (no stable ratio).
 * `score` gets the resampled truth and predictions.
 */
export function pairedRatioInterval(
  y: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  score: (y: Float64Array, pred: Float64Array) => number,
  seed: number,
  resamples = RATIO_BOOTSTRAP,
  level = 0.95,
): RatioInterval | null {
  const n = y.length;
  if (n < 2) return null;
  const rng = new Rng(seed);
  const ys = new Float64Array(n);
  const as = new Float64Array(n);
  const bs = new Float64Array(n);
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = rng.int(n);
      ys[i] = y[k]!;
      as[i] = a[k]!;
      bs[i] = b[k]!;
    }
    const den = score(ys, bs);
    if (den > 0) ratios.push(score(ys, as) / den);
  }
  if (ratios.length < resamples / 2) return null;
  const sorted = Float64Array.from(ratios).sort();
  const tail = (1 - level) / 2;
  return {
    lo: quantile(sorted, tail),
    hi: quantile(sorted, 1 - tail),
    level,
    method: `paired bootstrap over the ${n} holdout rows (${resamples} resamples)`,
  };
}
