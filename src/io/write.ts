/** A (synthetic) table → CSV text with the input's header, formats, precision and labels; safe to open in Excel. */
import Papa from 'papaparse';
import type { ColumnSchema, Schema } from '../core/schema.js';
import type { Column, Table } from '../core/table.js';
import { detectDelimiter } from './csv.js';
import { DEFAULT_PATTERN, formatDate } from './dates.js';
import { escapeFormula, escapeHeader, restoreHeader } from './formula.js';
import { localizeNumber } from './locale.js';
import { formatNumber, NUMBER_RE } from './numbers.js';

export { escapeFormula, escapeHeader } from './formula.js';

// number-like text, big integers included: never formula-escaped, localized with the column's number format
const allNumbers = (xs: Iterable<string | null>): boolean => {
  for (const x of xs) if (x !== null && !NUMBER_RE.test(x)) return false;
  return true;
};

/** The cell text of row `i` of one column (missing → ''); per-column work (labels, the text/number test) done once. */
function cellFormatter(col: Column, cs: ColumnSchema | undefined): (i: number) => string {
  if (col.kind === 'num') {
    const v = col.values;
    if (cs?.sdtype === 'datetime') {
      const pattern = cs.datePattern ?? DEFAULT_PATTERN[cs.dateFormat ?? 'iso-datetime-t'];
      return (i) => (Number.isNaN(v[i]!) ? '' : formatDate(v[i]!, pattern));
    }
    // Integer columns as whole numbers; others at the input's precision (shortest form, never exponent notation).
    const d = cs?.integer ? 0 : (cs?.decimals ?? 10);
    const f = cs?.numberFormat;
    if (f) return (i) => (Number.isNaN(v[i]!) ? '' : localizeNumber(formatNumber(v[i]!, d), f));
    return (i) => (Number.isNaN(v[i]!) ? '' : formatNumber(v[i]!, d));
  }
  const f = cs?.numberFormat;
  if (col.kind === 'cat') {
    const text = !allNumbers(col.levels);
    const labels = col.levels.map((l) => (text ? escapeFormula(l) : f ? localizeNumber(l, f) : l));
    const codes = col.codes;
    return (i) => {
      const k = codes[i]!;
      return k < 0 ? '' : (labels[k] ?? '');
    };
  }
  const text = !allNumbers(col.values);
  const values = col.values;
  return (i) => {
    const s = values[i];
    return s === null || s === undefined ? '' : text ? escapeFormula(s) : f ? localizeNumber(s, f) : s;
  };
}

/** Rows per part of `writeCsvChunks`: small enough that no part is a large string, large enough to be few. */
export const DEFAULT_ROWS_PER_CHUNK = 10_000;

/**
 * The CSV text of `writeCsv` in parts of at most `rowsPerChunk` rows each (the first part starts with the header;
 * every part ends with '\n'), so a large table is never one string: the CLI writes the parts to the file one by one
 * and the page makes its download Blob of them. Their concatenation is exactly `writeCsv`'s text.
 * @param opts.delimiter @default ','
 * @param opts.rowsPerChunk @default DEFAULT_ROWS_PER_CHUNK
 */
export function* writeCsvChunks(
  table: Table,
  schema: Schema,
  opts: { delimiter?: string; rowsPerChunk?: number } = {},
): Generator<string, void, undefined> {
  const byName = new Map(schema.columns.map((c) => [c.name, c]));
  const cells = table.columns.map((c, j) => cellFormatter(c, byName.get(table.names[j]!)));
  const fields = table.names.map(escapeHeader);
  const delimiter = opts.delimiter ?? ',';
  const step = Math.max(1, Math.floor(opts.rowsPerChunk ?? DEFAULT_ROWS_PER_CHUNK));
  let start = 0;
  do {
    const end = Math.min(table.nRows, start + step);
    const rows = new Array<string[]>(end - start);
    for (let i = start; i < end; i++) rows[i - start] = cells.map((cell) => cell(i));
    // Papa writes the header (and its line break) only in the first part; later parts are rows under the same fields.
    const text = Papa.unparse({ fields, data: rows }, { delimiter, newline: '\n', quotes: false, header: start === 0 });
    yield text + '\n';
    start = end;
  } while (start < table.nRows);
}

/**
 * CSV text of a table under the schema. Header: `table.names`, formula-escaped reversibly (`escapeHeader`: `=x` is
 * written `'=x`, and `parseCsv` reads it back as `=x`). Numbers rounded to the column's decimals (integers whole),
 * datetimes in the column's pattern, labels exact, missing → empty cell; text cells starting with = + - @ tab or CR
 * are prefixed with ' (numbers in numerical columns never are). Quoting by Papa.unparse.
 * Line ending '\n', no BOM, trailing newline. The parts of `writeCsvChunks`, joined.
 * @param opts.delimiter @default ','
 */
export function writeCsv(table: Table, schema: Schema, opts: { delimiter?: string } = {}): string {
  return [...writeCsvChunks(table, schema, opts)].join('');
}

/** The first `n` data rows of a CSV text as arrays of cells (for previews; header names restored); blank lines are skipped. */
export function previewCsv(text: string, n: number): { header: string[]; rows: string[][] } {
  const delimiter = detectDelimiter(text);
  const res = Papa.parse<string[]>(text, { delimiter, preview: n + 1, skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = res.data;
  return { header: header.map(restoreHeader), rows: rows.slice(0, n) };
}
