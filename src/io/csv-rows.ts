/**
 * The rows of a parsed CSV file: which carry data, whether each has the header's width, and the column-major cells.
 * Split from csv.ts; rows here are papaparse's, indexed as it returned them.
 */
import { CsvError } from '../core/errors.js';

/** The delimiters' names in messages. */
export const DELIM_NAME: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function isBlankRow(row: string[]): boolean {
  for (const f of row) if (f.trim() !== '') return false;
  return true;
}

/**
 * Indices of the rows with content. Blank lines (and lines of only delimiters, as Excel leaves below a table) carry
 * no data; `blankWithDelims` counts the latter, for a warning.
 * @throws CsvError EMPTY_FILE when no row has content.
 */
export function contentRows(rows: string[][], what: string): { kept: number[]; blankWithDelims: number } {
  const kept: number[] = [];
  let blankWithDelims = 0;
  for (let r = 0; r < rows.length; r++) {
    if (isBlankRow(rows[r]!)) {
      if (rows[r]!.length > 1) blankWithDelims++;
    } else kept.push(r);
  }
  if (kept.length === 0) {
    throw new CsvError(
      'EMPTY_FILE',
      `${what} has no cells with content: choose a CSV file with a header line and data rows.`,
    );
  }
  return { kept, blankWithDelims };
}

export interface RowShape {
  /** Number of columns kept (the header's). */
  width: number;
  /** Trailing unnamed, empty columns dropped from the header. */
  droppedTrailing: number;
  delimiter: string;
}

interface BadRow {
  line: number;
  got: number;
}

/** `RAGGED_ROWS` for the rows in `bad`: the first three are named, with the delimiter to check. */
function raggedError(bad: BadRow[], width: number, delimiter: string): CsvError {
  const first = bad.slice(0, 3).map((b) => `line ${b.line} has ${b.got} field${b.got === 1 ? '' : 's'}`);
  const name = DELIM_NAME[delimiter] ?? delimiter;
  return new CsvError(
    'RAGGED_ROWS',
    `Rows have different numbers of fields: ${first.join(', ')}, but the header has ${width} ` +
      `(${bad.length} row${bad.length === 1 ? '' : 's'} in all). Check the ${name} delimiters and the quoting on ${bad.length === 1 ? 'that line' : 'those lines'}.`,
    {
      lines: bad.slice(0, 3).map((b) => b.line),
      found: bad.slice(0, 3).map((b) => b.got),
      expected: width,
      count: bad.length,
    },
  );
}

/**
 * Checks that every data row is exactly the header's width; extra trailing fields are tolerated only when empty
 * ("1,2," under "a,b").
 * @param lineOf 1-based line of the file where each row of `rows` starts.
 * @returns the number of rows with empty fields beyond the columns the header had (for a warning).
 * @throws CsvError RAGGED_ROWS.
 */
export function checkRowWidths(rows: string[][], dataRows: number[], lineOf: number[], shape: RowShape): number {
  const { width, droppedTrailing } = shape;
  const bad: BadRow[] = [];
  let extraEmpty = 0;
  for (const r of dataRows) {
    const row = rows[r]!;
    let ok = row.length >= width;
    for (let j = width; ok && j < row.length; j++) if (row[j]!.trim() !== '') ok = false;
    if (ok && row.length > width + droppedTrailing) extraEmpty++;
    if (!ok) bad.push({ line: lineOf[r]!, got: row.length });
  }
  if (bad.length) throw raggedError(bad, width, shape.delimiter);
  return extraEmpty;
}

/** The first `width` cells of each data row, trimmed, column-major. */
export function buildColumns(rows: string[][], dataRows: number[], width: number): string[][] {
  const nRows = dataRows.length;
  const columns: string[][] = Array.from({ length: width }, () => new Array<string>(nRows));
  for (let i = 0; i < nRows; i++) {
    const row = rows[dataRows[i]!]!;
    for (let j = 0; j < width; j++) columns[j]![i] = (row[j] ?? '').trim();
  }
  return columns;
}
