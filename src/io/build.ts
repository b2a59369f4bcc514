/** Parsed cells → the typed columnar `Table` every generator and metric reads, under a schema. */
import { SchemaError } from '../core/errors.js';
import type { ColumnSchema, Schema } from '../core/schema.js';
import { makeTable, type Column, type Table } from '../core/table.js';
import type { ParsedCsv } from './csv.js';
import { parseDate } from './dates.js';
import { deriveColumn, mismatch } from './infer.js';
import { isMissingToken } from './missing.js';
import { parseNumber } from './numbers.js';

/** `num` column of `cells`; a present cell that `parse` rejects throws TYPE_MISMATCH (as refreshSchema would). */
function numColumn(
  parsed: ParsedCsv,
  j: number,
  what: 'numerical' | 'a date',
  parse: (s: string) => number,
  invalidAsMissing = false,
): Column {
  const cells = parsed.columns[j]!;
  const values = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const s = cells[i]!;
    if (isMissingToken(s)) values[i] = NaN;
    else {
      const v = parse(s);
      if (Number.isNaN(v) && !invalidAsMissing) throw mismatch(parsed, parsed.header[j]!, what, s, i);
      values[i] = v;
    }
  }
  return { kind: 'num', values };
}

/** Memoised by cell text: dates repeat, and each parse builds a Date. */
function cached(f: (s: string) => number): (s: string) => number {
  const memo = new Map<string, number>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined) memo.set(s, (v = f(s)));
    return v;
  };
}

function catColumn(c: ColumnSchema, cells: readonly string[]): Column {
  const levels = c.levels ?? [];
  // Numeric labels match by value, so "1.0" in the file is level "1" (labels keep the spelling first seen).
  const numeric = levels.length > 0 && levels.every((l) => !Number.isNaN(parseNumber(l)));
  const index = new Map<string | number, number>();
  levels.forEach((l, k) => {
    const key = numeric ? parseNumber(l) : l;
    if (!index.has(key)) index.set(key, k);
  });
  const codes = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const s = cells[i]!;
    if (isMissingToken(s)) {
      codes[i] = -1;
      continue;
    }
    const k = index.get(numeric ? parseNumber(s) : s);
    if (k === undefined) {
      throw new SchemaError(
        'TYPE_MISMATCH',
        `Column "${c.name}" has a value "${s}" that is not one of its levels in the schema: refresh the schema after editing it.`,
        { column: c.name, value: s },
      );
    }
    codes[i] = k;
  }
  return { kind: 'cat', codes, levels: [...levels] };
}

function textColumn(cells: readonly string[]): Column {
  return { kind: 'text', values: cells.map((s) => (isMissingToken(s) ? null : s)) };
}

/**
 * Typed table under the schema, columns in the schema's order: numerical/datetime → `num` (NaN missing; datetime
 * as ms UTC), categorical/boolean → `cat` with exactly `schema.levels` (−1 missing), id and skipped → `text`.
 * @throws SchemaError TYPE_MISMATCH / UNKNOWN_COLUMN, as `refreshSchema` does.
 */
export function buildTable(parsed: ParsedCsv, schema: Schema): Table {
  const names: string[] = [];
  const cols: Column[] = [];
  for (const c of schema.columns) {
    const j = parsed.header.indexOf(c.name);
    if (j < 0) {
      throw new SchemaError(
        'UNKNOWN_COLUMN',
        `The schema names a column "${c.name}" that the file does not have: reload the file or fix the name.`,
        {
          column: c.name,
        },
      );
    }
    const cells = parsed.columns[j]!;
    names.push(c.name);
    if (c.skip || c.sdtype === 'id') {
      cols.push(textColumn(cells));
      continue;
    }
    if (c.sdtype === 'numerical') {
      // a column typed with a few cells that are not numbers (schema.invalidNumbers) reads them as missing
      const d = c.invalidNumbers === undefined && c.min === undefined ? deriveColumn(parsed, j, 'numerical', c) : c;
      cols.push(numColumn(parsed, j, 'numerical', parseNumber, (d.invalidNumbers ?? 0) > 0));
    } else if (c.sdtype === 'datetime') {
      // The schema's format when it has one (the user may have picked M/D/YYYY), else the detected one.
      const d = c.dateFormat ? c : deriveColumn(parsed, j, 'datetime', c);
      const fmt = d.dateFormat!;
      // a column typed with a few values that are not dates (schema.invalidDates) reads them as missing
      cols.push(
        numColumn(
          parsed,
          j,
          'a date',
          cached((s) => parseDate(s, fmt)),
          (d.invalidDates ?? 0) > 0,
        ),
      );
    } else cols.push(catColumn(c.levels ? c : deriveColumn(parsed, j, c.sdtype, c), cells));
  }
  return makeTable(names, cols);
}
