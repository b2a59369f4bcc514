/**
 * CSV text → header + column-major cells, with every structural problem turned into one clear `CsvError`.
 * Parsing itself is papaparse's (RFC 4180 quoting: embedded delimiters, quotes and newlines); this file adds
 * delimiter detection, line numbers for error messages, and the checks users need explained.
 */
import Papa from 'papaparse';
import type { InputWarning } from './types.js';
import { CsvError } from '../core/errors.js';
import { decodeBytes } from './decode.js';
import { restoreHeader } from './formula.js';
import { parseNumber } from './numbers.js';

/** Largest input accepted, in bytes. @default 100 MiB */
export const MAX_INPUT_BYTES = 100 * 1024 * 1024;

/** Delimiters we try, in order of preference when two fit equally well. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Rows read when guessing the delimiter. @default 200 */
const SNIFF_ROWS = 200;

export interface ParsedCsv {
  header: string[];
  /** Raw cell text per column (column-major), trimmed of surrounding whitespace. */
  columns: string[][];
  nRows: number;
  /** Detected: ',', ';', '\t' or '|'. */
  delimiter: string;
  /** 'utf-8' | 'windows-1252'. */
  encoding: string;
  /** Size of the input in bytes (UTF-8 length for a string input). */
  bytes: number;
  warnings: InputWarning[];
  /** 1-based line of the file where each data row starts (for messages); absent → row i is on line i + 2. */
  lines?: number[];
}

/** Line of the file where data row `i` (0-based) starts. */
export function lineOfRow(parsed: ParsedCsv, i: number): number {
  return parsed.lines?.[i] ?? i + 2;
}

/** Human size: "512 bytes", "12.3 KB", "140.2 MB" (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** UTF-8 length of a string without allocating its encoding. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const DELIM_NAME: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function isBlankRow(row: string[]): boolean {
  for (const f of row) if (f.trim() !== '') return false;
  return true;
}

/**
 * The delimiter that splits the first rows into the same number (> 1) of fields most consistently.
 * Papa's own guesser prefers the delimiter with the most fields, which picks ',' in "1,5;2,5" (decimal commas).
 */
export function detectDelimiter(text: string): string {
  let best: string = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const res = Papa.parse<string[]>(text, { delimiter: d, preview: SNIFF_ROWS, skipEmptyLines: 'greedy' });
    const rows = res.data;
    const n0 = rows[0]?.length ?? 0;
    if (n0 < 2) continue;
    // The last sniffed row may be cut short by `preview` only if the file is longer; count it anyway (cheap noise).
    let same = 0;
    for (const r of rows) if (r.length === n0) same++;
    const score = same / rows.length;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Line breaks inside a field (CRLF counts once), to map papaparse's row index to a line of the file. */
function breaksIn(row: string[]): number {
  let n = 0;
  for (const f of row) {
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 10) n++;
      else if (c === 13 && f.charCodeAt(i + 1) !== 10) n++;
    }
  }
  return n;
}

function quoteName(s: string): string {
  return `"${s}"`;
}

/**
 * A JSON document is not a table: say what it is instead of a quoting error from its first line. A saved LocalSynth
 * model (format 'localsynth-model') gets the way to sample from it.
 */
function notJson(text: string, what: string): void {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return; // not JSON after all: the CSV reader says what is wrong
  }
  if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format === 'localsynth-model') {
    throw new CsvError(
      'NOT_CSV',
      `${what} is a saved LocalSynth model, not a data file: sample from it with "Sample from a saved model…" in the page, or with localsynth generate --load-model <model.json>.`,
    );
  }
  throw new CsvError(
    'NOT_CSV',
    `${what} is a JSON document, not a CSV table: export the table as CSV (a header line, then one line per row).`,
  );
}

/**
 * Decodes (if bytes), detects the delimiter, parses and validates structure.
 * @param opts.maxBytes largest input accepted, in bytes. @default MAX_INPUT_BYTES (100 MiB)
 * @param opts.fileName only used in messages.
 * @throws CsvError EMPTY_FILE, NO_HEADER, NO_DATA_ROWS, RAGGED_ROWS, EMPTY_HEADER_NAME, DUPLICATE_HEADER,
 *   FILE_TOO_LARGE, BINARY_FILE, NOT_CSV (JSON, e.g. a saved model), CSV_PARSE.
 */
export function parseCsv(input: Uint8Array | string, opts: { maxBytes?: number; fileName?: string } = {}): ParsedCsv {
  const maxBytes = opts.maxBytes ?? MAX_INPUT_BYTES;
  const bytes = typeof input === 'string' ? utf8Length(input) : input.length;
  const what = opts.fileName ? `"${opts.fileName}"` : 'The file';
  if (bytes > maxBytes) {
    throw new CsvError(
      'FILE_TOO_LARGE',
      `${what} is ${formatSize(bytes)}; the largest file LocalSynth reads is ${formatSize(maxBytes)}. Use a sample of its rows.`,
      { bytes, maxBytes },
    );
  }
  if (bytes === 0) {
    throw new CsvError('EMPTY_FILE', `${what} is empty (0 bytes): choose a CSV file with a header line and data rows.`);
  }

  let text: string;
  let encoding: string = 'utf-8';
  const warnings: InputWarning[] = [];
  if (typeof input === 'string') {
    text = input;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  } else {
    const dec = decodeBytes(input);
    text = dec.text;
    encoding = dec.encoding;
    warnings.push(...dec.warnings);
  }
  if (text.trim() === '') {
    throw new CsvError(
      'EMPTY_FILE',
      `${what} contains only blank lines or spaces: choose a CSV file with a header line and data rows.`,
    );
  }
  notJson(text, what);

  const delimiter = detectDelimiter(text);
  const res = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const rows = res.data;
  const lineOf = new Array<number>(rows.length);
  let line = 1;
  let quotedBreaks = 0;
  for (let r = 0; r < rows.length; r++) {
    lineOf[r] = line;
    const b = breaksIn(rows[r]!);
    quotedBreaks += b;
    line += 1 + b;
  }
  const quoteErr = res.errors.find((e) => e.type === 'Quotes');
  if (quoteErr) {
    const at = lineOf[quoteErr.row ?? 0] ?? 1;
    throw new CsvError(
      'CSV_PARSE',
      quoteErr.code === 'MissingQuotes'
        ? `A quoted field that starts on line ${at} is never closed: add the missing " (or double any " inside the field).`
        : `Line ${at} has a badly quoted field (text after a closing "): write a " inside a quoted field as "".`,
      { line: at },
    );
  }

  // Blank lines (and lines of only delimiters, as Excel leaves below a table) carry no data.
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
  const headerRow = kept[0]!;
  const dataRows = kept.slice(1);
  let header = rows[headerRow]!.map((h) => h.trim());
  const looksLikeData = header.find((h) => {
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
  if (dataRows.length === 0) {
    throw new CsvError('NO_DATA_ROWS', `${what} has a header line but no data rows: add at least 2 rows of data.`, {
      columns: header.length,
    });
  }

  // Excel writes "a,b," when a column to the right once held something: drop trailing unnamed columns whose
  // cells are all empty. An unnamed column with content is an error below.
  let width = header.length;
  while (width > 1 && header[width - 1] === '') {
    const p = width - 1;
    if (dataRows.some((r) => (rows[r]![p] ?? '').trim() !== '')) break;
    width--;
  }
  const droppedTrailing = header.length - width;
  if (droppedTrailing > 0) {
    header = header.slice(0, width);
  }
  // Names we wrote formula-escaped (`'=x`) read back as they were (`=x`): the exact rule is in formula.ts. After the
  // looks-like-data check, so a name such as `-2`, written `'-2`, reads back instead of being taken for a number.
  header = header.map(restoreHeader);

  const emptyAt = header.flatMap((h, j) => (h === '' ? [j + 1] : []));
  if (emptyAt.length) {
    throw new CsvError(
      'EMPTY_HEADER_NAME',
      `${emptyAt.length === 1 ? `Column ${emptyAt[0]} has` : `Columns ${emptyAt.join(', ')} have`} no name in the header line: give every column a name.`,
      { positions: emptyAt },
    );
  }
  const seen = new Map<string, number[]>();
  header.forEach((h, j) => seen.set(h, [...(seen.get(h) ?? []), j + 1]));
  const dups = [...seen].filter(([, pos]) => pos.length > 1);
  if (dups.length) {
    const list = dups.map(([name, pos]) => `${quoteName(name)} appears at positions ${pos.join(' and ')}`).join('; ');
    throw new CsvError('DUPLICATE_HEADER', `Column names must be unique: ${list}. Rename the duplicates.`, {
      names: dups.map(([n]) => n),
    });
  }

  // Row width: exactly the header's; extra trailing fields are tolerated only when empty ("1,2," under "a,b").
  const bad: { line: number; got: number }[] = [];
  let extraEmpty = 0;
  for (const r of dataRows) {
    const row = rows[r]!;
    let ok = row.length >= width;
    for (let j = width; ok && j < row.length; j++) if (row[j]!.trim() !== '') ok = false;
    if (ok && row.length > width + droppedTrailing) extraEmpty++;
    if (!ok) bad.push({ line: lineOf[r]!, got: row.length });
  }
  if (bad.length) {
    const first = bad.slice(0, 3).map((b) => `line ${b.line} has ${b.got} field${b.got === 1 ? '' : 's'}`);
    const name = DELIM_NAME[delimiter] ?? delimiter;
    throw new CsvError(
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

  const nRows = dataRows.length;
  const columns: string[][] = header.map(() => new Array<string>(nRows));
  for (let i = 0; i < nRows; i++) {
    const row = rows[dataRows[i]!]!;
    for (let j = 0; j < width; j++) columns[j]![i] = (row[j] ?? '').trim();
  }

  if (droppedTrailing > 0 || extraEmpty > 0) {
    warnings.push({
      code: 'TRAILING_EMPTY_COLUMN',
      message:
        'Lines end with an extra delimiter and an empty, unnamed column (as Excel sometimes writes); it was ignored.',
    });
  }
  if (delimiter !== ',') {
    warnings.push({
      code: 'DELIMITER',
      message: `Columns are separated by ${DELIM_NAME[delimiter]}s (${delimiter === '\t' ? 'tab' : `'${delimiter}'`}); the synthetic file uses the same.`,
    });
  }
  if (quotedBreaks > 0) {
    warnings.push({
      code: 'QUOTED_NEWLINES',
      message: 'Some cells contain line breaks (inside quotes); they are kept as they are.',
    });
  }
  if (blankWithDelims > 0) {
    warnings.push({
      code: 'OTHER',
      message: `${blankWithDelims} line${blankWithDelims === 1 ? '' : 's'} with only empty cells ${blankWithDelims === 1 ? 'was' : 'were'} ignored.`,
    });
  }
  const lines = dataRows.map((r) => lineOf[r]!);
  return { header, columns, nRows, delimiter, encoding, bytes, warnings, lines };
}
