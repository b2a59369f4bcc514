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

/** Cell texts of one column (missing → ''). */
function cellsOf(col: Column, cs: ColumnSchema | undefined): string[] {
  const n = col.kind === 'cat' ? col.codes.length : col.values.length;
  const out = new Array<string>(n);
  if (col.kind === 'num') {
    const v = col.values;
    if (cs?.sdtype === 'datetime') {
      const pattern = cs.datePattern ?? DEFAULT_PATTERN[cs.dateFormat ?? 'iso-datetime-t'];
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(v[i]!) ? '' : formatDate(v[i]!, pattern);
    } else {
      // Integer columns as whole numbers; others at the input's precision (shortest form, never exponent notation).
      const d = cs?.integer ? 0 : (cs?.decimals ?? 10);
      const f = cs?.numberFormat;
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(v[i]!)) out[i] = '';
        else out[i] = f ? localizeNumber(formatNumber(v[i]!, d), f) : formatNumber(v[i]!, d);
      }
    }
    return out;
  }
  const f = cs?.numberFormat;
  if (col.kind === 'cat') {
    const text = !allNumbers(col.levels);
    const labels = col.levels.map((l) => (text ? escapeFormula(l) : f ? localizeNumber(l, f) : l));
    for (let i = 0; i < n; i++) {
      const k = col.codes[i]!;
      out[i] = k < 0 ? '' : (labels[k] ?? '');
    }
    return out;
  }
  const text = !allNumbers(col.values);
  for (let i = 0; i < n; i++) {
    const s = col.values[i];
    out[i] = s === null || s === undefined ? '' : text ? escapeFormula(s) : f ? localizeNumber(s, f) : s;
  }
  return out;
}

/**
 * CSV text of a table under the schema. Header: `table.names`, formula-escaped reversibly (`escapeHeader`: `=x` is
 * written `'=x`, and `parseCsv` reads it back as `=x`). Numbers rounded to the column's decimals (integers whole),
 * datetimes in the column's pattern, labels exact, missing → empty cell; text cells starting with = + - @ tab or CR
 * are prefixed with ' (numbers in numerical columns never are). Quoting by Papa.unparse.
 * Line ending '\n', no BOM, trailing newline.
 * @param opts.delimiter @default ','
 */
export function writeCsv(table: Table, schema: Schema, opts: { delimiter?: string } = {}): string {
  const byName = new Map(schema.columns.map((c) => [c.name, c]));
  const cols = table.columns.map((c, j) => cellsOf(c, byName.get(table.names[j]!)));
  const rows = new Array<string[]>(table.nRows);
  for (let i = 0; i < table.nRows; i++) rows[i] = cols.map((c) => c[i]!);
  const text = Papa.unparse(
    { fields: table.names.map(escapeHeader), data: rows },
    { delimiter: opts.delimiter ?? ',', newline: '\n', quotes: false },
  );
  return text + '\n';
}

/** The first `n` data rows of a CSV text as arrays of cells (for previews; header names restored); blank lines are skipped. */
export function previewCsv(text: string, n: number): { header: string[]; rows: string[][] } {
  const delimiter = detectDelimiter(text);
  const res = Papa.parse<string[]>(text, { delimiter, preview: n + 1, skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = res.data;
  return { header: header.map(restoreHeader), rows: rows.slice(0, n) };
}
