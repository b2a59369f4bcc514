/**
 * A fast random forest (Breiman 2001) for the utility and detection scores.
 *
 * Why not ml-random-forest: measured here, it takes 2.3 s per 100-tree classifier and 6.6 s per regressor on
 * ~500 rows, and it samples features once per tree rather than per split. A report fits ~24 forests, so that would
 * be minutes. This one pre-bins each feature into at most 64 quantile bins and grows trees from per-node
 * histograms (as LightGBM / sklearn's HistGradientBoosting do), with bootstrap rows and √d (classification) or all
 * (regression, sklearn's default) candidate features per split; leaves hold class frequencies or the mean.
 */
import type { Rng } from '../../core/rng.js';
import type { Design } from './design.js';
import { Binner, MAX_BINS } from '../../transforms/quantile-bins.js';


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
    }
    return this;
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

  private grow(bins: Uint8Array, nBins: number[], y: ArrayLike<number>, rootRows: Int32Array, mtry: number, rng: Rng): Node[] {
    const nodes: Node[] = [];
    const C = this.opts.classes;
    const d = this.d;
    const stack: { rows: Int32Array; depth: number; at: number }[] = [];
    const make = (rows: Int32Array, depth: number): number => {
      nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: this.leafValue(y, rows) });
      stack.push({ rows, depth, at: nodes.length - 1 });
      return nodes.length - 1;
    };
    make(rootRows, 0);
    const feats = Int32Array.from({ length: d }, (_, i) => i);
    // histogram buffers reused by every node (allocating per node and feature dominated the run time)
    const hC = new Float64Array(MAX_BINS * Math.max(1, C));
    const hN = new Float64Array(MAX_BINS);
    const left = new Float64Array(Math.max(1, C));
    const total = new Float64Array(Math.max(1, C));
    const touched = new Int32Array(MAX_BINS);
    while (stack.length) {
      const { rows, depth, at } = stack.pop()!;
      const m = rows.length;
      if (m < 2 * this.opts.minLeaf || depth >= this.opts.maxDepth) continue;
      const node = nodes[at]!;
      if (C > 0 && node.value.some((p) => p === 1)) continue; // pure
      let best = { gain: 1e-12, f: -1, t: -1 };
      // parent impurity terms
      let parent: number;
      if (C > 0) {
        let g = 0;
        for (const p of node.value) g += p * p;
        parent = m * (1 - g);
      } else {
        let s = 0;
        let q = 0;
        for (const r of rows) {
          s += y[r]!;
          q += y[r]! * y[r]!;
        }
        parent = q - (s * s) / m;
        if (parent <= 1e-12) continue;
      }
      // mtry features by partial shuffle
      for (let k = 0; k < mtry; k++) {
        const j = k + rng.int(d - k);
        const tmp = feats[k]!;
        feats[k] = feats[j]!;
        feats[j] = tmp;
        const f = feats[k]!;
        const B = nBins[f]!;
        if (B < 2) continue;
        // histogram of the node's rows over this feature's bins; only the touched bins are scanned and reset
        // (deep nodes have a handful of rows, and clearing/scanning all 64 bins there dominated the run time)
        let nt = 0;
        const h = hC;
        const cnt = hN;
        for (let i = 0; i < m; i++) {
          const r = rows[i]!;
          const b = bins[r * d + f]!;
          if (cnt[b] === 0) touched[nt++] = b;
          cnt[b]!++;
          if (C > 0) h[b * C + y[r]!]!++;
          else h[b]! += y[r]!;
        }
        const tb = touched.subarray(0, nt).sort();
        if (C > 0) {
          left.fill(0);
          let nl = 0;
          for (let c = 0; c < C; c++) total[c] = node.value[c]! * m;
          for (let t = 0; t < nt - 1; t++) {
            const b = tb[t]!;
            nl += cnt[b]!;
            for (let c = 0; c < C; c++) left[c]! += h[b * C + c]!;
            const nr = m - nl;
            if (nl < this.opts.minLeaf || nr < this.opts.minLeaf) continue;
            let gl = 0;
            let gr = 0;
            for (let c = 0; c < C; c++) {
              gl += left[c]! * left[c]!;
              const rc = total[c]! - left[c]!;
              gr += rc * rc;
            }
            // Gini: parent − (n_l·G_l + n_r·G_r)
            const gain = parent - (nl - gl / nl + (nr - gr / nr));
            if (gain > best.gain) best = { gain, f, t: b };
          }
          for (let t = 0; t < nt; t++) {
            cnt[tb[t]!] = 0;
            h.fill(0, tb[t]! * C, tb[t]! * C + C);
          }
        } else {
          let tot = 0;
          for (let t = 0; t < nt; t++) tot += h[tb[t]!]!;
          let sl = 0;
          let nl = 0;
          for (let t = 0; t < nt - 1; t++) {
            const b = tb[t]!;
            sl += h[b]!;
            nl += cnt[b]!;
            const nr = m - nl;
            if (nl < this.opts.minLeaf || nr < this.opts.minLeaf) continue;
            const sr = tot - sl;
            // SSE reduction = sl²/nl + sr²/nr − tot²/m
            const gain = (sl * sl) / nl + (sr * sr) / nr - (tot * tot) / m;
            if (gain > best.gain) best = { gain, f, t: b };
          }
          for (let t = 0; t < nt; t++) {
            cnt[tb[t]!] = 0;
            h[tb[t]!] = 0;
          }
        }
      }
      if (best.f < 0) continue;
      let nl = 0;
      const off = best.f;
      for (let i = 0; i < m; i++) if (bins[rows[i]! * d + off]! <= best.t) nl++;
      const L = new Int32Array(nl);
      const R = new Int32Array(m - nl);
      let a = 0;
      let b = 0;
      for (let i = 0; i < m; i++) {
        const r = rows[i]!;
        if (bins[r * d + off]! <= best.t) L[a++] = r;
        else R[b++] = r;
      }
      node.feature = best.f;
      node.threshold = best.t;
      node.left = make(L, depth + 1);
      node.right = make(R, depth + 1);
    }
    return nodes;
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
        while (tree[k]!.feature >= 0) k = bins[tree[k]!.feature]! <= tree[k]!.threshold ? tree[k]!.left : tree[k]!.right;
        const v = tree[k]!.value;
        for (let c = 0; c < width; c++) out[i * width + c]! += v[c]! / this.trees.length;
      }
    }
    return out;
  }
}
