/**
 * The split search shared by the tree models (CART's leaf trees, the random forest, gradient boosting): features
 * pre-binned by `Binner` (transforms/quantile-bins.ts), a node's rows histogrammed per candidate feature over the
 * bins they touch, and the thresholds between touched bins scanned left to right. Each model supplies its own gain
 * (Gini, squared error, second-order log-loss), so the search is written once and the criteria stay the models'.
 * Ties keep the first split found (features in the order given, then thresholds), as every model did before.
 */
import { MAX_BINS } from '../../transforms/quantile-bins.js';

/** What a row adds to its bin: 1 in its class's cell (classes coded 0…classes−1), or its value of each array. */
export type RowStats =
  { kind: 'classes'; y: ArrayLike<number>; classes: number } | { kind: 'sums'; values: ArrayLike<number>[] };

/**
 * Gain of a candidate split. `left`: the statistics (one cell per class or per summed array) of the rows going left,
 * `nl` / `nr`: rows on each side, `total`: the node's statistics as the histogram adds them up (bins in order).
 */
export type GainFn = (left: Float64Array, nl: number, nr: number, total: Float64Array) => number;

/** Send a row left when its bin of `feature` is ≤ `threshold`. */
export interface Split {
  feature: number;
  threshold: number;
  gain: number;
}

export interface SplitRules {
  /** fewest rows on either side */
  minLeaf: number;
  /** a split must gain strictly more than this */
  minGain: number;
  gain: GainFn;
}

/** Histogram buffers sized once per tree and reused by every node (allocating per node dominated the run time). */
export class SplitSearch {
  private readonly width: number;
  private readonly hist: Float64Array;
  private readonly count = new Float64Array(MAX_BINS);
  private readonly touched = new Int32Array(MAX_BINS);
  private readonly left: Float64Array;
  private readonly total: Float64Array;

  /** `bins`: row-major n × d bin indexes, `nBins` per feature. */
  constructor(
    private readonly bins: Uint8Array,
    private readonly nBins: readonly number[],
    private readonly d: number,
    private readonly stats: RowStats,
  ) {
    this.width = Math.max(1, stats.kind === 'classes' ? stats.classes : stats.values.length);
    this.hist = new Float64Array(MAX_BINS * this.width);
    this.left = new Float64Array(this.width);
    this.total = new Float64Array(this.width);
  }

  /** The best split of `rows` over `features` (in that order), or null when none gains more than `minGain`. */
  best(rows: Int32Array, features: ArrayLike<number>, rules: SplitRules): Split | null {
    let best: Split = { feature: -1, threshold: -1, gain: rules.minGain };
    for (let k = 0; k < features.length; k++) {
      const f = features[k]!;
      if (this.nBins[f]! < 2) continue;
      const nt = this.histogram(rows, f);
      const found = this.scan(rows.length, nt, f, rules, best.gain);
      if (found) best = found;
      this.reset(nt);
    }
    return best.feature < 0 ? null : best;
  }

  /** Fills the histogram of feature f over the bins the rows touch; returns how many, sorted in `touched`. */
  private histogram(rows: Int32Array, f: number): number {
    const { bins, d, hist, count, touched, stats, width } = this;
    let nt = 0;
    if (stats.kind === 'classes') {
      const y = stats.y;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const b = bins[r * d + f]!;
        if (count[b] === 0) touched[nt++] = b;
        count[b]!++;
        hist[b * width + y[r]!]!++;
      }
    } else {
      const values = stats.values;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const b = bins[r * d + f]!;
        if (count[b] === 0) touched[nt++] = b;
        count[b]!++;
        for (let k = 0; k < width; k++) hist[b * width + k]! += values[k]![r]!;
      }
    }
    touched.subarray(0, nt).sort();
    return nt;
  }

  /** Thresholds between touched bins, left to right; the best one above `floor`, or null. */
  private scan(m: number, nt: number, f: number, rules: SplitRules, floor: number): Split | null {
    const { hist, count, touched, left, total, width } = this;
    total.fill(0);
    for (let t = 0; t < nt; t++) for (let k = 0; k < width; k++) total[k]! += hist[touched[t]! * width + k]!;
    left.fill(0);
    let nl = 0;
    let best: Split | null = null;
    for (let t = 0; t < nt - 1; t++) {
      const b = touched[t]!;
      nl += count[b]!;
      for (let k = 0; k < width; k++) left[k]! += hist[b * width + k]!;
      const nr = m - nl;
      if (nl < rules.minLeaf || nr < rules.minLeaf) continue;
      const gain = rules.gain(left, nl, nr, total);
      if (gain > (best ? best.gain : floor)) best = { feature: f, threshold: b, gain };
    }
    return best;
  }

  private reset(nt: number): void {
    const { hist, count, touched, width } = this;
    for (let t = 0; t < nt; t++) {
      const b = touched[t]!;
      count[b] = 0;
      hist.fill(0, b * width, b * width + width);
    }
  }
}

/** n·Gini of the two children, n_l·G_l + n_r·G_r = n_l − Σ l_c²/n_l + n_r − Σ r_c²/n_r, with r_c = total_c − l_c. */
export function giniChildren(
  left: Float64Array,
  total: ArrayLike<number>,
  classes: number,
  nl: number,
  nr: number,
): number {
  let gl = 0;
  let gr = 0;
  for (let c = 0; c < classes; c++) {
    gl += left[c]! * left[c]!;
    const rc = total[c]! - left[c]!;
    gr += rc * rc;
  }
  return nl - gl / nl + (nr - gr / nr);
}

/** The rows of a node split in two, order kept: bin of the split's feature ≤ threshold, and the rest. */
export function partition(rows: Int32Array, bins: Uint8Array, d: number, split: Split): [Int32Array, Int32Array] {
  const { feature: f, threshold: t } = split;
  let nl = 0;
  for (let i = 0; i < rows.length; i++) if (bins[rows[i]! * d + f]! <= t) nl++;
  const L = new Int32Array(nl);
  const R = new Int32Array(rows.length - nl);
  let a = 0;
  let b = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (bins[r * d + f]! <= t) L[a++] = r;
    else R[b++] = r;
  }
  return [L, R];
}
