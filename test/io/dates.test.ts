import { describe, expect, it } from 'vitest';
import { buildTable } from '../../src/io/build.js';
import { parseCsv } from '../../src/io/csv.js';
import { detectDateFormat, detectMostlyDates, formatDate, parseDate } from '../../src/io/dates.js';
import { inferSchema } from '../../src/io/infer.js';

const SEP13 = Date.UTC(1996, 8, 13);

/** Detects the column, then writes every value back in its pattern: the texts must come back unchanged. */
function roundTrip(values: string[]): { format: string; pattern: string } {
  const det = detectDateFormat(values);
  expect(det, values.join(' | ')).not.toBeNull();
  for (const v of values) expect(formatDate(parseDate(v, det!.format), det!.pattern)).toBe(v);
  return det!;
}

describe('dates with English month names', () => {
  it('month first: "Sep 13 1996", "September 13, 1996", "Sept. 13 1996"', () => {
    expect(parseDate('Sep 13 1996', 'mdy-name')).toBe(SEP13);
    expect(parseDate('September 13, 1996', 'mdy-name')).toBe(SEP13);
    expect(parseDate('sept. 13 1996', 'mdy-name')).toBe(SEP13);
    expect(parseDate('Sep-13-1996', 'mdy-name')).toBe(SEP13);
    for (const bad of ['Sep 31 1996', 'Foo 13 1996', 'Sep 13 96', '13 Sep 1996', 'Septembre 13 1996'])
      expect(parseDate(bad, 'mdy-name'), bad).toBeNaN();
  });
  it('day first: "13-Sep-1996", "13 September 1996"', () => {
    expect(parseDate('13-Sep-1996', 'dmy-name')).toBe(SEP13);
    expect(parseDate('13 September 1996', 'dmy-name')).toBe(SEP13);
    expect(parseDate('13-SEP-1996', 'dmy-name')).toBe(SEP13);
    expect(parseDate('31 Apr 1996', 'dmy-name')).toBeNaN();
    expect(parseDate('29 Feb 1996', 'dmy-name')).toBe(Date.UTC(1996, 1, 29));
    expect(parseDate('29 Feb 1997', 'dmy-name')).toBeNaN();
  });
  it('detects each spelling and writes it back as it was', () => {
    expect(roundTrip(['Sep 13 1996', 'Jan 1 1995', 'Dec 25 1997'])).toEqual({
      format: 'mdy-name',
      pattern: 'MMM D YYYY',
    });
    expect(roundTrip(['September 13, 1996', 'May 02, 1995'])).toEqual({
      format: 'mdy-name',
      pattern: 'MMMM DD, YYYY',
    });
    expect(roundTrip(['13-Sep-1996', '01-Jan-1995'])).toEqual({ format: 'dmy-name', pattern: 'DD-MMM-YYYY' });
    expect(roundTrip(['13 September 1996', '1 June 1995'])).toEqual({ format: 'dmy-name', pattern: 'D MMMM YYYY' });
    // "May" is both an abbreviation and a name: abbreviations unless a longer name shows up
    expect(roundTrip(['May 1 2000', 'Jun 2 2000']).pattern).toBe('MMM D YYYY');
  });
  it('a column mixing the day-first and month-first spellings is not one format', () => {
    expect(detectDateFormat(['Sep 13 1996', '13 Sep 1996'])).toBeNull();
  });
});

describe('ISO 8601 with a UTC offset', () => {
  it('parses to the instant', () => {
    expect(parseDate('2020-03-01T10:00:00+02:00', 'iso-datetime-t')).toBe(Date.UTC(2020, 2, 1, 8));
    expect(parseDate('2020-03-01T10:00:00-0530', 'iso-datetime-t')).toBe(Date.UTC(2020, 2, 1, 15, 30));
    expect(parseDate('2020-03-01T10:00:00.5Z', 'iso-datetime-t')).toBe(Date.UTC(2020, 2, 1, 10, 0, 0, 500));
  });
  it('one shared offset is written back; mixed offsets are written in UTC', () => {
    expect(roundTrip(['2020-03-01T10:00:00+02:00', '2020-03-02T23:30:00+02:00']).pattern).toBe(
      'YYYY-MM-DDTHH:mm:ss+02:00',
    );
    const mixed = detectDateFormat(['2020-03-01T10:00:00+02:00', '2020-03-01T10:00:00Z']);
    expect(mixed).toEqual({ format: 'iso-datetime-t', pattern: 'YYYY-MM-DDTHH:mm:ssZ' });
    expect(formatDate(parseDate('2020-03-01T10:00:00+02:00', 'iso-datetime-t'), mixed!.pattern)).toBe(
      '2020-03-01T08:00:00Z',
    );
    // values without a zone stay wall-clock times, as before
    expect(roundTrip(['2020-03-01T10:00:00', '2020-03-01T11:00:00']).pattern).toBe('YYYY-MM-DDTHH:mm:ss');
  });
});

describe('day first or month first, chosen by the values', () => {
  it('a day > 12 in the first field means day first, in the second month first', () => {
    expect(detectDateFormat(['3/7/2020', '25/12/2020'])).toEqual({ format: 'dmy-slash', pattern: 'D/M/YYYY' });
    expect(detectDateFormat(['03/07/2020', '12/25/2020'])).toEqual({ format: 'mdy-slash', pattern: 'MM/DD/YYYY' });
  });
});

describe('a date column with a few values that are not dates', () => {
  const dates = Array.from(
    { length: 40 },
    (_, i) => `${['Jan', 'Mar', 'Sep'][i % 3]} ${(i % 28) + 1} ${1990 + (i % 9)}`,
  );
  const cells = [...dates.slice(0, 10), 'unknown', ...dates.slice(10, 30), 'TBA', 'unknown', ...dates.slice(30)];
  const csv = ['release,score', ...cells.map((c, i) => `${c},${i % 7}`)].join('\n') + '\n';

  it('keeps its type, reports the count and the first examples, and reads them as missing', () => {
    const parsed = parseCsv(csv);
    const { schema, warnings } = inferSchema(parsed);
    const c = schema.columns.find((x) => x.name === 'release')!;
    expect(c).toMatchObject({ sdtype: 'datetime', dateFormat: 'mdy-name', datePattern: 'MMM D YYYY', invalidDates: 3 });
    expect(c.missingRate).toBeCloseTo(3 / 43, 12);
    expect(warnings).toContainEqual({
      code: 'INVALID_DATES',
      column: 'release',
      message:
        'Column "release" is a date column (MMM D YYYY) but 3 values are not a date in that format ("unknown", "TBA"); they are read as missing.',
    });
    const t = buildTable(parsed, schema);
    const v = t.columns[t.names.indexOf('release')]!;
    expect(v.kind).toBe('num');
    const values = (v as { values: Float64Array }).values;
    expect([values[10], values[31], values[32]].every(Number.isNaN)).toBe(true);
    expect(values[0]).toBe(parseDate(dates[0]!, 'mdy-name'));
    expect(values.filter((x) => !Number.isNaN(x))).toHaveLength(40);
  });

  it('too many values that are not dates: not a date column', () => {
    expect(detectMostlyDates([...dates, 'a', 'b', 'c'])).toBeNull();
    expect(detectMostlyDates([...dates, 'a', 'b'])).toMatchObject({ format: 'mdy-name', bad: ['a', 'b'] });
    // too few dates to tell
    expect(detectMostlyDates([...dates.slice(0, 10), 'a'])).toBeNull();
  });
});
