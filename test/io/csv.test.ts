import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeWindows1252 } from '../../src/io/decode.js';
import { MAX_INPUT_BYTES, parseCsv } from '../../src/io/csv.js';
import { isMissingToken } from '../../src/io/missing.js';
import { expectError, fixture } from './helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeBytes', () => {
  it('strips a UTF-8 BOM and reports it', () => {
    const d = decodeBytes(fixture('bom.csv'));
    expect(d.hadBom).toBe(true);
    expect(d.encoding).toBe('utf-8');
    expect(d.text.startsWith('id,name\n')).toBe(true);
    expect(d.warnings.map((w) => w.code)).toEqual(['BOM']);
  });
  it('falls back to Windows-1252 for invalid UTF-8, with a warning', () => {
    const d = decodeBytes(fixture('latin1.csv'));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toContain('Müller,Köln');
    expect(d.text).toContain('García,Málaga');
    expect(d.text).toContain('London €'); // 0x80 is the euro sign in Windows-1252, not a C1 control
    expect(d.warnings[0]!.code).toBe('ENCODING');
    expect(d.warnings[0]!.message).toContain('Windows-1252');
  });
  it('decodes plain UTF-8 without warnings', () => {
    const d = decodeBytes(enc('a,b\nZoë,1\n'));
    expect(d).toEqual({ text: 'a,b\nZoë,1\n', encoding: 'utf-8', hadBom: false, warnings: [] });
  });
  it('names the format of binary files', () => {
    expectError(() => decodeBytes(fixture('binary.xlsx')), 'BINARY_FILE', 'Excel workbook (.xlsx)', 'save it as CSV');
    expectError(() => decodeBytes(enc('%PDF-1.7\n...')), 'BINARY_FILE', 'PDF');
    expectError(() => decodeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])), 'BINARY_FILE', 'PNG');
    expectError(
      () => decodeBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])),
      'BINARY_FILE',
      '.xls',
    );
    expectError(
      () => decodeBytes(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01])),
      'BINARY_FILE',
      'NUL byte at offset 4',
    );
    expectError(() => decodeBytes(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00])), 'BINARY_FILE', 'UTF-16');
  });
  it('Windows-1252 decoding follows the WHATWG table for 0x80–0x9F', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x8a, 0x93, 0x94, 0x99, 0x9f, 0x81, 0xe9, 0x41]))).toBe(
      '€Š“”™Ÿ\u0081éA',
    );
  });
  it('refuses a NUL byte anywhere, also after the first 8 KiB, naming its line', () => {
    const b = new Uint8Array(9000).fill(0x61);
    for (let i = 100; i < 9000; i += 100) b[i] = 0x0a;
    b[8500] = 0;
    expectError(() => decodeBytes(b), 'BINARY_FILE', 'NUL byte at offset 8500, on line 85');
  });
});

describe('isMissingToken', () => {
  it('knows the usual spellings of "no value"', () => {
    for (const s of ['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', 'None', '?', '#N/A'])
      expect(isMissingToken(s), s).toBe(true);
    for (const s of ['0', 'na ', 'none', 'No', '-', 'N', 'missing']) expect(isMissingToken(s), s).toBe(false);
  });
});

describe('parseCsv: broken inputs', () => {
  it('EMPTY_FILE for 0 bytes and for whitespace only', () => {
    expectError(() => parseCsv(fixture('empty.csv')), 'EMPTY_FILE', 'empty (0 bytes)');
    expectError(() => parseCsv(fixture('whitespace-only.csv')), 'EMPTY_FILE', 'only blank lines');
    expectError(() => parseCsv(''), 'EMPTY_FILE', '0 bytes');
  });
  it('names the file in messages when given', () => {
    expectError(() => parseCsv(fixture('empty.csv'), { fileName: 'x.csv' }), 'EMPTY_FILE', '"x.csv" is empty');
  });
  it('NO_DATA_ROWS for a header without rows', () => {
    expectError(() => parseCsv(fixture('header-only.csv')), 'NO_DATA_ROWS', 'header line but no data rows');
  });
  it('NO_HEADER when the first line is data', () => {
    expectError(() => parseCsv(fixture('no-header.csv')), 'NO_HEADER', 'looks like data', '"5.1" is a number');
    expectError(() => parseCsv('a,-3\n1,2\n'), 'NO_HEADER', '"-3" is a number');
  });
  it('RAGGED_ROWS names the first three bad lines (file lines, counting quoted newlines), fields found and expected, and the total', () => {
    const e = expectError(
      () => parseCsv(fixture('ragged.csv')),
      'RAGGED_ROWS',
      'line 4 has 3 fields, line 6 has 5 fields, line 7 has 3 fields',
      'header has 4',
      '4 rows in all',
    );
    expect(e.details).toMatchObject({ lines: [4, 6, 7], found: [3, 5, 3], expected: 4, count: 4 });
  });
  it('EMPTY_HEADER_NAME with the position', () => {
    const e = expectError(() => parseCsv(fixture('empty-header.csv')), 'EMPTY_HEADER_NAME', 'Column 2 has no name');
    expect(e.details.positions).toEqual([2]);
    expectError(() => parseCsv(' ,b, \n1,2,3\n'), 'EMPTY_HEADER_NAME', 'Columns 1, 3 have no name');
  });
  it('DUPLICATE_HEADER with names and positions', () => {
    const e = expectError(
      () => parseCsv(fixture('duplicate-header.csv')),
      'DUPLICATE_HEADER',
      '"age" appears at positions 1 and 3',
    );
    expect(e.details.names).toEqual(['age']);
  });
  it('FILE_TOO_LARGE states the limit and the size', () => {
    expect(MAX_INPUT_BYTES).toBe(100 * 1024 * 1024);
    const e = expectError(
      () => parseCsv(fixture('mixed.csv'), { maxBytes: 100 }),
      'FILE_TOO_LARGE',
      'is 498 bytes',
      'largest file LocalSynth reads is 100 bytes',
    );
    expect(e.details).toEqual({ bytes: 498, maxBytes: 100 });
    expectError(
      () => parseCsv('x'.repeat(3 * 1024 * 1024), { maxBytes: 2 * 1024 * 1024 }),
      'FILE_TOO_LARGE',
      '3.0 MB',
      '2.0 MB',
    );
    // the string's UTF-8 size counts, not its length in UTF-16 units
    expectError(() => parseCsv('é'.repeat(60), { maxBytes: 100 }), 'FILE_TOO_LARGE', '120 bytes');
  });
  it('BINARY_FILE through parseCsv too', () => {
    expectError(() => parseCsv(fixture('binary.xlsx')), 'BINARY_FILE', 'Excel');
  });
  it('NOT_CSV for JSON: a saved model says how to sample from it; other JSON says to export CSV', () => {
    const model = JSON.stringify({ format: 'localsynth-model', generator: 'gmtd', version: 1, dataset: {} });
    expectError(
      () => parseCsv(model, { fileName: 'cryo.model.json' }),
      'NOT_CSV',
      '"cryo.model.json" is a saved LocalSynth model',
      'Sample from a saved model',
      '--load-model',
    );
    expectError(() => parseCsv('  [{"a": 1}, {"a": 2}]\n'), 'NOT_CSV', 'is a JSON document, not a CSV table');
    // a CSV whose first cell starts with a brace is still a CSV
    expect(parseCsv('{a},b\n1,2\n3,4\n').header).toEqual(['{a}', 'b']);
  });
  it('CSV_PARSE for a quote that is never closed, with its line', () => {
    expectError(() => parseCsv(fixture('unclosed-quote.csv')), 'CSV_PARSE', 'starts on line 3 is never closed');
  });
  it('TOO_FEW_ROWS is not raised by the parser', () => {
    expect(parseCsv(fixture('one-row.csv')).nRows).toBe(1);
  });
});

describe('parseCsv: good inputs', () => {
  it('detects semicolons, keeps commas inside cells, reports the delimiter', () => {
    const p = parseCsv(fixture('semicolon.csv'));
    expect(p.delimiter).toBe(';');
    expect(p.header).toEqual(['name', 'city', 'score']);
    expect(p.columns[1]).toEqual(['Berlin, DE', 'Paris, FR', 'Roma, IT', 'London, UK']);
    expect(p.warnings.map((w) => w.code)).toContain('DELIMITER');
  });
  it('detects tabs and pipes', () => {
    const t = parseCsv(fixture('tab.tsv'));
    expect(t.delimiter).toBe('\t');
    expect(t.columns[2]).toEqual(['likes, commas', 'semi;colon', 'pipe|here']);
    const p = parseCsv(fixture('pipe.csv'));
    expect(p.delimiter).toBe('|');
    expect(p.columns[1]).toEqual(['x,y', 'z;w', 'q']);
  });
  it("header names in our escaped form are restored (one ' less), and only those; cells are never touched", () => {
    const p = parseCsv("'=a,''=b,'+c,'@d,'-2,'x,',e'\n'=1,'x,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\n");
    expect(p.header).toEqual(['=a', "'=b", '+c', '@d', '-2', "'x", "'", "e'"]);
    expect(p.columns.map((c) => c[0])).toEqual(["'=1", "'x", '3', '4', '5', '6', '7', '8']);
    // raw formula names (not our output) are read as they are; a raw number is still not a header
    expect(parseCsv('=a,+b\n1,2\n3,4\n').header).toEqual(['=a', '+b']);
    expectError(() => parseCsv('-2,x\n1,2\n3,4\n'), 'NO_HEADER', '"-2"');
  });
  it('a single-column file parses with the default comma', () => {
    const p = parseCsv('value\n1\n2\n3\n');
    expect(p.delimiter).toBe(',');
    expect(p.columns).toEqual([['1', '2', '3']]);
  });
  it('BOM: header name is clean', () => {
    const p = parseCsv(fixture('bom.csv'));
    expect(p.header).toEqual(['id', 'name']);
    expect(p.columns[1]).toEqual(['Zoë', 'Émile', 'Ana']);
    expect(p.encoding).toBe('utf-8');
    expect(parseCsv('\uFEFFa,b\n1,2\n').header).toEqual(['a', 'b']);
  });
  it('quoted fields with newlines, delimiters and doubled quotes', () => {
    const p = parseCsv(fixture('quoted-newlines.csv'));
    expect(p.nRows).toBe(5);
    expect(p.columns[1]).toEqual([
      'first line\nsecond line',
      'has, a comma',
      'she said "hi"',
      'multi\r\nline, "quoted"',
      'plain',
    ]);
    expect(p.columns[2]).toEqual(['10', '20', '30', '40', '50']);
    expect(p.lines).toEqual([2, 4, 5, 6, 8]);
    expect(p.warnings.map((w) => w.code)).toContain('QUOTED_NEWLINES');
  });
  it('Windows-1252 file', () => {
    const p = parseCsv(fixture('latin1.csv'));
    expect(p.encoding).toBe('windows-1252');
    expect(p.columns[0]).toEqual(['Müller', 'García', 'Smith']);
    expect(p.warnings.map((w) => w.code)).toEqual(['ENCODING']);
  });
  it("drops Excel's trailing empty column with a warning", () => {
    const p = parseCsv(fixture('trailing-empty-column.csv'));
    expect(p.header).toEqual(['age', 'sex']);
    expect(p.columns).toEqual([
      ['30', '40', '50'],
      ['m', 'f', 'm'],
    ]);
    expect(p.warnings.map((w) => w.code)).toEqual(['TRAILING_EMPTY_COLUMN']);
    // an extra empty field on data rows only is tolerated the same way
    const q = parseCsv('a,b\n1,2,\n3,4\n');
    expect(q.columns).toEqual([
      ['1', '3'],
      ['2', '4'],
    ]);
    expect(q.warnings.map((w) => w.code)).toEqual(['TRAILING_EMPTY_COLUMN']);
    // ...but not a trailing unnamed column that has content
    expectError(() => parseCsv('a,b,\n1,2,x\n'), 'EMPTY_HEADER_NAME', 'Column 3');
  });
  it('trims cells and names, skips blank lines and rows of empty cells, CRLF line ends', () => {
    const p = parseCsv('\r\n a , b \r\n 1 ,x y \r\n\r\n,\r\n2,z\r\n');
    expect(p.header).toEqual(['a', 'b']);
    expect(p.columns).toEqual([
      ['1', '2'],
      ['x y', 'z'],
    ]);
    expect(p.lines).toEqual([3, 6]);
    expect(p.warnings.map((w) => w.code)).toEqual(['OTHER']);
  });
  it('numeric headers are kept (0,1,2,…)', () => {
    const p = parseCsv('0,1,2\n5,6,7\n');
    expect(p.header).toEqual(['0', '1', '2']);
  });
  it('reports size and row count', () => {
    const b = fixture('mixed.csv');
    const p = parseCsv(b);
    expect(p.bytes).toBe(b.length);
    expect(p.nRows).toBe(12);
    expect(p.header.length).toBe(8);
    expect(parseCsv('a\né\n').bytes).toBe(5);
  });
  it('prefers the delimiter that splits rows consistently (decimal commas under semicolons)', () => {
    const p = parseCsv('x;y\n1,5;2,5\n3,25;4\n');
    expect(p.delimiter).toBe(';');
    expect(p.columns[0]).toEqual(['1.5', '3.25']);
    expect(p.numberFormats).toEqual([
      { decimal: ',', group: '' },
      { decimal: ',', group: '' },
    ]);
    expect(parseCsv('x;y\n1,5;2,5\n3,25;4\n', { numberMode: 'point' }).columns[0]).toEqual(['1,5', '3,25']);
  });
});
