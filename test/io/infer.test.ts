import { describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/schema.js';
import { parseCsv } from '../../src/io/csv.js';
import { inferSchema, refreshSchema, summarizeColumns, validateSchema } from '../../src/io/infer.js';
import { expectError, fixture } from './helpers.js';

const col = (s: Schema, name: string) => s.columns.find((c) => c.name === name)!;

describe('inferSchema on the mixed fixture', () => {
  const parsed = parseCsv(fixture('mixed.csv'));
  const { schema, warnings } = inferSchema(parsed, { target: 'smoker' });

  it('types every column', () => {
    expect(schema.columns.map((c) => [c.name, c.sdtype])).toEqual([
      ['patient_id', 'id'],
      ['age', 'numerical'],
      ['sex', 'categorical'],
      ['smoker', 'boolean'],
      ['visit', 'datetime'],
      ['score', 'numerical'],
      ['note', 'categorical'],
      ['weight', 'numerical'],
    ]);
    expect(schema.target).toBe('smoker');
    expect(schema.columns.every((c) => c.skip === false)).toBe(true);
  });
  it('numerical statistics: integer, range, decimals, missing rate', () => {
    expect(col(schema, 'age')).toMatchObject({
      integer: true,
      min: 29,
      max: 70,
      decimals: 0,
      nUnique: 11,
      missingRate: 1 / 12,
    });
    expect(col(schema, 'score')).toMatchObject({
      integer: false,
      min: 0.125,
      max: 3.5,
      decimals: 3,
      nUnique: 11,
      missingRate: 1 / 12,
    });
    expect(col(schema, 'weight')).toMatchObject({
      integer: false,
      min: 59.95,
      max: 95,
      decimals: 2,
      missingRate: 1 / 12,
    });
  });
  it('categorical, boolean and datetime details', () => {
    expect(col(schema, 'sex')).toMatchObject({ levels: ['F', 'M'], nUnique: 2, missingRate: 1 / 12 });
    expect(col(schema, 'smoker').levels).toEqual(['no', 'yes']);
    expect(col(schema, 'note').levels).toEqual(
      ['-x', '@home', '+1 call', '=SUM(A1)', 'a, b', 'plain', 'say "hi"'].sort((a, b) =>
        a.localeCompare(b, undefined, { numeric: true }),
      ),
    );
    expect(col(schema, 'visit')).toMatchObject({
      dateFormat: 'iso-date',
      datePattern: 'YYYY-MM-DD',
      min: Date.UTC(2021, 2, 4),
      max: Date.UTC(2021, 8, 9),
      nUnique: 11,
    });
  });
  it('warns about the id column', () => {
    expect(warnings).toEqual([expect.objectContaining({ code: 'ID_COLUMN', column: 'patient_id' })]);
  });
  it('summaries', () => {
    const s = Object.fromEntries(summarizeColumns(parsed, schema).map((c) => [c.name, c.summary]));
    // age: 10+… mean of the 11 present values = 508/11 = 46.18…
    expect(s.age).toBe('29 – 70, mean 46.2, whole numbers; 8% missing');
    expect(s.sex).toBe('2 levels: F 55%, M 45%; 8% missing');
    expect(s.smoker).toBe('2 levels: no 58%, yes 42%');
    expect(s.visit).toBe('2021-03-04 – 2021-09-09; 8% missing');
    expect(s.patient_id).toBe('unique per row');
    expect(s.note).toMatch(/^7 levels: plain 33%, -x 25%, /);
  });
});

function inferText(text: string, target: string | null = null) {
  const parsed = parseCsv(text);
  return { parsed, ...inferSchema(parsed, { target }) };
}

describe('inference rules', () => {
  it('whole numbers with ≤ 10 distinct values are categorical, levels sorted numerically and spelled as first seen', () => {
    const rows = ['3', '1.0', '10', '2', '1', '-1', '2.0'];
    const { schema } = inferText('x\n' + rows.join('\n') + '\n');
    expect(col(schema, 'x')).toMatchObject({
      sdtype: 'categorical',
      levels: ['-1', '1.0', '2', '3', '10'],
      nUnique: 5,
    });
  });
  it('exactly 10 whole levels → categorical; 11 → numerical', () => {
    const ten = Array.from({ length: 20 }, (_, i) => String(i % 10));
    expect(col(inferText('v\n' + ten.join('\n')).schema, 'v').sdtype).toBe('categorical');
    const eleven = Array.from({ length: 22 }, (_, i) => String(i % 11));
    expect(col(inferText('v\n' + eleven.join('\n')).schema, 'v')).toMatchObject({
      sdtype: 'numerical',
      integer: true,
      min: 0,
      max: 10,
    });
  });
  it('numeric ids: all distinct whole numbers named like an id, or consecutive', () => {
    const vals = [17, 3, 99, 45, 12, 8, 61, 70, 23, 34, 51, 88];
    const body = vals.map((v, i) => `${v},${v},${i + 100},${(i * 7) % 13}`).join('\n');
    const { schema } = inferText('customer_id,amount,seq,idle\n' + body + '\n');
    expect(col(schema, 'customer_id').sdtype).toBe('id');
    expect(col(schema, 'amount').sdtype).toBe('numerical'); // all distinct but not consecutive and not id-named
    expect(col(schema, 'seq').sdtype).toBe('id'); // 100…111 consecutive
    // "idle" starts with "id", which the name rule accepts; its 12 values are distinct whole numbers, so: id
    expect(col(schema, 'idle').sdtype).toBe('id');
    const { schema: s2 } = inferText('valid,paid\n' + vals.map((v) => `${v},${v + 0.5}`).join('\n'));
    expect(col(s2, 'valid').sdtype).toBe('numerical'); // "valid" ends in "id" but after a letter
    expect(col(s2, 'paid').sdtype).toBe('numerical');
  });
  it('decimals ignore binary float noise and are capped at 10', () => {
    const { schema } = inferText(
      'a,b,c,d\n0.35100000000000003,7e-05,1.588757662,0.123456789012345\n0.5,1,2,1\n3,2,1,0.1\n',
    );
    expect(col(schema, 'a').decimals).toBe(3);
    expect(col(schema, 'b').decimals).toBe(5);
    expect(col(schema, 'c').decimals).toBe(9);
    expect(col(schema, 'd').decimals).toBe(10);
  });
  it('booleans: any case, the four pairs; one value or three values are not boolean', () => {
    const { schema } = inferText('a,b,c,d,e,f\nTRUE,Yes,y,T,yes,yes\nFALSE,No,n,f,yes,no\nTRUE,No,y,T,yes,maybe\n');
    expect(schema.columns.map((c) => c.sdtype)).toEqual([
      'boolean',
      'boolean',
      'boolean',
      'boolean',
      'categorical',
      'categorical',
    ]);
    expect(col(schema, 'a').levels).toEqual(['FALSE', 'TRUE']);
    expect(col(schema, 'd').levels).toEqual(['f', 'T']);
  });
  it('text: all distinct and ≥ 5 rows → id; fewer rows → categorical', () => {
    expect(col(inferText('name\na\nb\nc\nd\ne\n').schema, 'name').sdtype).toBe('id');
    expect(col(inferText('name\na\nb\nc\nd\n').schema, 'name').sdtype).toBe('categorical');
  });
  it('text levels sort with numeric collation', () => {
    const { schema } = inferText('g\nitem10\nitem2\nitem1\nitem2\nBeta\nalpha\n');
    expect(col(schema, 'g').levels).toEqual(['alpha', 'Beta', 'item1', 'item2', 'item10']);
  });
  it('MANY_LEVELS for > 50 levels that are mostly unique', () => {
    const vals = Array.from({ length: 120 }, (_, i) => `w${i % 60}`);
    vals[0] = 'w0';
    const { warnings, schema } = inferText('word\n' + vals.join('\n') + '\n');
    expect(col(schema, 'word').sdtype).toBe('categorical'); // 60 levels in 120 rows: not all distinct
    expect(warnings.map((w) => w.code)).toEqual([]); // exactly 50% unique is not "> 50%"
    const many = Array.from({ length: 100 }, (_, i) => `w${i % 70}`);
    const r = inferText('word\n' + many.join('\n') + '\n');
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'MANY_LEVELS', column: 'word' })]);
    expect(r.warnings[0]!.message).toContain('70 different values');
  });
  it('all-missing and constant columns', () => {
    const a = inferSchema(parseCsv(fixture('all-missing-column.csv')));
    expect(col(a.schema, 'comment')).toMatchObject({ sdtype: 'categorical', levels: [], nUnique: 0, missingRate: 1 });
    expect(a.warnings).toEqual([expect.objectContaining({ code: 'ALL_MISSING_COLUMN', column: 'comment' })]);
    const c = inferSchema(parseCsv(fixture('constant-column.csv')));
    expect(col(c.schema, 'country')).toMatchObject({ sdtype: 'categorical', levels: ['NZ'], nUnique: 1 });
    expect(c.warnings).toEqual([expect.objectContaining({ code: 'CONSTANT_COLUMN', column: 'country' })]);
    expect(c.warnings[0]!.message).toContain('"NZ"');
  });
  it('mixed numbers and text are categorical text', () => {
    const { schema } = inferText('v\n1\n2\nthree\n2\n');
    expect(col(schema, 'v')).toMatchObject({ sdtype: 'categorical', levels: ['1', '2', 'three'] });
  });
});

describe('dates', () => {
  const parsed = parseCsv(fixture('dates.csv'));
  const { schema } = inferSchema(parsed);
  it('detects every format and its pattern', () => {
    expect(schema.columns.map((c) => [c.name, c.sdtype, c.dateFormat, c.datePattern])).toEqual([
      ['d_iso', 'datetime', 'iso-date', 'YYYY-MM-DD'],
      ['dt_space', 'datetime', 'iso-datetime', 'YYYY-MM-DD HH:mm'],
      ['dt_t', 'datetime', 'iso-datetime-t', 'YYYY-MM-DDTHH:mm:ss.SSSZ'],
      ['dmy', 'datetime', 'dmy-slash', 'D/M/YYYY'],
      ['mdy', 'datetime', 'mdy-slash', 'MM/DD/YYYY'],
      ['ymd', 'datetime', 'ymd-slash', 'YYYY/MM/DD'],
      ['n', 'numerical', undefined, undefined],
    ]);
  });
  it('min/max in ms since the epoch, UTC', () => {
    expect(col(schema, 'd_iso')).toMatchObject({
      min: Date.UTC(1999, 6, 4),
      max: Date.UTC(2021, 1, 14),
      integer: true,
    });
    expect(col(schema, 'dmy')).toMatchObject({ min: Date.UTC(1999, 6, 4), max: Date.UTC(2021, 1, 14) });
    expect(col(schema, 'dt_t')).toMatchObject({
      min: Date.UTC(1999, 6, 4, 12, 0, 0, 500),
      max: Date.UTC(2021, 1, 14, 17, 5),
    });
  });
  it('ambiguous D/M vs M/D defaults to day-first; impossible dates are not dates', () => {
    expect(col(inferText('d\n01/02/2020\n03/04/2021\n').schema, 'd').dateFormat).toBe('dmy-slash');
    expect(col(inferText('d\n13/02/2020\n02/13/2021\n').schema, 'd').sdtype).toBe('categorical');
    expect(col(inferText('d\n2021-02-30\n2021-03-01\n').schema, 'd').sdtype).toBe('categorical');
  });
});

describe('refreshSchema after type edits', () => {
  const parsed = parseCsv(fixture('mixed.csv'));
  const { schema } = inferSchema(parsed);
  it('numerical → categorical gives numeric-sorted levels; and back restores the statistics', () => {
    const edited: Schema = {
      ...schema,
      columns: schema.columns.map((c) => (c.name === 'score' ? { ...c, sdtype: 'categorical' } : c)),
    };
    const r = refreshSchema(parsed, edited);
    const score = col(r, 'score');
    expect(score).toMatchObject({ sdtype: 'categorical', nUnique: 11, missingRate: 1 / 12 });
    expect(score.levels).toEqual(['0.125', '0.5', '0.75', '1', '1.125', '1.25', '1.5', '2', '2.25', '2.75', '3.5']);
    expect(score.integer).toBeUndefined();
    expect(score.decimals).toBeUndefined();
    const back = refreshSchema(parsed, {
      ...r,
      columns: r.columns.map((c) => (c.name === 'score' ? { ...c, sdtype: 'numerical' } : c)),
    });
    expect(col(back, 'score')).toEqual(col(schema, 'score'));
  });
  it('keeps skip and target', () => {
    const r = refreshSchema(parsed, {
      target: 'sex',
      columns: schema.columns.map((c) => ({ ...c, skip: c.name === 'note' })),
    });
    expect(r.target).toBe('sex');
    expect(col(r, 'note').skip).toBe(true);
  });
  it('TYPE_MISMATCH names the value and its line', () => {
    const bad = {
      ...schema,
      columns: schema.columns.map((c) => (c.name === 'note' ? { ...c, sdtype: 'numerical' as const } : c)),
    };
    const e = expectError(
      () => refreshSchema(parsed, bad),
      'TYPE_MISMATCH',
      'Column "note" cannot be numerical: "=SUM(A1)" (line 2) is not a number.',
    );
    expect(e.details).toMatchObject({ column: 'note', line: 2 });
    const q = parseCsv(fixture('quoted-newlines.csv'));
    const qs = inferSchema(q).schema;
    const e2 = expectError(
      () =>
        refreshSchema(q, {
          ...qs,
          columns: qs.columns.map((c) => (c.name === 'comment' ? { ...c, sdtype: 'datetime' as const } : c)),
        }),
      'TYPE_MISMATCH',
      'Column "comment" cannot be a date',
    );
    expect(e2.details.line).toBe(2);
    const b = {
      ...schema,
      columns: schema.columns.map((c) => (c.name === 'note' ? { ...c, sdtype: 'boolean' as const } : c)),
    };
    expectError(() => refreshSchema(parsed, b), 'TYPE_MISMATCH', 'cannot be boolean: it has 7 different values');
  });
  it('the user can pick M/D for an ambiguous date column', () => {
    const p = parseCsv('d\n01/02/2020\n03/04/2021\n');
    const s = inferSchema(p).schema;
    const r = refreshSchema(p, { ...s, columns: [{ ...s.columns[0]!, dateFormat: 'mdy-slash' }] });
    expect(r.columns[0]).toMatchObject({
      dateFormat: 'mdy-slash',
      datePattern: 'MM/DD/YYYY',
      min: Date.UTC(2020, 0, 2),
      max: Date.UTC(2021, 2, 4),
    });
  });
  it('UNKNOWN_COLUMN for a name not in the file', () => {
    expectError(
      () => refreshSchema(parsed, { ...schema, columns: [{ ...schema.columns[0]!, name: 'nope' }] }),
      'UNKNOWN_COLUMN',
      '"nope"',
    );
  });
});

describe('validateSchema', () => {
  it('TOO_FEW_ROWS for a single data row', () => {
    const p = parseCsv(fixture('one-row.csv'));
    expectError(
      () => validateSchema(p, inferSchema(p).schema),
      'TOO_FEW_ROWS',
      'The file has only 1 data row;',
      'at least 2',
    );
  });
  it('TARGET_ONE_CLASS names the class', () => {
    const p = parseCsv(fixture('one-class-target.csv'));
    expectError(
      () => validateSchema(p, inferSchema(p, { target: 'outcome' }).schema),
      'TARGET_ONE_CLASS',
      '"outcome" has only one class ("yes")',
    );
    expect(() => validateSchema(p, inferSchema(p).schema)).not.toThrow();
  });
  it('TARGET_NOT_MODELLED for a skipped or id target; UNKNOWN_COLUMN for a missing one', () => {
    const p = parseCsv(fixture('mixed.csv'));
    const s = inferSchema(p).schema;
    expectError(() => validateSchema(p, { ...s, target: 'patient_id' }), 'TARGET_NOT_MODELLED', 'is an id');
    expectError(
      () => validateSchema(p, { target: 'sex', columns: s.columns.map((c) => ({ ...c, skip: c.name === 'sex' })) }),
      'TARGET_NOT_MODELLED',
      'is skipped',
    );
    expectError(() => validateSchema(p, { ...s, target: 'nope' }), 'UNKNOWN_COLUMN', 'target column "nope"');
    expectError(
      () => validateSchema(p, { ...s, columns: [...s.columns, { ...s.columns[1]!, name: 'ghost' }] }),
      'UNKNOWN_COLUMN',
      '"ghost"',
    );
    expectError(
      () =>
        validateSchema(p, {
          ...s,
          columns: s.columns.map((c, j) => (j === 1 ? { ...c, sdtype: 'text' as never } : c)),
        }),
      'BAD_TYPE',
      'unknown type "text"',
    );
    expect(() => validateSchema(p, { ...s, target: 'age' })).not.toThrow();
  });
  it('NOTHING_TO_MODEL when every column is skipped, an id or constant', () => {
    const p = parseCsv(fixture('constant-column.csv'));
    const s = inferSchema(p).schema;
    expect(() => validateSchema(p, s)).not.toThrow();
    expectError(
      () => validateSchema(p, { ...s, columns: s.columns.map((c) => ({ ...c, skip: c.name !== 'country' })) }),
      'NOTHING_TO_MODEL',
      'nothing to model',
    );
  });
});
