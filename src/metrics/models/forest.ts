/**
 * A fast random forest (Breiman 2001) for the utility and detection scores.
 *
 * Why not ml-random-forest: measured here, it takes 2.3 s per 100-tree classifier and 6.6 s per regressor on
 * ~500 rows, and it samples features once per tree rather than per split. A report fits ~24 forests, so that would
 * be minutes. This one pre-bins each feature into at most 64 quantile bins and grows trees from per-node
 * histograms (as LightGBM / sklearn's HistGradientBoosting do), with bootstrap rows and √d (classification) or all
 * (regression, sklearn's default) candidate features per split; leaves hold class frequencies or the mean. The
 * split search is shared with boosting and CART (stats/trees/split.ts).
 */
import type { Rng } from '../../core/rng.js';
import type { Design } from './design.js';
import { Binner } from '../../transforms/quantile-bins.js';
import { giniChildren, partition, SplitSearch, type GainFn } from '../../stats/trees/split.js';

interface Node {
  feature: number; // −1 for a leaf
  threshold: number; // bin index: go left when bin ≤ threshold
  left: number;
  right: number;
  value: Float64Array; // class probabilities, or [mean]
}

export interface ForestOptions {
  trees: number;
  /** number of classes for classification; 0 for regression */
  classes: number;
  minLeaf: number;
  maxDepth: number;
}

export class RandomForest {
  private binner: Binner | null = null;
  private trees: Node[][] = [];
  private d = 0;

  constructor(private readonly opts: ForestOptions) {}

  fit(D: Design, y: ArrayLike<number>, rng: Rng): this {
    for (const _ of this.steps(D, y, rng));
    return this;
  }

  /** `fit` that pauses between trees (the report's Cancel). */
  async fitPaced(D: Design, y: ArrayLike<number>, rng: Rng, pace: () => Promise<void>): Promise<this> {
    for (const _ of this.steps(D, y, rng)) await pace();
    return this;
  }

  /** The fit, one tree a step. */
  private *steps(D: Design, y: ArrayLike<number>, rng: Rng): Generator<void> {
    const { n, d } = D;
    this.d = d;
    this.binner = new Binner(D);
    const { bins, nBins } = this.binner;
    const mtry = this.opts.classes > 0 ? Math.max(1, Math.round(Math.sqrt(d))) : d;
    this.trees = [];
    for (let t = 0; t < this.opts.trees; t++) {
      const rows = new Int32Array(n);
      for (let i = 0; i < n; i++) rows[i] = rng.int(n);
      this.trees.push(this.grow(bins, nBins, y, rows, mtry, rng));
      yield;
    }
  }

  private leafValue(y: ArrayLike<number>, rows: Int32Array): Float64Array {
    const C = this.opts.classes;
    if (C > 0) {
      const p = new Float64Array(C);
      for (const r of rows) p[y[r]!]! += 1 / rows.length;
      return p;
    }
    let s = 0;
    for (const r of rows) s += y[r]!;
    return Float64Array.of(s / rows.length);
  }

  private grow(
    bins: Uint8Array,
    nBins: number[],
    y: ArrayLike<number>,
    rootRows: Int32Array,
    mtry: number,
    rng: Rng,
  ): Node[] {
    const nodes: Node[] = [];
    const { classes: C, minLeaf, maxDepth } = this.opts;
    const d = this.d;
    const stack: { rows: Int32Array; depth: number; at: number }[] = [];
    const make = (rows: Int32Array, depth: number): number => {
      nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: this.leafValue(y, rows) });
      stack.push({ rows, depth, at: nodes.length - 1 });
      return nodes.length - 1;
    };
    make(rootRows, 0);
    const feats = Int32Array.from({ length: d }, (_, i) => i);
    const search = new SplitSearch(
      bins,
      nBins,
      d,
      C > 0 ? { kind: 'classes', y, classes: C } : { kind: 'sums', values: [y] },
    );
    while (stack.length) {
      const { rows, depth, at } = stack.pop()!;
      if (rows.length < 2 * minLeaf || depth >= maxDepth) continue;
      const node = nodes[at]!;
      if (C > 0 && node.value.some((p) => p === 1)) continue; // pure
      const gain = this.gainOf(node, rows, y);
      if (!gain) continue;
      // mtry candidate features per split, by a partial shuffle
      for (let k = 0; k < mtry; k++) {
        const j = k + rng.int(d - k);
        const tmp = feats[k]!;
        feats[k] = feats[j]!;
        feats[j] = tmp;
      }
      const split = search.best(rows, feats.subarray(0, mtry), { minLeaf, minGain: 1e-12, gain });
      if (!split) continue;
      const [L, R] = partition(rows, bins, d, split);
      node.feature = split.feature;
      node.threshold = split.threshold;
      node.left = make(L, depth + 1);
      node.right = make(R, depth + 1);
    }
    return nodes;
  }

  /** Gini decrease (class counts from the node's frequencies) or squared-error decrease; null for a constant node. */
  private gainOf(node: Node, rows: Int32Array, y: ArrayLike<number>): GainFn | null {
    const C = this.opts.classes;
    const m = rows.length;
    if (C > 0) {
      let g = 0;
      for (const p of node.value) g += p * p;
      const parent = m * (1 - g);
      const counts = node.value.map((p) => p * m);
      return (left, nl, nr) => parent - giniChildren(left, counts, C, nl, nr);
    }
    let s = 0;
    let q = 0;
    for (const r of rows) {
      s += y[r]!;
      q += y[r]! * y[r]!;
    }
    if (q - (s * s) / m <= 1e-12) return null;
    // SSE reduction = sl²/nl + sr²/nr − tot²/m, tot summed over the histogram's bins
    return (left, nl, nr, total) => {
      const tot = total[0]!;
      const sl = left[0]!;
      const sr = tot - sl;
      return (sl * sl) / nl + (sr * sr) / nr - (tot * tot) / m;
    };
  }

  /** Class probabilities (n × classes, row-major) or predictions (n). */
  predict(D: Design): Float64Array {
    const width = Math.max(1, this.opts.classes);
    const out = new Float64Array(D.n * width);
    const bins = new Uint8Array(D.d);
    for (let i = 0; i < D.n; i++) {
      this.binner!.rowBins(D, i, bins);
      for (const tree of this.trees) {
        let k = 0;
        while (tree[k]!.feature >= 0)
          k = bins[tree[k]!.feature]! <= tree[k]!.threshold ? tree[k]!.left : tree[k]!.right;
        const v = tree[k]!.value;
        for (let c = 0; c < width; c++) out[i * width + c]! += v[c]! / this.trees.length;
      }
    }
    return out;
  }
}
