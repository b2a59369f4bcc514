/**
 * Columnar table with typed arrays: the one data structure every generator, metric and writer shares.
 * Missing values: NaN in numerical columns, code −1 in categorical ones, null in text ones.
 */

/** Numbers (numerical, datetime as ms). NaN = missing. */
export interface NumColumn {
  kind: 'num';
  values: Float64Array;
}
/** Codes into `levels` (categorical, boolean). −1 = missing. */
export interface CatColumn {
  kind: 'cat';
  codes: Int32Array;
  levels: string[];
}
/** Free text kept as is (id columns). null = missing. */
export interface TextColumn {
  kind: 'text';
  values: (string | null)[];
}
export type Column = NumColumn | CatColumn | TextColumn;

export interface Table {
  readonly names: string[];
  readonly columns: Column[];
  readonly nRows: number;
}

export function makeTable(names: string[], columns: Column[]): Table {
  if (names.length !== columns.length)
    throw new Error(`makeTable: ${names.length} names for ${columns.length} columns`);
  const nRows = columns.length ? columnLength(columns[0]!) : 0;
  for (let j = 0; j < columns.length; j++) {
    if (columnLength(columns[j]!) !== nRows) {
      throw new Error(`makeTable: column ${names[j]} has ${columnLength(columns[j]!)} rows, expected ${nRows}`);
    }
  }
  return { names, columns, nRows };
}

export function columnLength(c: Column): number {
  return c.kind === 'num' ? c.values.length : c.kind === 'cat' ? c.codes.length : c.values.length;
}

/** Rows `idx` of a table, in that order (repeats allowed). */
export function takeRows(t: Table, idx: ArrayLike<number>): Table {
  const n = idx.length;
  const cols = t.columns.map((c): Column => {
    if (c.kind === 'num') {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = c.values[idx[i]!]!;
      return { kind: 'num', values: v };
    }
    if (c.kind === 'cat') {
      const v = new Int32Array(n);
      for (let i = 0; i < n; i++) v[i] = c.codes[idx[i]!]!;
      return { kind: 'cat', codes: v, levels: c.levels };
    }
    const v: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) v[i] = c.values[idx[i]!]!;
    return { kind: 'text', values: v };
  });
  return makeTable([...t.names], cols);
}

/** Stacks tables with the same names and column kinds (categorical levels must be the same list). */
export function concatTables(parts: Table[]): Table {
  if (parts.length === 0) throw new Error('concatTables: nothing to concatenate');
  const first = parts[0]!;
  const n = parts.reduce((s, p) => s + p.nRows, 0);
  const cols = first.columns.map((c0, j): Column => {
    if (c0.kind === 'num') {
      const v = new Float64Array(n);
      let o = 0;
      for (const p of parts) {
        v.set((p.columns[j] as NumColumn).values, o);
        o += p.nRows;
      }
      return { kind: 'num', values: v };
    }
    if (c0.kind === 'cat') {
      const v = new Int32Array(n);
      let o = 0;
      for (const p of parts) {
        v.set((p.columns[j] as CatColumn).codes, o);
        o += p.nRows;
      }
      return { kind: 'cat', codes: v, levels: c0.levels };
    }
    const v: (string | null)[] = [];
    for (const p of parts) v.push(...(p.columns[j] as TextColumn).values);
    return { kind: 'text', values: v };
  });
  return makeTable([...first.names], cols);
}

/** A subset of columns by name, in the given order. */
export function selectColumns(t: Table, names: string[]): Table {
  return makeTable(
    [...names],
    names.map((n) => {
      const j = t.names.indexOf(n);
      if (j < 0) throw new Error(`selectColumns: no column ${n}`);
      return t.columns[j]!;
    }),
  );
}

export function getColumn(t: Table, name: string): Column {
  const j = t.names.indexOf(name);
  if (j < 0) throw new Error(`no column ${name}`);
  return t.columns[j]!;
}

/** Is cell i of column c missing? */
export function isMissing(c: Column, i: number): boolean {
  return c.kind === 'num' ? Number.isNaN(c.values[i]!) : c.kind === 'cat' ? c.codes[i]! < 0 : c.values[i] === null;
}

/** ArrayBuffers of a table, for `transfer()` across the worker boundary. */
export function tableBuffers(t: Table): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of t.columns) {
    if (c.kind === 'num') out.push(c.values.buffer as ArrayBuffer);
    else if (c.kind === 'cat') out.push(c.codes.buffer as ArrayBuffer);
  }
  return out;
}
