/**
 * Histogram gradient boosting for binary classification (Friedman 2001; the LightGBM / sklearn
 * HistGradientBoostingClassifier recipe): log-loss, second-order leaf values −G/(H+λ), depth-limited trees grown on
 * the shared quantile bins, learning rate 0.1. Used for the detection score so that it matches judge.py's model
 * class: fully grown random-forest trees memorise near-copies and read below ½ on them, boosting does not.
 * The split search is shared with the forest and CART (stats/trees/split.ts).
 */
import { partition, SplitSearch, type GainFn } from '../../stats/trees/split.js';
import { Binner } from '../../transforms/quantile-bins.js';
import type { Design } from './design.js';

export interface BoostingOptions {
  /** @default 100 (sklearn's max_iter) */
  iterations: number;
  /** @default 0.1 */
  learningRate: number;
  /** @default 5 (≤ 32 leaves, like sklearn's max_leaf_nodes = 31) */
  maxDepth: number;
  /** @default 20 (sklearn's min_samples_leaf) */
  minLeaf: number;
  /** L2 penalty on leaf values @default 1 */
  lambda: number;
}

export const BOOSTING_DEFAULTS: BoostingOptions = {
  iterations: 100,
  learningRate: 0.1,
  maxDepth: 5,
  minLeaf: 20,
  lambda: 1,
};

interface Node {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  value: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export class GradientBoosting {
  private binner: Binner | null = null;
  private trees: Node[][] = [];
  private base = 0;
  private readonly opts: BoostingOptions;

  constructor(opts: Partial<BoostingOptions> = {}) {
    this.opts = { ...BOOSTING_DEFAULTS, ...opts };
  }

  /** y in {0, 1}. */
  fit(D: Design, y: ArrayLike<number>): this {
    for (const _ of this.steps(D, y));
    return this;
  }

  /** `fit` that pauses between boosting iterations (the report's Cancel). */
  async fitPaced(D: Design, y: ArrayLike<number>, pace: () => Promise<void>): Promise<this> {
    for (const _ of this.steps(D, y)) await pace();
    return this;
  }

  /** The fit, one boosting iteration a step. */
  private *steps(D: Design, y: ArrayLike<number>): Generator<void> {
    const { n, d } = D;
    const binner = new Binner(D);
    this.binner = binner;
    let pos = 0;
    for (let i = 0; i < n; i++) pos += y[i]!;
    const p0 = Math.min(1 - 1e-6, Math.max(1e-6, pos / n));
    this.base = Math.log(p0 / (1 - p0));
    const F = new Float64Array(n).fill(this.base);
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    const search = new SplitSearch(binner.bins, binner.nBins, d, { kind: 'sums', values: [g, h] });
    this.trees = [];
    for (let it = 0; it < this.opts.iterations; it++) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(F[i]!);
        g[i] = p - y[i]!;
        h[i] = Math.max(p * (1 - p), 1e-12);
      }
      const nodes = this.grow(binner, d, g, h, search);
      for (let i = 0; i < n; i++) {
        let k = 0;
        while (nodes[k]!.feature >= 0)
          k = binner.bins[i * d + nodes[k]!.feature]! <= nodes[k]!.threshold ? nodes[k]!.left : nodes[k]!.right;
        F[i]! += this.opts.learningRate * nodes[k]!.value;
      }
      this.trees.push(nodes);
      yield;
    }
  }

  /** One tree on the gradients g and Hessians h: leaf values −G/(H + λ), splits by the second-order gain. */
  private grow(binner: Binner, d: number, g: Float64Array, h: Float64Array, search: SplitSearch): Node[] {
    const { lambda, minLeaf, maxDepth } = this.opts;
    const features = Int32Array.from({ length: d }, (_, f) => f);
    const nodes: Node[] = [];
    const stack: { rows: Int32Array; depth: number; at: number; G: number; H: number }[] = [];
    const leaf = (rows: Int32Array, depth: number): number => {
      let G = 0;
      let H = 0;
      for (let k = 0; k < rows.length; k++) {
        G += g[rows[k]!]!;
        H += h[rows[k]!]!;
      }
      nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: -G / (H + lambda) });
      stack.push({ rows, depth, at: nodes.length - 1, G, H });
      return nodes.length - 1;
    };
    leaf(
      Int32Array.from({ length: g.length }, (_, i) => i),
      0,
    );
    while (stack.length) {
      const { rows, depth, at, G, H } = stack.pop()!;
      if (depth >= maxDepth || rows.length < 2 * minLeaf) continue;
      const parent = (G * G) / (H + lambda);
      const gain: GainFn = (left) => {
        const gl = left[0]!;
        const hl = left[1]!;
        const gr = G - gl;
        const hr = H - hl;
        return (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
      };
      const split = search.best(rows, features, { minLeaf, minGain: 1e-9, gain });
      if (!split) continue;
      const [L, R] = partition(rows, binner.bins, d, split);
      const node = nodes[at]!;
      node.feature = split.feature;
      node.threshold = split.threshold;
      node.left = leaf(L, depth + 1);
      node.right = leaf(R, depth + 1);
    }
    return nodes;
  }

  /** P(y = 1) per row. */
  predict(D: Design): Float64Array {
    const out = new Float64Array(D.n);
    const bins = new Uint8Array(D.d);
    for (let i = 0; i < D.n; i++) {
      this.binner!.rowBins(D, i, bins);
      let z = this.base;
      for (const tree of this.trees) {
        let k = 0;
        while (tree[k]!.feature >= 0)
          k = bins[tree[k]!.feature]! <= tree[k]!.threshold ? tree[k]!.left : tree[k]!.right;
        z += this.opts.learningRate * tree[k]!.value;
      }
      out[i] = sigmoid(z);
    }
    return out;
  }
}
