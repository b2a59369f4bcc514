/**
 * Bytes → text: strips a UTF-8 byte-order mark, decodes UTF-8 strictly and falls back to Windows-1252 (what Excel on
 * Windows writes for "CSV" in western locales), and refuses files that are plainly not text.
 */
import type { InputWarning } from './types.js';
import { CsvError, LocalSynthError } from '../core/errors.js';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  hadBom: boolean;
  warnings: InputWarning[];
}

/** Bytes scanned for UTF-16 and for control characters when deciding whether a file is binary. @default 8 KiB */
const SNIFF_BYTES = 8192;

/** Magic numbers of formats people drop by mistake, with the advice we give. */
const MAGIC: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'an Excel workbook (.xlsx) or another ZIP archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Excel workbook (.xls)' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database' },
];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

/** Throws `BINARY_FILE` when the bytes are a known non-text format or contain NUL bytes near the start. */
function refuseBinary(bytes: Uint8Array): void {
  for (const m of MAGIC) {
    if (startsWith(bytes, m.bytes)) {
      const excel = m.what.includes('Excel');
      throw new CsvError(
        'BINARY_FILE',
        `This looks like ${m.what}, not a CSV: ${excel ? 'open it in Excel and save it as CSV first' : 'export the data as a CSV file first'}.`,
        { format: m.what },
      );
    }
  }
  // UTF-16 text has NUL bytes too; say so rather than calling it binary.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  // anywhere in the file: a NUL would be copied into the synthetic file's labels otherwise
  const at = bytes.indexOf(0);
  if (at < 0) return;
  if (utf16 && at < SNIFF_BYTES) {
    throw new CsvError(
      'BINARY_FILE',
      'This file is UTF-16 text, which is not supported: save it as "CSV UTF-8" instead.',
      {
        offset: at,
      },
    );
  }
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 10) line++;
  throw new CsvError(
    'BINARY_FILE',
    `This does not look like a text file (it contains a NUL byte at offset ${at}, on line ${line}): a CSV file has none. Remove it, or export the table as CSV again.`,
    { offset: at, line },
  );
}

/** Share of control characters in a text's first 8 KiB above which it is binary data, not text. @default 1% */
const CONTROL_SHARE = 0.01;

/**
 * Throws `BINARY_FILE` when the start of the decoded text is mostly not text: more than `CONTROL_SHARE` of its
 * first 8 KiB characters (and at least 8) are control characters other than tab, line breaks and form feed, or
 * U+FFFD. Random bytes decoded as Windows-1252 have about 14%; text files have next to none.
 */
function refuseControlText(text: string): void {
  const n = Math.min(text.length, SNIFF_BYTES);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) bad++;
  }
  if (bad >= 8 && bad > CONTROL_SHARE * n) {
    throw new CsvError(
      'BINARY_FILE',
      `This does not look like a text file: ${bad} of its first ${n} characters are control characters, as in binary data. Choose a CSV file (a header line, then one line per row).`,
      { controlChars: bad, scanned: n },
    );
  }
}

/**
 * Windows-1252 bytes 0x80–0x9F (the WHATWG Encoding Standard's index; the five unassigned ones map to the C1
 * control of the same value). Decoded by hand because Node's TextDecoder treats the label as ISO-8859-1 in some
 * builds (0x80 comes out as U+0080 instead of €), while browsers follow the standard.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1252 → string (every byte maps to one character). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let o = 0; o < bytes.length; o += CHUNK) {
    const end = Math.min(bytes.length, o + CHUNK);
    const codes = new Array<number>(end - o);
    for (let i = o; i < end; i++) {
      const b = bytes[i]!;
      codes[i - o] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/**
 * Decodes file bytes to text.
 * @throws CsvError `BINARY_FILE` for ZIP/XLSX/XLS/PDF/PNG/…, any NUL byte (with its line), or a start that is
 *   mostly control characters.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  refuseBinary(bytes);
  const warnings: InputWarning[] = [];
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hadBom ? bytes.subarray(3) : bytes;
  if (hadBom) {
    warnings.push({
      code: 'BOM',
      message: 'The file starts with a UTF-8 byte-order mark (as Excel writes it); it was removed.',
    });
  }
  const utf8 = strictUtf8(body);
  if (utf8 !== null) {
    refuseControlText(utf8);
    return { text: utf8, encoding: 'utf-8', hadBom, warnings };
  }
  // Not valid UTF-8: almost always Windows-1252 ("ANSI") from Excel or an old export. Every byte decodes.
  const text = decodeWindows1252(body);
  refuseControlText(text);
  warnings.push({
    code: 'ENCODING',
    message:
      'The file is not valid UTF-8; it was read as Windows-1252 (Western European). Check accented letters, or save it as "CSV UTF-8".',
  });
  return { text, encoding: 'windows-1252', hadBom, warnings };
}

/** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
function strictUtf8(body: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
}

/** The text encoding of a saved model's bytes, by byte-order mark or by NUL bytes beside its opening `{`. */
function modelEncoding(b: Uint8Array): { label: 'utf-8' | 'utf-16le' | 'utf-16be'; skip: number } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { label: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { label: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { label: 'utf-16be', skip: 2 };
  // Windows tools save "Unicode" text as UTF-16, sometimes without a mark: JSON starts with an ASCII character
  if (b.length >= 2 && b[0] !== 0 && b[1] === 0) return { label: 'utf-16le', skip: 0 };
  if (b.length >= 2 && b[0] === 0 && b[1] !== 0) return { label: 'utf-16be', skip: 0 };
  return { label: 'utf-8', skip: 0 };
}

/**
 * A saved model file's bytes → its text, the same in the page and the CLI: UTF-8 with or without a byte-order
 * mark, or UTF-16 (either byte order). Anything else is a BAD_MODEL_FILE that says so.
 */
export function decodeModelBytes(bytes: Uint8Array): string {
  const { label, skip } = modelEncoding(bytes);
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip));
  } catch {
    throw new LocalSynthError(
      'BAD_MODEL_FILE',
      `This is not a saved model: the file is not ${label === 'utf-8' ? 'UTF-8' : 'UTF-16'} text (a model file is JSON text).`,
    );
  }
}
