/**
 * Histogram gradient boosting for binary classification (Friedman 2001; the LightGBM / sklearn
 * HistGradientBoostingClassifier recipe): log-loss, second-order leaf values −G/(H+λ), depth-limited trees grown on
 * the shared quantile bins, learning rate 0.1. Used for the detection score so that it matches judge.py's model
 * class: fully grown random-forest trees memorise near-copies and read below ½ on them, boosting does not.
 */
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

export const BOOSTING_DEFAULTS: BoostingOptions = { iterations: 100, learningRate: 0.1, maxDepth: 5, minLeaf: 20, lambda: 1 };

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
    const { lambda, minLeaf, maxDepth, learningRate } = this.opts;
    const gh = new Float64Array(64 * 3);
    this.trees = [];
    for (let it = 0; it < this.opts.iterations; it++) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(F[i]!);
        g[i] = p - y[i]!;
        h[i] = Math.max(p * (1 - p), 1e-12);
      }
      const nodes: Node[] = [];
      const stack: { rows: Int32Array; depth: number; at: number }[] = [];
      const leaf = (rows: Int32Array, depth: number): number => {
        let G = 0;
        let H = 0;
        for (let k = 0; k < rows.length; k++) {
          G += g[rows[k]!]!;
          H += h[rows[k]!]!;
        }
        nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: -G / (H + lambda) });
        stack.push({ rows, depth, at: nodes.length - 1 });
        return nodes.length - 1;
      };
      leaf(Int32Array.from({ length: n }, (_, i) => i), 0);
      while (stack.length) {
        const { rows, depth, at } = stack.pop()!;
        const m = rows.length;
        if (depth >= maxDepth || m < 2 * minLeaf) continue;
        let G = 0;
        let H = 0;
        for (let k = 0; k < m; k++) {
          G += g[rows[k]!]!;
          H += h[rows[k]!]!;
        }
        const parent = (G * G) / (H + lambda);
        let best = { gain: 1e-9, f: -1, t: -1 };
        for (let f = 0; f < d; f++) {
          const B = binner.nBins[f]!;
          if (B < 2) continue;
          gh.fill(0, 0, B * 3);
          for (let k = 0; k < m; k++) {
            const r = rows[k]!;
            const b = binner.bins[r * d + f]!;
            gh[b * 3]! += g[r]!;
            gh[b * 3 + 1]! += h[r]!;
            gh[b * 3 + 2]! += 1;
          }
          let gl = 0;
          let hl = 0;
          let nl = 0;
          for (let b = 0; b < B - 1; b++) {
            gl += gh[b * 3]!;
            hl += gh[b * 3 + 1]!;
            nl += gh[b * 3 + 2]!;
            if (nl < minLeaf || m - nl < minLeaf) continue;
            const gr = G - gl;
            const hr = H - hl;
            const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
            if (gain > best.gain) best = { gain, f, t: b };
          }
        }
        if (best.f < 0) continue;
        const goLeft = (r: number): boolean => binner.bins[r * d + best.f]! <= best.t;
        const L = rows.filter(goLeft);
        const R = rows.filter((r) => !goLeft(r));
        const node = nodes[at]!;
        node.feature = best.f;
        node.threshold = best.t;
        node.left = leaf(L, depth + 1);
        node.right = leaf(R, depth + 1);
      }
      for (let i = 0; i < n; i++) {
        let k = 0;
        while (nodes[k]!.feature >= 0) k = binner.bins[i * d + nodes[k]!.feature]! <= nodes[k]!.threshold ? nodes[k]!.left : nodes[k]!.right;
        F[i]! += learningRate * nodes[k]!.value;
      }
      this.trees.push(nodes);
    }
    return this;
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
        while (tree[k]!.feature >= 0) k = bins[tree[k]!.feature]! <= tree[k]!.threshold ? tree[k]!.left : tree[k]!.right;
        z += this.opts.learningRate * tree[k]!.value;
      }
      out[i] = sigmoid(z);
    }
    return out;
  }
}
