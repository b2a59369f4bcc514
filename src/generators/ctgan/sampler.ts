/**
 * CTGAN's conditional vector and training-by-sampling (Xu et al. 2019 §4.3; DESIGN.md §4), on the CPU with a
 * seeded Rng: a condition picks one categorical column uniformly and one of its levels with probability
 * ∝ log(frequency + 1) in training (so rare levels are seen), or ∝ frequency for unconditional sampling; the
 * condition is the one-hot of that level inside a vector of all categorical columns' levels, and the real row the
 * critic sees for it is drawn uniformly among the rows with that level.
 */
import type { Rng } from '../../core/rng.js';
import type { ModeNormalizerState } from '../../transforms/mode-normalizer.js';

/** One categorical column: its span in the data vector and in the conditional vector. */
export interface CondColumn {
  dataStart: number;
  condStart: number;
  size: number;
}

export interface CondBatch {
  /** rows × width, row-major one-hot conditions. */
  cond: Float32Array;
  /** rows × columns: 1 at the chosen column (the generator's cross-entropy is taken there only). */
  mask: Float32Array;
  col: Int32Array;
  level: Int32Array;
}

/** Cumulative distribution of `p` (sums to 1). */
function cumulative(p: number[]): number[] {
  let acc = 0;
  return p.map((x) => (acc += x));
}

function drawFrom(cdf: readonly number[], rng: Rng): number {
  const u = rng.next() * cdf[cdf.length - 1]!;
  for (let i = 0; i < cdf.length; i++) if (u < cdf[i]!) return i;
  return cdf.length - 1;
}

/** What unconditional sampling needs (saved with the model): the columns and each level's frequency. */
export interface CondPrior {
  columns: CondColumn[];
  width: number;
  freq: number[][];
}

/** `rows` one-hot conditions from the plain frequencies (a column uniformly, then a level by frequency). */
export function sampleFromPrior(p: CondPrior, rows: number, rng: Rng): Float32Array {
  const cond = new Float32Array(rows * p.width);
  const k = p.columns.length;
  if (k === 0) return cond;
  const cdfs = p.freq.map(cumulative);
  for (let i = 0; i < rows; i++) {
    const c = rng.int(k);
    cond[i * p.width + p.columns[c]!.condStart + drawFrom(cdfs[c]!, rng)] = 1;
  }
  return cond;
}

export class CondSampler {
  readonly columns: CondColumn[];
  /** Width of the conditional vector (every categorical level). */
  readonly width: number;
  private readonly logCdf: number[][];
  private readonly freq: number[][];
  /** Per column and level, the rows with that level. */
  private readonly rows: Int32Array[][];
  private readonly n: number;

  /** `data`: the encoded rows (n × t.width); levels are read from their one-hot blocks. */
  constructor(t: ModeNormalizerState, data: Float32Array, n: number) {
    this.n = n;
    let condStart = 0;
    this.columns = t.columns.flatMap((c) => {
      if (c.kind !== 'cat') return [];
      const cc = { dataStart: c.start, condStart, size: c.size };
      condStart += c.size;
      return [cc];
    });
    this.width = condStart;
    this.rows = this.columns.map((c) => {
      const lists: number[][] = Array.from({ length: c.size }, () => []);
      for (let i = 0; i < n; i++) {
        let level = 0;
        while (level < c.size - 1 && data[i * t.width + c.dataStart + level] !== 1) level++;
        lists[level]!.push(i);
      }
      return lists.map((l) => Int32Array.from(l));
    });
    this.logCdf = this.rows.map((lv) => {
      const w = lv.map((r) => Math.log(r.length + 1));
      const s = w.reduce((a, b) => a + b, 0);
      return cumulative(w.map((x) => x / s));
    });
    this.freq = this.rows.map((lv) => lv.map((r) => r.length / n));
  }

  /** The frequencies unconditional sampling draws from. */
  prior(): CondPrior {
    return { columns: this.columns.map((c) => ({ ...c })), width: this.width, freq: this.freq.map((f) => [...f]) };
  }

  /** `rows` training conditions: a column uniformly, then a level with probability ∝ log(frequency + 1). */
  sample(rows: number, rng: Rng): CondBatch {
    const k = this.columns.length;
    const cond = new Float32Array(rows * this.width);
    const mask = new Float32Array(rows * k);
    const col = new Int32Array(rows);
    const level = new Int32Array(rows);
    if (k === 0) return { cond, mask, col, level };
    for (let i = 0; i < rows; i++) {
      const c = rng.int(k);
      const l = drawFrom(this.logCdf[c]!, rng);
      col[i] = c;
      level[i] = l;
      mask[i * k + c] = 1;
      cond[i * this.width + this.columns[c]!.condStart + l] = 1;
    }
    return { cond, mask, col, level };
  }

  /** A real row for each (column, level) pair, uniform among the rows with that level; uniform rows when k = 0. */
  realRows(col: Int32Array, level: Int32Array, rng: Rng): Int32Array {
    const out = new Int32Array(col.length);
    for (let i = 0; i < col.length; i++) {
      if (this.columns.length === 0) {
        out[i] = rng.int(this.n);
        continue;
      }
      const pool = this.rows[col[i]!]![level[i]!]!;
      out[i] = pool[rng.int(pool.length)]!;
    }
    return out;
  }
}
