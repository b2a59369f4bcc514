/**
 * Turns a user table into the complete, typed matrix a generator models, and back (DESIGN.md §1):
 * - `id` columns are not modelled and come back as fresh unique values; skipped columns are dropped;
 * - constant columns (one value, or all missing) are not modelled and come back as that constant;
 * - a numerical column with some missing cells becomes a value column (missing filled with the median)
 *   plus a two-level missing-indicator column, so missingness is generated conditioned on the row like any other
 *   column; a categorical column with missing cells gets one more level that stands for "missing".
 * Generators see only `num` (no NaN) and `cat` (no −1) columns.
 */
import type { ColumnSchema, Schema, TaskType } from '../core/schema.js';
import { taskOf } from '../core/schema.js';
import { SchemaError } from '../core/errors.js';
import type { CatColumn, Column, NumColumn, Table } from '../core/table.js';
import { getColumn, makeTable } from '../core/table.js';
import { median } from '../core/stats.js';

/** Label of the extra level that stands for a missing categorical cell inside the model. */
export const MISSING_LEVEL = '\u0000missing';
export const INDICATOR_LEVELS = ['present', 'missing'];

export interface ModelColumn {
  /** Name in the model table (the source name, or `<source>␟missing` for an indicator). */
  name: string;
  /** Column of the user's table this one comes from. */
  source: string;
  role: 'value' | 'missing-indicator';
  kind: 'num' | 'cat';
  /** num: whole numbers only. */
  integer: boolean;
  /** num: legal range (the real data's min/max). */
  min: number;
  max: number;
  /** cat: labels; the last one is `MISSING_LEVEL` when the source had missing cells. */
  levels: string[];
}

export interface ModelData {
  table: Table;
  columns: ModelColumn[];
  /** Index of the target in `columns`, or −1. */
  target: number;
  task: TaskType | null;
}

type OutputPlan =
  | { kind: 'model'; schema: ColumnSchema; value: number; indicator: number; constValue?: number }
  | { kind: 'const-num'; schema: ColumnSchema; value: number }
  | { kind: 'const-cat'; schema: ColumnSchema; code: number }
  | { kind: 'id'; schema: ColumnSchema; numericFrom: number | null; width: number };

/** The reversible mapping between a user table and its model matrix. Plain data: survives JSON. */
export interface ModelLayout {
  outputs: OutputPlan[];
  columns: ModelColumn[];
  target: number;
  task: TaskType | null;
}

/** The modelled columns as they are built: names, columns and metadata in step. */
interface Modelled {
  names: string[];
  cols: Column[];
  meta: ModelColumn[];
}

function addModelled(m: Modelled, col: Column, meta: ModelColumn): number {
  m.names.push(meta.name);
  m.cols.push(col);
  m.meta.push(meta);
  return m.meta.length - 1;
}

/** Builds the model matrix of `table` under `schema`. */
export function encodeForModel(table: Table, schema: Schema): { data: ModelData; layout: ModelLayout } {
  const m: Modelled = { names: [], cols: [], meta: [] };
  const outputs: OutputPlan[] = [];
  let target = -1;
  for (const cs of schema.columns) {
    if (cs.skip) continue;
    const col = getColumn(table, cs.name);
    const isTarget = cs.name === schema.target;
    if (cs.sdtype === 'id') outputs.push(idPlan(cs, col));
    else if (col.kind === 'num') outputs.push(encodeNum(m, cs, col, isTarget));
    else if (col.kind === 'cat') outputs.push(encodeCat(m, cs, col, isTarget));
    else
      throw new SchemaError(
        'BAD_TYPE',
        `Column "${cs.name}" holds text that is not a category; mark it as id or skip it.`,
        { column: cs.name },
      );
    const plan = outputs[outputs.length - 1]!;
    if (isTarget && plan.kind === 'model' && plan.value >= 0) target = plan.value;
  }
  const { names, cols, meta } = m;
  if (meta.length === 0) {
    throw new SchemaError(
      'NOTHING_TO_MODEL',
      'No column is left to model: every column is skipped, an id, or constant. Include at least one column with varying values.',
    );
  }
  if (schema.target && target < 0 && !schema.columns.find((c) => c.name === schema.target)?.skip) {
    // target is an id column or missing from the table
    throw new SchemaError(
      'TARGET_NOT_MODELLED',
      `The target "${schema.target}" is not a modelled column (is it an id?). Pick a numerical or categorical target.`,
      { column: schema.target },
    );
  }
  const task = target >= 0 ? taskOf(schema) : null;
  const data: ModelData = { table: makeTable(names, cols), columns: meta, target, task };
  return { data, layout: { outputs, columns: meta, target, task } };
}

/** A numerical column: a value column (missing filled with the median) and/or a missing-indicator, or a constant. */
function encodeNum(m: Modelled, cs: ColumnSchema, col: NumColumn, isTarget: boolean): OutputPlan {
  const v = col.values;
  let nMiss = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isNaN(x)) nMiss++;
    else {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const allMissing = nMiss === v.length;
  let valueIdx = -1;
  let indicatorIdx = -1;
  if (!allMissing && hi > lo) {
    const fill = median(v, 0);
    const filled = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) filled[i] = Number.isNaN(v[i]!) ? fill : v[i]!;
    const integer = cs.sdtype === 'datetime' ? true : !!cs.integer;
    valueIdx = addModelled(
      m,
      { kind: 'num', values: filled },
      { name: cs.name, source: cs.name, role: 'value', kind: 'num', integer, min: lo, max: hi, levels: [] },
    );
  }
  if (nMiss > 0 && nMiss < v.length) {
    const codes = new Int32Array(v.length);
    for (let i = 0; i < v.length; i++) codes[i] = Number.isNaN(v[i]!) ? 1 : 0;
    const name = cs.name + '\u241fmissing';
    const meta: ModelColumn = {
      name,
      source: cs.name,
      role: 'missing-indicator',
      kind: 'cat',
      integer: true,
      min: 0,
      max: 1,
      levels: INDICATOR_LEVELS,
    };
    indicatorIdx = addModelled(m, { kind: 'cat', codes, levels: INDICATOR_LEVELS }, meta);
  }
  if (valueIdx >= 0) return { kind: 'model', schema: cs, value: valueIdx, indicator: indicatorIdx };
  if (isTarget) {
    throw new SchemaError(
      'TARGET_ONE_CLASS',
      `The target column "${cs.name}" has a single value: there is nothing to predict. Pick another target or none.`,
      { column: cs.name },
    );
  }
  // a constant value: with some missing cells only the missingness is modelled
  return indicatorIdx >= 0
    ? { kind: 'model', schema: cs, value: -1, indicator: indicatorIdx, constValue: lo }
    : { kind: 'const-num', schema: cs, value: allMissing ? NaN : lo };
}

/** A categorical column (a missing cell becomes a level of its own), or a constant when one level is used. */
function encodeCat(m: Modelled, cs: ColumnSchema, col: CatColumn, isTarget: boolean): OutputPlan {
  const hasMissing = col.codes.some((c) => c < 0);
  const levels = hasMissing ? [...col.levels, MISSING_LEVEL] : col.levels;
  const used = new Set<number>();
  const codes = new Int32Array(col.codes.length);
  for (let i = 0; i < codes.length; i++) {
    codes[i] = col.codes[i]! < 0 ? col.levels.length : col.codes[i]!;
    used.add(codes[i]!);
  }
  if (used.size <= 1) {
    if (isTarget) {
      throw new SchemaError(
        'TARGET_ONE_CLASS',
        `The target column "${cs.name}" has only one class ("${col.levels[codes[0] ?? 0] ?? 'missing'}"): a classifier needs at least two. Pick another target or none.`,
        { column: cs.name },
      );
    }
    const c0 = codes.length ? codes[0]! : levels.length - 1;
    return { kind: 'const-cat', schema: cs, code: c0 >= col.levels.length ? -1 : c0 };
  }
  const meta: ModelColumn = {
    name: cs.name,
    source: cs.name,
    role: 'value',
    kind: 'cat',
    integer: true,
    min: 0,
    max: levels.length - 1,
    levels,
  };
  const idx = addModelled(m, { kind: 'cat', codes, levels }, meta);
  return { kind: 'model', schema: cs, value: idx, indicator: -1 };
}

function idPlan(cs: ColumnSchema, col: Column): OutputPlan {
  let numericFrom: number | null = null;
  let width = 0;
  const vals: string[] = [];
  if (col.kind === 'num') {
    let hi = -Infinity;
    for (const x of col.values) if (!Number.isNaN(x) && x > hi) hi = x;
    numericFrom = Number.isFinite(hi) && Number.isInteger(hi) ? hi + 1 : 1;
  } else if (col.kind === 'text') {
    for (const v of col.values) if (v !== null) vals.push(v);
    // whole-number ids continue their sequence, unless beyond 2^53 where doubles would repeat them
    if (vals.length && vals.every((v) => /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)))) {
      numericFrom = Math.max(...vals.map(Number)) + 1;
    }
    width = Math.max(0, ...vals.map((v) => v.length));
  } else {
    width = Math.max(0, ...col.levels.map((v) => v.length));
  }
  return { kind: 'id', schema: cs, numericFrom, width };
}

/**
 * Maps a sampled model matrix back to a user table (schema order, skipped columns left out): missing cells
 * restored from indicators, numbers clipped to the real range and integers rounded, ids regenerated.
 */
export function decodeFromModel(model: Table, layout: ModelLayout): Table {
  const n = model.nRows;
  const names: string[] = [];
  const cols: Column[] = [];
  for (const out of layout.outputs) {
    const cs = out.schema;
    names.push(cs.name);
    if (out.kind === 'id') {
      const values: (string | null)[] = new Array(n);
      for (let i = 0; i < n; i++) {
        values[i] =
          out.numericFrom !== null
            ? String(out.numericFrom + i)
            : 'syn-' + String(i + 1).padStart(Math.max(6, String(n).length), '0');
      }
      cols.push({ kind: 'text', values });
      continue;
    }
    if (out.kind === 'const-num') {
      cols.push({ kind: 'num', values: new Float64Array(n).fill(out.value) });
      continue;
    }
    if (out.kind === 'const-cat') {
      cols.push({ kind: 'cat', codes: new Int32Array(n).fill(out.code), levels: cs.levels ?? [] });
      continue;
    }
    const ind = out.indicator >= 0 ? (model.columns[out.indicator] as CatColumn).codes : null;
    if (out.value < 0) {
      const c = out.constValue ?? NaN;
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = ind && ind[i] === 1 ? NaN : c;
      cols.push({ kind: 'num', values: v });
      continue;
    }
    const m = layout.columns[out.value]!;
    const src = model.columns[out.value]!;
    if (m.kind === 'num') {
      const sv = (src as NumColumn).values;
      const v = new Float64Array(n);
      // the input's precision, applied here (not only when writing) so reports score exactly what is downloaded
      const decimals =
        cs.sdtype === 'numerical' && !m.integer && cs.decimals !== undefined ? Math.min(20, cs.decimals) : -1;
      for (let i = 0; i < n; i++) {
        let x = sv[i]!;
        if (Number.isNaN(x)) x = (m.min + m.max) / 2;
        x = Math.min(m.max, Math.max(m.min, x));
        if (m.integer) x = Math.round(x);
        else if (decimals >= 0) x = Number(x.toFixed(decimals));
        v[i] = ind && ind[i] === 1 ? NaN : x;
      }
      cols.push({ kind: 'num', values: v });
    } else {
      const sc = (src as CatColumn).codes;
      const nLevels = cs.levels?.length ?? 0;
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const c = sc[i]!;
        codes[i] = c >= nLevels || c < 0 ? -1 : c;
      }
      cols.push({ kind: 'cat', codes, levels: cs.levels ?? [] });
    }
  }
  return makeTable(names, cols);
}
