/** Parsed cells → the typed columnar `Table` every generator and metric reads, under a schema. */
import { SchemaError } from '../core/errors.js';
import type { ColumnSchema, Schema } from '../core/schema.js';
import { makeTable, type Column, type Table } from '../core/table.js';
import type { ParsedCsv } from './csv.js';
import { parseDate } from './dates.js';
import { deriveColumn } from './infer.js';
import { isMissingToken } from './missing.js';
import { parseNumber } from './numbers.js';

function numColumn(cells: readonly string[], parse: (s: string) => number): Column {
  const values = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const s = cells[i]!;
    values[i] = isMissingToken(s) ? NaN : parse(s);
  }
  return { kind: 'num', values };
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
      throw new SchemaError('UNKNOWN_COLUMN', `The schema names a column "${c.name}" that the file does not have: reload the file or fix the name.`, {
        column: c.name,
      });
    }
    const cells = parsed.columns[j]!;
    names.push(c.name);
    if (c.skip || c.sdtype === 'id') {
      cols.push(textColumn(cells));
      continue;
    }
    // The same checks as refreshSchema (a cell that is not a number / not a date throws TYPE_MISMATCH).
    const fresh = deriveColumn(parsed, j, c.sdtype, c);
    if (c.sdtype === 'numerical') cols.push(numColumn(cells, parseNumber));
    else if (c.sdtype === 'datetime') {
      const fmt = fresh.dateFormat!;
      cols.push(numColumn(cells, (s) => parseDate(s, fmt)));
    } else cols.push(catColumn(c.levels ? c : fresh, cells));
  }
  return makeTable(names, cols);
}
