/**
 * CTGAN's mode-specific normalisation (Xu et al. 2019 §4.2; DESIGN.md §4), the transform of CTGAN and TVAE: a
 * reversible map between a model table and network vectors laid out as spans (vector-layout.ts), column by column:
 * - continuous: a variational Dirichlet-process Gaussian mixture (bayesian-gmm.ts) of at most 10 modes, modes of
 *   weight < 0.005 dropped; a value becomes a tanh span α = (x − μ_k)/(4σ_k), clipped to ±0.99, then a softmax span,
 *   the one-hot of its mode k *sampled* from the value's posterior over the kept modes (not the argmax, so one
 *   value does not always land in the same mode). Modes that cannot represent the value (|α| > 0.99) are left out of
 *   the draw whenever one can, so encode → decode returns every value within 3.96 σ of a kept mode exactly;
 * - categorical: a softmax span, the one-hot of its level.
 * Decoding takes the argmax of each softmax span and inverts α. Plain TypeScript (no tfjs); the state is plain JSON.
 */
import type { Rng } from '../core/rng.js';
import type { CatColumn, Column, NumColumn, Table } from '../core/table.js';
import { makeTable } from '../core/table.js';
import { fitBayesianGmm, responsibilities, type BayesianGmm, type BayesianGmmSpec } from './bayesian-gmm.js';
import type { Span } from './vector-layout.js';

/** Modes lighter than this are dropped (the reference's threshold). */
export const MODE_WEIGHT_THRESHOLD = 0.005;
/** α's bound: tanh can reach it. */
const ALPHA_CLIP = 0.99;
/** α = (x − μ)/(SCALE·σ). */
const SCALE = 4;

/** One continuous column: the kept modes and their slots (α at `start`, the mode one-hot after it). */
export interface ModeColumn {
  kind: 'num';
  col: number;
  start: number;
  means: number[];
  stds: number[];
  weights: number[];
  /** The mixture, for the posterior over the kept modes (`keep` indexes its components). */
  gmm: BayesianGmm;
  keep: number[];
}

/** One categorical column: its one-hot block. */
export interface OneHotColumn {
  kind: 'cat';
  col: number;
  start: number;
  size: number;
}

/** JSON-serialisable; saved in CTGAN's and TVAE's model files. */
export interface ModeNormalizerState {
  columns: (ModeColumn | OneHotColumn)[];
  width: number;
  names: string[];
  levels: (string[] | null)[];
}

function fitModeColumn(values: Float64Array, col: number, start: number, spec: BayesianGmmSpec): ModeColumn {
  const gmm = fitBayesianGmm(values, spec);
  let keep = gmm.weights.flatMap((w, j) => (w > MODE_WEIGHT_THRESHOLD ? [j] : []));
  if (keep.length === 0) keep = [gmm.weights.indexOf(Math.max(...gmm.weights))];
  return {
    kind: 'num',
    col,
    start,
    means: keep.map((j) => gmm.means[j]!),
    stds: keep.map((j) => gmm.stds[j]!),
    weights: keep.map((j) => gmm.weights[j]!),
    gmm,
    keep,
  };
}

/** Fits the transform to a model table (categorical sizes from `levels`, else the column's own levels). */
export function fitModeNormalizer(
  table: Table,
  levels?: readonly (readonly string[] | null)[],
  spec: BayesianGmmSpec = {},
): ModeNormalizerState {
  let start = 0;
  const columns = table.columns.map((c, j): ModeColumn | OneHotColumn => {
    if (c.kind === 'num') {
      const m = fitModeColumn(c.values, j, start, spec);
      start += 1 + m.keep.length;
      return m;
    }
    if (c.kind !== 'cat') throw new TypeError(`column "${table.names[j]}" is neither numerical nor categorical`);
    const size = levels?.[j]?.length ?? c.levels.length;
    const h: OneHotColumn = { kind: 'cat', col: j, start, size };
    start += size;
    return h;
  });
  return {
    columns,
    width: start,
    names: [...table.names],
    levels: table.columns.map((c) => (c.kind === 'cat' ? [...c.levels] : null)),
  };
}

/** The layout: per column in table order, [tanh 1, softmax modes] or [softmax levels]. */
export function modeSpans(t: ModeNormalizerState): Span[] {
  return t.columns.flatMap((c): Span[] =>
    c.kind === 'num'
      ? [
          { kind: 'tanh', width: 1 },
          { kind: 'softmax', width: c.keep.length },
        ]
      : [{ kind: 'softmax', width: c.size }],
  );
}

/** The mode of value x: drawn from its posterior over the modes that reach it (all modes if none does). */
export function drawMode(c: ModeColumn, x: number, rng: Rng): number {
  const reach = c.keep.flatMap((_, m) => (Math.abs(x - c.means[m]!) <= ALPHA_CLIP * SCALE * c.stds[m]! ? [m] : []));
  if (reach.length === 1) {
    rng.next(); // one draw per value whatever the case, so the stream does not depend on the data's spread
    return reach[0]!;
  }
  const cand = reach.length > 0 ? reach : c.keep.map((_, m) => m);
  const p = responsibilities(
    c.gmm,
    x,
    cand.map((m) => c.keep[m]!),
  );
  let u = rng.next();
  for (let i = 0; i < cand.length; i++) {
    u -= p[i]!;
    if (u < 0) return cand[i]!;
  }
  return cand[cand.length - 1]!;
}

/** Rows of a model table → row-major float32 vectors (n × width); one `rng` draw per continuous cell. */
export function encodeModes(t: ModeNormalizerState, table: Table, rng: Rng): Float32Array {
  const n = table.nRows;
  const D = t.width;
  const out = new Float32Array(n * D);
  for (const c of t.columns) {
    if (c.kind === 'cat') {
      const codes = (table.columns[c.col] as CatColumn).codes;
      for (let i = 0; i < n; i++) out[i * D + c.start + codes[i]!] = 1;
      continue;
    }
    const v = (table.columns[c.col] as NumColumn).values;
    for (let i = 0; i < n; i++) {
      const m = drawMode(c, v[i]!, rng);
      const a = (v[i]! - c.means[m]!) / (SCALE * c.stds[m]!);
      out[i * D + c.start] = Math.max(-ALPHA_CLIP, Math.min(ALPHA_CLIP, a));
      out[i * D + c.start + 1 + m] = 1;
    }
  }
  return out;
}

function argmax(mat: ArrayLike<number>, at: number, size: number): number {
  let best = 0;
  for (let c = 1; c < size; c++) if (mat[at + c]! > mat[at + best]!) best = c;
  return best;
}

/** Vectors (n × width, row-major) → a model table: argmax of each softmax span, α inverted (clipped to ±1). */
export function decodeModes(t: ModeNormalizerState, mat: ArrayLike<number>, n: number): Table {
  const D = t.width;
  const cols: Column[] = t.columns.map((c): Column => {
    if (c.kind === 'cat') {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = argmax(mat, i * D + c.start, c.size);
      return { kind: 'cat', codes, levels: t.levels[c.col]! };
    }
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const m = argmax(mat, i * D + c.start + 1, c.keep.length);
      const a = Math.max(-1, Math.min(1, mat[i * D + c.start]!));
      values[i] = a * SCALE * c.stds[m]! + c.means[m]!;
    }
    return { kind: 'num', values };
  });
  return makeTable([...t.names], cols);
}
