/**
 * The header line of a CSV file: the checks that it is a header at all, that every column has a unique name, and
 * the tidying of Excel's trailing unnamed columns. Split from csv.ts, which calls `readHeader` once per file.
 */
import { CsvError } from '../core/errors.js';
import { restoreHeader } from './formula.js';
import { parseNumber } from './numbers.js';

export interface Header {
  /** Column names, trimmed, formula escapes undone, trailing empty unnamed columns dropped. */
  names: string[];
  /** Trailing unnamed columns dropped because all their cells were empty. */
  droppedTrailing: number;
}

function quoteName(s: string): string {
  return `"${s}"`;
}

/** Throws `NO_HEADER` when a name parses as a number; plain integers pass, as years or codes are common names. */
function refuseDataAsHeader(names: string[]): void {
  const looksLikeData = names.find((h) => {
    const v = parseNumber(h);
    return !Number.isNaN(v) && !/^\d+$/.test(h);
  });
  if (looksLikeData !== undefined) {
    throw new CsvError(
      'NO_HEADER',
      `The first line looks like data, not column names (${quoteName(looksLikeData)} is a number): add a header line with one name per column.`,
      { name: looksLikeData },
    );
  }
}

/**
 * Excel writes "a,b," when a column to the right once held something: the width once trailing unnamed columns whose
 * cells are all empty are dropped. An unnamed column with content stays, to be reported by `refuseBadNames`.
 */
function widthWithoutTrailing(names: string[], rows: string[][], dataRows: number[]): number {
  let width = names.length;
  while (width > 1 && names[width - 1] === '') {
    const p = width - 1;
    if (dataRows.some((r) => (rows[r]![p] ?? '').trim() !== '')) break;
    width--;
  }
  return width;
}

/** Throws `EMPTY_HEADER_NAME` for unnamed columns, then `DUPLICATE_HEADER` for names given more than once. */
function refuseBadNames(names: string[]): void {
  const emptyAt = names.flatMap((h, j) => (h === '' ? [j + 1] : []));
  if (emptyAt.length) {
    throw new CsvError(
      'EMPTY_HEADER_NAME',
      `${emptyAt.length === 1 ? `Column ${emptyAt[0]} has` : `Columns ${emptyAt.join(', ')} have`} no name in the header line: give every column a name.`,
      { positions: emptyAt },
    );
  }
  const seen = new Map<string, number[]>();
  names.forEach((h, j) => seen.set(h, [...(seen.get(h) ?? []), j + 1]));
  const dups = [...seen].filter(([, pos]) => pos.length > 1);
  if (dups.length) {
    const list = dups.map(([name, pos]) => `${quoteName(name)} appears at positions ${pos.join(' and ')}`).join('; ');
    throw new CsvError('DUPLICATE_HEADER', `Column names must be unique: ${list}. Rename the duplicates.`, {
      names: dups.map(([n]) => n),
    });
  }
}

/**
 * The header of `rows`, read from row `headerRow`, with `dataRows` the rows below it that carry data.
 * @param what the file as messages name it ("The file" or its quoted name).
 * @throws CsvError NO_HEADER, NO_DATA_ROWS, EMPTY_HEADER_NAME, DUPLICATE_HEADER (checked in that order).
 */
export function readHeader(rows: string[][], headerRow: number, dataRows: number[], what: string): Header {
  const trimmed = rows[headerRow]!.map((h) => h.trim());
  refuseDataAsHeader(trimmed);
  if (dataRows.length === 0) {
    throw new CsvError('NO_DATA_ROWS', `${what} has a header line but no data rows: add at least 2 rows of data.`, {
      columns: trimmed.length,
    });
  }
  const width = widthWithoutTrailing(trimmed, rows, dataRows);
  // Names we wrote formula-escaped (`'=x`) read back as they were (`=x`): the exact rule is in formula.ts. After the
  // looks-like-data check, so a name such as `-2`, written `'-2`, reads back instead of being taken for a number.
  const names = trimmed.slice(0, width).map(restoreHeader);
  refuseBadNames(names);
  return { names, droppedTrailing: trimmed.length - width };
}
