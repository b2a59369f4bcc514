/**
 * The hostile inputs of issue #22 (test/fixtures/hostile/): locale numbers read as numbers and written back in the
 * input's format, a few bad cells read as missing, tiny values and integers beyond 2^53 kept, and the structural
 * cases (mixed line endings, Excel's sep= line, binary without NUL, a NUL byte late in the file).
 */
import { describe, expect, it } from 'vitest';
import { buildTable, inferSchema, parseCsv, writeCsv, type ParsedCsv } from '../../src/io/index.js';
import { localizeColumns, localizeNumber, readLocaleNumber } from '../../src/io/locale.js';
import { fewBad } from '../../src/io/numbers.js';
import type { Schema } from '../../src/core/schema.js';
import { expectError, fixture } from './helpers.js';

const hostile = (name: string): Uint8Array => fixture(`hostile/${name}`);

function load(name: string, numberMode?: 'auto' | 'point' | 'comma') {
  const parsed = parseCsv(hostile(name), { fileName: name, numberMode });
  const { schema, warnings } = inferSchema(parsed);
  return { parsed, schema, warnings: [...parsed.warnings, ...warnings] };
}

/** The input table written back as the synthetic file would be (same schema, same delimiter). */
function roundTrip(parsed: ParsedCsv, schema: Schema): string[][] {
  const text = writeCsv(buildTable(parsed, schema), schema, { delimiter: parsed.delimiter });
  return text
    .trimEnd()
    .split('\n')
    .map((l) => l.split(parsed.delimiter));
}

const col = (s: Schema, name: string) => s.columns.find((c) => c.name === name)!;

describe('locale numbers', () => {
  it('reads decimal commas and thousands separators by the stated rule', () => {
    expect(readLocaleNumber('1.234,56', ',')?.plain).toBe('1234.56');
    expect(readLocaleNumber('-1 234,5', ',')).toEqual({ plain: '-1234.5', group: ' ', fraction: true });
    expect(readLocaleNumber('1\u00a0234', ',')?.plain).toBe('1234');
    expect(readLocaleNumber('1.23,4', ',')).toBeNull(); // a group needs 3 digits
    expect(readLocaleNumber('1.234 567,8', ',')).toBeNull(); // one kind of separator per number
    expect(readLocaleNumber('1,234,567.5', '.')?.plain).toBe('1234567.5');
    expect(localizeNumber('-1234567.5', { decimal: ',', group: '.' })).toBe('-1.234.567,5');
    expect(localizeNumber('999.5', { decimal: ',', group: ' ' })).toBe('999,5');
  });

  it('a ;-file with decimal commas and "." thousands: numeric columns, written back as in the input', () => {
    const { parsed, schema, warnings } = load('decimal-comma.csv');
    for (const name of ['price', 'weight', 'total']) expect(col(schema, name).sdtype).toBe('numerical');
    expect(col(schema, 'price').numberFormat).toEqual({ decimal: ',', group: '.' });
    expect(col(schema, 'price').decimals).toBe(2);
    expect(warnings.map((w) => w.message)).toContain(
      'Decimal comma detected in 3 columns ("price", "weight", "total"): "12.345,5" is read as 12345.5, and the synthetic file writes numbers the same way.',
    );
    const input = new TextDecoder().decode(hostile('decimal-comma.csv')).trimEnd().split('\n');
    const out = roundTrip(parsed, schema);
    // the same values in the same format: "." thousands, "," decimals, shortest form ("2.985,20" → "2.985,2")
    const value = (t: string): number => Number(t.replace(/\./g, '').replace(',', '.'));
    for (let i = 1; i < input.length; i++) {
      const cells = input[i]!.split(';');
      for (const j of [1, 2, 3]) {
        expect(value(out[i]![j]!), `row ${i}`).toBe(value(cells[j]!));
        expect(out[i]![j], `row ${i}`).toMatch(/^\d{1,3}(\.\d{3})*(,\d+)?$/);
      }
      expect(out[i]![3], `row ${i}`).toBe(cells[3]);
    }
  });

  it('space thousands with a decimal comma, and "1,234.56" thousands with a decimal point (quoted, in a ,-file)', () => {
    const sp = load('space-thousands.csv');
    expect(col(sp.schema, 'amount')).toMatchObject({ sdtype: 'numerical', numberFormat: { decimal: ',', group: ' ' } });
    expect(roundTrip(sp.parsed, sp.schema)[1]![1]).toMatch(/^\d{1,3}( \d{3})*(,\d)?$/);
    const pt = load('thousands-point.csv');
    expect(col(pt.schema, 'revenue')).toMatchObject({
      sdtype: 'numerical',
      numberFormat: { decimal: '.', group: ',' },
    });
    expect(pt.warnings.map((w) => w.code)).toContain('NUMBER_FORMAT');
    const text = writeCsv(buildTable(pt.parsed, pt.schema), pt.schema);
    expect(text.split('\n')[1]).toMatch(/^r\d,"\d{1,3}(,\d{3})+\.\d+",\d+$/);
  });

  it('--number-format point keeps the old reading; comma reads "1.234" as thousands', () => {
    expect(col(load('decimal-comma.csv', 'point').schema, 'price').sdtype).toBe('id');
    const r = localizeColumns(['a'], [['1.234', '12.500', '7']], ';', 'comma');
    expect(r.formats[0]).toEqual({ decimal: ',', group: '.' });
    // auto: "1.234" alone is ambiguous and stays 1.234 unless another column shows a decimal comma
    expect(localizeColumns(['a'], [['1.234', '12.500', '7']], ';').formats[0]).toBeUndefined();
    const both = localizeColumns(
      ['a', 'b'],
      [
        ['1.234', '12.500'],
        ['1,5', '2'],
      ],
      ';',
    );
    expect(both.formats).toEqual([
      { decimal: ',', group: '.' },
      { decimal: ',', group: '' },
    ]);
  });

  it('ordinary files are untouched: plain numbers and a ,-file without unambiguous evidence', () => {
    expect(localizeColumns(['a'], [['1.5', '2', '-3e-4']], ';').formats[0]).toBeUndefined();
    expect(localizeColumns(['a'], [['1,5', '2,25']], ',').formats[0]).toBeUndefined(); // maybe pairs: left as text
    expect(parseCsv('a,b\n1.5,x\n2.5,y\n').numberFormats).toBeUndefined();
  });
});

describe('a few bad cells', () => {
  it('"a few" is at most 5% of the distinct values, with at least 20 good ones', () => {
    expect(fewBad(20, 1)).toBe(true);
    expect(fewBad(19, 1)).toBe(false);
    expect(fewBad(38, 2)).toBe(true);
    expect(fewBad(37, 3)).toBe(false);
    expect(fewBad(3, 0)).toBe(true);
  });

  it('a numeric column with 3 bad cells stays numerical; they are counted, named and read as missing', () => {
    const { parsed, schema, warnings } = load('few-bad-numbers.csv');
    const score = col(schema, 'score');
    expect(score).toMatchObject({ sdtype: 'numerical', invalidNumbers: 3, missingRate: 3 / 60 });
    expect(warnings.find((w) => w.code === 'INVALID_NUMBERS')?.message).toBe(
      'Column "score" is numerical but 3 values are not a number ("n.v.", "12..5"); they are read as missing.',
    );
    const t = buildTable(parsed, schema);
    const values = t.columns[1]!.kind === 'num' ? t.columns[1]!.values : new Float64Array();
    expect([7, 31, 44].map((i) => values[i])).toEqual([NaN, NaN, NaN]);
  });

  it('a date column with one impossible date stays a date column', () => {
    const { schema, warnings } = load('impossible-date.csv');
    expect(col(schema, 'day')).toMatchObject({ sdtype: 'datetime', invalidDates: 1 });
    expect(warnings.find((w) => w.code === 'INVALID_DATES')?.message).toContain(
      '("2024-02-30"); it is read as missing',
    );
  });
});

describe('precision', () => {
  it('values around 1e-12 are written with their digits, not as 0', () => {
    const { parsed, schema } = load('tiny-values.csv');
    const out = roundTrip(parsed, schema);
    const input = new TextDecoder().decode(hostile('tiny-values.csv')).trimEnd().split('\n');
    for (let i = 1; i < input.length; i++) expect(Number(out[i]![1])).toBe(Number(input[i]!.split(',')[1]));
    expect(out[1]![1]).toMatch(/^0\.00000000000\d+$/);
  });

  it('distinct integers beyond 2^53 never merge: the column stays text, with a specific warning', () => {
    const { parsed, schema, warnings } = load('big-integers.csv');
    expect(col(schema, 'account').sdtype).toBe('id');
    expect(warnings.find((w) => w.code === 'BIG_INTEGERS')?.message).toBe(
      'Column "account" has whole numbers beyond 2^53 ("12345678901234567001"), which cannot be told apart as numbers: it is kept as text (id), never rounded to a nearby number.',
    );
    const few = parseCsv('k,v\n9007199254740993,1\n9007199254740995,2\n9007199254740993,3\n9007199254740995,4\n');
    const s = inferSchema(few).schema;
    expect(s.columns[0]).toMatchObject({ sdtype: 'categorical', levels: ['9007199254740993', '9007199254740995'] });
    const t = buildTable(few, s);
    expect(t.columns[0]!.kind === 'cat' && Array.from(t.columns[0]!.codes)).toEqual([0, 1, 0, 1]);
    expect(
      new Set(
        roundTrip(parsed, schema)
          .slice(1)
          .map((r) => r[0]),
      ).size,
    ).toBe(30);
  });
});

describe('structure', () => {
  it('mixed CRLF and LF line endings are read as line breaks, with a warning', () => {
    const p = parseCsv(hostile('mixed-line-endings.csv'));
    expect(p.nRows).toBe(5);
    expect(p.columns[2]).toEqual(['2.5', '3.5', '1.5', '2.0', '4.5']);
    expect(p.warnings.map((w) => w.code)).toContain('LINE_ENDINGS');
    // Excel's CRLF rows with LF inside quoted cells are not "mixed"
    const excel = parseCsv('a,b\r\n"x\ny",1\r\n"z",2\r\n');
    expect(excel.warnings.map((w) => w.code)).not.toContain('LINE_ENDINGS');
    expect(excel.columns[0]).toEqual(['x\ny', 'z']);
  });

  it('Excel\'s "sep=;" first line sets the delimiter and is dropped; line numbers still count it', () => {
    const p = parseCsv(hostile('excel-sep.csv'));
    expect(p.delimiter).toBe(';');
    expect(p.header).toEqual(['name', 'value', 'group']);
    expect(p.lines?.[0]).toBe(3);
    expect(p.warnings[0]!.message).toBe(
      'The first line "sep=;" (as Excel writes it) names the delimiter; it was used and the line dropped.',
    );
    expectError(() => parseCsv('sep=,\na,b\n1,2\n3\n'), 'RAGGED_ROWS', 'line 4 has 1 field');
  });

  it('random binary without NUL bytes: "not a text file", by its share of control characters', () => {
    expectError(
      () => parseCsv(hostile('random-binary.bin')),
      'BINARY_FILE',
      'This does not look like a text file: ',
      'of its first 4096 characters are control characters',
    );
  });

  it('a NUL byte after the first 8 KiB is refused, naming its line; it never reaches the output', () => {
    expectError(
      () => parseCsv(hostile('nul-late.csv')),
      'BINARY_FILE',
      'it contains a NUL byte at offset 9500, on line 1327',
    );
  });
});
