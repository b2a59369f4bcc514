/**
 * CSV text → header + column-major cells, with every structural problem turned into one clear `CsvError`.
 * Parsing itself is papaparse's (RFC 4180 quoting: embedded delimiters, quotes and newlines); this file adds
 * delimiter detection, line numbers for error messages, and the checks users need explained.
 */
import Papa from 'papaparse';
import type { InputWarning } from './types.js';
import { CsvError } from '../core/errors.js';
import { readHeader } from './csv-header.js';
import { buildColumns, checkRowWidths, contentRows, DELIM_NAME } from './csv-rows.js';
import { decodeBytes } from './decode.js';
import { localizeColumns, type NumberMode } from './locale.js';
import type { NumberFormat } from '../core/schema.js';

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
  /** Per column: the locale number format its cells were rewritten from (locale.ts); absent for plain columns. */
  numberFormats?: (NumberFormat | undefined)[];
}

/** How parseCsv reads the input. */
export interface ParseOptions {
  /** Largest input accepted, in bytes. @default MAX_INPUT_BYTES (100 MiB) */
  maxBytes?: number;
  /** Only used in messages. */
  fileName?: string;
  /** Decimal commas and thousands separators: detected (`auto`), never (`point`) or decimal commas (`comma`). */
  numberMode?: NumberMode;
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

/** Throws `FILE_TOO_LARGE` or `EMPTY_FILE` (0 bytes) before any decoding is spent on the input. */
function checkSize(bytes: number, maxBytes: number, what: string): void {
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
}

interface DecodedInput {
  text: string;
  encoding: string;
  /** The decoder's warnings; parseCsv appends its own after them. */
  warnings: InputWarning[];
}

/**
 * The input as text without a byte-order mark: bytes are decoded (UTF-8, else Windows-1252), a string is taken as is.
 * @throws CsvError BINARY_FILE (from the decoder), EMPTY_FILE when the text is only whitespace.
 */
function decodeInput(input: Uint8Array | string, what: string): DecodedInput {
  let decoded: DecodedInput;
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    decoded = { text, encoding: 'utf-8', warnings: [] };
  } else {
    const dec = decodeBytes(input);
    decoded = { text: dec.text, encoding: dec.encoding, warnings: [...dec.warnings] };
  }
  if (decoded.text.trim() === '') {
    throw new CsvError(
      'EMPTY_FILE',
      `${what} contains only blank lines or spaces: choose a CSV file with a header line and data rows.`,
    );
  }
  return decoded;
}

interface Rows {
  /** papaparse's rows, blank ones included. */
  rows: string[][];
  /** 1-based line of the file where each row starts. */
  lineOf: number[];
  /** Line breaks inside quoted fields, over all rows. */
  quotedBreaks: number;
}

/** Where each row starts in the file: rows are one line each plus the line breaks inside their quoted fields. */
function lineStarts(rows: string[][], firstLine: number): { lineOf: number[]; quotedBreaks: number } {
  const lineOf = new Array<number>(rows.length);
  let line = firstLine;
  let quotedBreaks = 0;
  for (let r = 0; r < rows.length; r++) {
    lineOf[r] = line;
    const b = breaksIn(rows[r]!);
    quotedBreaks += b;
    line += 1 + b;
  }
  return { lineOf, quotedBreaks };
}

/**
 * Splits `text` into rows of fields with papaparse.
 * @throws CsvError CSV_PARSE for a quoted field that is never closed or has text after its closing quote.
 */
function readRows(text: string, delimiter: string, firstLine: number): Rows {
  const res = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const rows = res.data;
  const { lineOf, quotedBreaks } = lineStarts(rows, firstLine);
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
  return { rows, lineOf, quotedBreaks };
}

/** Excel's first line `sep=;` (any one character): the delimiter it names. */
const EXCEL_SEP = /^sep=([^\r\n"])[ \t]*(?:\r\n|\n|\r)/i;

/** Text ready for papaparse: Excel's `sep=` line taken off, mixed CRLF/LF line breaks made LF. */
interface Prepared {
  text: string;
  /** From a `sep=` line, else null (detected). */
  sep: string | null;
  /** Line of the file the text starts on (2 after a `sep=` line). */
  firstLine: number;
  mixedBreaks: boolean;
}

/** Both CRLF and a lone LF end lines outside quoted fields (Excel writes LF inside quoted cells of CRLF files). */
function mixedOutsideQuotes(text: string): boolean {
  let quoted = false;
  let crlf = false;
  let lf = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) {
      if (text.charCodeAt(i - 1) === 13) crlf = true;
      else lf = true;
      if (crlf && lf) return true;
    }
  }
  return false;
}

/**
 * papaparse takes the first line break it sees for the whole file, so a file with both CRLF and LF lines merges
 * rows; such a file has its CRLFs made LF (quoted line breaks included), and says so.
 */
function prepareText(text: string): Prepared {
  const m = EXCEL_SEP.exec(text);
  const body = m ? text.slice(m[0].length) : text;
  const mixedBreaks = body.includes('\r\n') && mixedOutsideQuotes(body);
  return {
    text: mixedBreaks ? body.replace(/\r\n/g, '\n') : body,
    sep: m ? m[1]! : null,
    firstLine: m ? 2 : 1,
    mixedBreaks,
  };
}

/** What parseCsv tolerated and the user should know, in the order they are reported. */
interface Tolerated {
  /** Empty, unnamed trailing columns were ignored. */
  trailingEmpty: boolean;
  delimiter: string;
  quotedBreaks: number;
  blankWithDelims: number;
  sep: string | null;
  mixedBreaks: boolean;
}

/** The warnings for what was tolerated (after the decoder's, which come first). */
function structureWarnings(t: Tolerated): InputWarning[] {
  const warnings: InputWarning[] = [];
  if (t.trailingEmpty) {
    warnings.push({
      code: 'TRAILING_EMPTY_COLUMN',
      message:
        'Lines end with an extra delimiter and an empty, unnamed column (as Excel sometimes writes); it was ignored.',
    });
  }
  if (t.sep !== null) {
    warnings.push({
      code: 'DELIMITER',
      message: `The first line "sep=${t.sep}" (as Excel writes it) names the delimiter; it was used and the line dropped.`,
    });
  }
  if (t.mixedBreaks) {
    warnings.push({
      code: 'LINE_ENDINGS',
      message: 'Lines end with a mix of Windows (CRLF) and Unix (LF) line breaks; both were read as line breaks.',
    });
  }
  if (t.delimiter !== ',') {
    warnings.push({
      code: 'DELIMITER',
      message: `Columns are separated by ${DELIM_NAME[t.delimiter]}s (${t.delimiter === '\t' ? 'tab' : `'${t.delimiter}'`}); the synthetic file uses the same.`,
    });
  }
  if (t.quotedBreaks > 0) {
    warnings.push({
      code: 'QUOTED_NEWLINES',
      message: 'Some cells contain line breaks (inside quotes); they are kept as they are.',
    });
  }
  const n = t.blankWithDelims;
  if (n > 0) {
    warnings.push({
      code: 'OTHER',
      message: `${n} line${n === 1 ? '' : 's'} with only empty cells ${n === 1 ? 'was' : 'were'} ignored.`,
    });
  }
  return warnings;
}

/**
 * Decodes (if bytes), detects the delimiter (or takes Excel's `sep=` line), parses and validates structure, and
 * rewrites locale numbers as plain ones (`opts.numberMode`).
 * @throws CsvError EMPTY_FILE, NO_HEADER, NO_DATA_ROWS, RAGGED_ROWS, EMPTY_HEADER_NAME, DUPLICATE_HEADER,
 *   FILE_TOO_LARGE, BINARY_FILE, NOT_CSV (JSON, e.g. a saved model), CSV_PARSE.
 */
export function parseCsv(input: Uint8Array | string, opts: ParseOptions = {}): ParsedCsv {
  const bytes = typeof input === 'string' ? utf8Length(input) : input.length;
  const what = opts.fileName ? `"${opts.fileName}"` : 'The file';
  checkSize(bytes, opts.maxBytes ?? MAX_INPUT_BYTES, what);
  const { text, encoding, warnings } = decodeInput(input, what);
  notJson(text, what);

  const prep = prepareText(text);
  const delimiter = prep.sep ?? detectDelimiter(prep.text);
  const { rows, lineOf, quotedBreaks } = readRows(prep.text, delimiter, prep.firstLine);
  const { kept, blankWithDelims } = contentRows(rows, what);
  const dataRows = kept.slice(1);
  const { names: header, droppedTrailing } = readHeader(rows, kept[0]!, dataRows, what);
  const width = header.length;
  const extraEmpty = checkRowWidths(rows, dataRows, lineOf, { width, droppedTrailing, delimiter });
  const columns = buildColumns(rows, dataRows, width);

  const trailingEmpty = droppedTrailing > 0 || extraEmpty > 0;
  const { sep, mixedBreaks } = prep;
  warnings.push(...structureWarnings({ trailingEmpty, delimiter, quotedBreaks, blankWithDelims, sep, mixedBreaks }));
  const locale = localizeColumns(header, columns, delimiter, opts.numberMode);
  warnings.push(...locale.warnings);
  const lines = dataRows.map((r) => lineOf[r]!);
  const parsed: ParsedCsv = { header, columns, nRows: dataRows.length, delimiter, encoding, bytes, warnings, lines };
  if (locale.formats.some(Boolean)) parsed.numberFormats = locale.formats;
  return parsed;
}
