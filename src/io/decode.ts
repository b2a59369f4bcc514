/**
 * Bytes → text: strips a UTF-8 byte-order mark, decodes UTF-8 strictly and falls back to Windows-1252 (what Excel on
 * Windows writes for "CSV" in western locales), and refuses files that are plainly not text.
 */
import type { InputWarning } from '../api/types.js';
import { CsvError } from '../core/errors.js';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  hadBom: boolean;
  warnings: InputWarning[];
}

/** Bytes scanned for NUL bytes when deciding whether a file is binary. @default 8 KiB */
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
  const n = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      throw new CsvError(
        'BINARY_FILE',
        utf16
          ? 'This file is UTF-16 text, which is not supported: save it as "CSV UTF-8" instead.'
          : `This does not look like a text file (it contains a NUL byte at offset ${i}): choose a CSV file.`,
        { offset: i },
      );
    }
  }
}

/**
 * Decodes file bytes to text.
 * @throws CsvError `BINARY_FILE` for ZIP/XLSX/XLS/PDF/PNG/… or any NUL byte in the first 8 KiB.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  refuseBinary(bytes);
  const warnings: InputWarning[] = [];
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hadBom ? bytes.subarray(3) : bytes;
  if (hadBom) {
    warnings.push({ code: 'BOM', message: 'The file starts with a UTF-8 byte-order mark (as Excel writes it); it was removed.' });
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: 'utf-8', hadBom, warnings };
  } catch {
    // Not valid UTF-8: almost always Windows-1252 ("ANSI") from Excel or an old export. Every byte decodes.
    const text = new TextDecoder('windows-1252').decode(body);
    warnings.push({
      code: 'ENCODING',
      message: 'The file is not valid UTF-8; it was read as Windows-1252 (Western European). Check accented letters, or save it as "CSV UTF-8".',
    });
    return { text, encoding: 'windows-1252', hadBom, warnings };
  }
}
