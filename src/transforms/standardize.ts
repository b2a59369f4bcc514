/**
 * The standardising vector transform (GenerativeMTD's, Sivakumar et al. 2023 §3; DESIGN.md §3), reversible, between
 * a model table and a network's vectors, laid out as spans (vector-layout.ts): one tanh span per continuous column,
 * then one softmax span (one-hot block) per categorical column (`standardizeSpans`).
 * - Continuous: centred on the real mean and divided by the real standard deviation, then by the largest |z| of
 *   the real data over 0.9, so every real value sits inside ±0.9 where tanh can reach it. (The authors clip the
 *   tanh output to ±1 standard deviation, cutting every tail; this keeps the whole real range reachable.)
 * - Categorical: one-hot; decoded by argmax.
 * Pure TypeScript (no tfjs): plain data in and out, JSON-serialisable state.
 */
import type { CatColumn, Column, NumColumn, Table } from '../core/table.js';
import { makeTable } from '../core/table.js';
import type { ModelColumn } from './model-data.js';
import type { Span } from './vector-layout.js';

/** Real values map into ±REACH (tanh reaches ±1 only asymptotically). */
const REACH = 0.9;
/** Numerical columns with fewer distinct real values than this are snapped to them on output (DESIGN.md §3). */
export const SNAP_BELOW_LEVELS = 10;

/** JSON-serialisable; saved in GenerativeMTD's model files as `transformer` (keep its fields). */
export interface StandardizeState {
  /** Model-table column of each continuous slot, in vector order. */
  numCols: number[];
  center: number[];
  /** x = center + scale · v */
  scale: number[];
  /** One per categorical model column: its table column, first vector slot and number of levels. */
  blocks: { col: number; start: number; size: number }[];
  /** Vector width D. */
  width: number;
  /** Per model column: sorted distinct real values when fewer than SNAP_BELOW_LEVELS (numerical only), else null. */
  snap: (number[] | null)[];
  names: string[];
  levels: (string[] | null)[];
}

export function fitStandardize(table: Table, columns: ModelColumn[]): StandardizeState {
  const numCols: number[] = [];
  const center: number[] = [];
  const scale: number[] = [];
  const snap: (number[] | null)[] = [];
  table.columns.forEach((c, j) => {
    if (c.kind !== 'num') {
      snap.push(null);
      return;
    }
    const v = c.values;
    let mean = 0;
    for (const x of v) mean += x;
    mean /= v.length;
    let ss = 0;
    let far = 0;
    for (const x of v) {
      ss += (x - mean) ** 2;
      far = Math.max(far, Math.abs(x - mean));
    }
    const sd = Math.sqrt(ss / Math.max(1, v.length - 1)) || 1;
    // largest |z| of the real data, mapped to REACH
    const zMax = far / sd || 1;
    numCols.push(j);
    center.push(mean);
    scale.push((sd * zMax) / REACH);
    const distinct = [...new Set(v)].sort((a, b) => a - b);
    snap.push(distinct.length < SNAP_BELOW_LEVELS ? distinct : null);
  });
  let start = numCols.length;
  const blocks: StandardizeState['blocks'] = [];
  table.columns.forEach((c, j) => {
    if (c.kind !== 'cat') return;
    const size = columns[j]?.levels.length ?? c.levels.length;
    blocks.push({ col: j, start, size });
    start += size;
  });
  return {
    numCols,
    center,
    scale,
    blocks,
    width: start,
    snap,
    names: [...table.names],
    levels: table.columns.map((c) => (c.kind === 'cat' ? [...c.levels] : null)),
  };
}

/** Rows of a model table → row-major float32 vectors (n × width). */
export function encodeStandardized(t: StandardizeState, table: Table): Float32Array {
  const n = table.nRows;
  const D = t.width;
  const out = new Float32Array(n * D);
  t.numCols.forEach((j, s) => {
    const v = (table.columns[j] as NumColumn).values;
    const c = t.center[s]!;
    const k = 1 / t.scale[s]!;
    for (let i = 0; i < n; i++) out[i * D + s] = (v[i]! - c) * k;
  });
  for (const b of t.blocks) {
    const codes = (table.columns[b.col] as CatColumn).codes;
    for (let i = 0; i < n; i++) out[i * D + b.start + codes[i]!] = 1;
  }
  return out;
}

/**
 * Vectors (n × width, row-major) → a model table: continuous slots un-scaled (and snapped to the real levels of
 * few-level columns when `snapLevels`), each one-hot block by argmax.
 */
export function decodeStandardized(t: StandardizeState, mat: Float32Array, n: number, snapLevels = true): Table {
  const D = t.width;
  const cols: Column[] = new Array(t.names.length);
  t.numCols.forEach((j, s) => {
    const v = new Float64Array(n);
    const c = t.center[s]!;
    const k = t.scale[s]!;
    const lv = snapLevels ? t.snap[j] : null;
    for (let i = 0; i < n; i++) {
      const x = c + k * mat[i * D + s]!;
      v[i] = lv ? nearest(lv, x) : x;
    }
    cols[j] = { kind: 'num', values: v };
  });
  for (const b of t.blocks) {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < b.size; c++) if (mat[i * D + b.start + c]! > mat[i * D + b.start + best]!) best = c;
      codes[i] = best;
    }
    cols[b.col] = { kind: 'cat', codes, levels: t.levels[b.col]! };
  }
  return makeTable([...t.names], cols);
}

/** The layout of the vectors: a tanh span per continuous slot, then a softmax span per one-hot block. */
export function standardizeSpans(t: StandardizeState): Span[] {
  return [
    ...t.numCols.map((): Span => ({ kind: 'tanh', width: 1 })),
    ...t.blocks.map((b): Span => ({ kind: 'softmax', width: b.size })),
  ];
}

function nearest(levels: number[], x: number): number {
  let best = levels[0]!;
  for (const l of levels) if (Math.abs(l - x) < Math.abs(best - x)) best = l;
  return best;
}
