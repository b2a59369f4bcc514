import { describe, expect, it } from 'vitest';
import { decimalsOf, formatNumber, parseNumber, roundTo } from '../../src/io/numbers.js';
import { detectDateFormat, formatDate, parseDate } from '../../src/io/dates.js';

describe('numbers', () => {
  it('parseNumber accepts plain decimal numbers only', () => {
    expect(['12', '-0.5', '.5', '5.', '+3', '1e-05', '2E3', '007'].map(parseNumber)).toEqual([
      12, -0.5, 0.5, 5, 3, 0.00001, 2000, 7,
    ]);
    for (const s of ['', ' 1', '1,5', '1 000', '0x10', 'Infinity', 'NaN', '1e', '--1', '1.2.3', '$5', '5%'])
      expect(parseNumber(s), s).toBeNaN();
  });
  it('decimalsOf: as written, without float noise, capped at 10 (15 significant digits below 1e-5)', () => {
    expect(decimalsOf(0.35100000000000003)).toBe(3);
    expect(decimalsOf(-1.3862940000000001)).toBe(6);
    expect(decimalsOf(157.30200000000002)).toBe(3);
    expect(decimalsOf(0.1 + 0.2)).toBe(1);
    expect(decimalsOf(7e-5)).toBe(5);
    expect(decimalsOf(1.5e-7)).toBe(8);
    expect(decimalsOf(1e-12)).toBe(12);
    expect(decimalsOf(1.234e-12)).toBe(15);
    expect(decimalsOf(0.123456789012345)).toBe(10);
    expect(decimalsOf(42)).toBe(0);
    expect(decimalsOf(1.588757662)).toBe(9);
  });
  it('roundTo rounds half away from zero as the decimal text reads', () => {
    expect(roundTo(1.005, 2)).toBe(1.01); // 1.005 is 1.00499999999999989… in binary; naive Math.round(x*100)/100 gives 1
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(2.345, 2)).toBe(2.35);
    expect(roundTo(1.5e-7, 7)).toBe(2e-7);
    expect(roundTo(123.456, 1)).toBe(123.5);
  });
  it('formatNumber: shortest text, no exponent, no -0', () => {
    expect(formatNumber(1.5, 2)).toBe('1.5');
    expect(formatNumber(2, 3)).toBe('2');
    expect(formatNumber(7e-5, 5)).toBe('0.00007');
    expect(formatNumber(1e-7, 10)).toBe('0.0000001');
    expect(formatNumber(123456789012, 0)).toBe('123456789012');
    expect(formatNumber(-0.0001, 2)).toBe('0');
    expect(formatNumber(-4.5, 0)).toBe('-5');
  });
});

describe('dates', () => {
  it('parseDate: each format to ms UTC; out-of-range dates are NaN', () => {
    expect(parseDate('2020-02-29', 'iso-date')).toBe(Date.UTC(2020, 1, 29));
    expect(parseDate('2021-02-29', 'iso-date')).toBeNaN();
    expect(parseDate('2021-04-31', 'iso-date')).toBeNaN();
    expect(parseDate('2021-13-01', 'iso-date')).toBeNaN();
    expect(parseDate('2021-03-04 05:06', 'iso-datetime')).toBe(Date.UTC(2021, 2, 4, 5, 6));
    expect(parseDate('2021-03-04 05:06:07', 'iso-datetime')).toBe(Date.UTC(2021, 2, 4, 5, 6, 7));
    expect(parseDate('2021-03-04 24:00', 'iso-datetime')).toBeNaN();
    expect(parseDate('2021-03-04T05:06:07.5Z', 'iso-datetime-t')).toBe(Date.UTC(2021, 2, 4, 5, 6, 7, 500));
    expect(parseDate('2021-03-04T05:06:07', 'iso-datetime-t')).toBe(Date.UTC(2021, 2, 4, 5, 6, 7));
    expect(parseDate('4/3/2021', 'dmy-slash')).toBe(Date.UTC(2021, 2, 4));
    expect(parseDate('4/3/2021', 'mdy-slash')).toBe(Date.UTC(2021, 3, 3));
    expect(parseDate('2021/3/4', 'ymd-slash')).toBe(Date.UTC(2021, 2, 4));
    expect(parseDate('0099-01-01', 'iso-date')).toBe(new Date('0099-01-01T00:00:00Z').getTime());
    expect(formatDate(new Date('0099-01-01T00:00:00Z').getTime(), 'YYYY-MM-DD')).toBe('0099-01-01');
  });
  it('detectDateFormat: one format for all values, padding and precision in the pattern', () => {
    expect(detectDateFormat(['2021-03-04 05:06', '2021-03-04 05:06:07'])).toEqual({
      format: 'iso-datetime',
      pattern: 'YYYY-MM-DD HH:mm:ss',
    });
    expect(detectDateFormat(['2021-03-04T05:06:07', '2021-03-04T05:06:08'])).toEqual({
      format: 'iso-datetime-t',
      pattern: 'YYYY-MM-DDTHH:mm:ss',
    });
    expect(detectDateFormat(['03/04/2021', '12/25/2021'])).toEqual({ format: 'mdy-slash', pattern: 'MM/DD/YYYY' });
    expect(detectDateFormat(['3/4/2021', '25/12/2021'])).toEqual({ format: 'dmy-slash', pattern: 'D/M/YYYY' });
    expect(detectDateFormat(['2021/3/4'])).toEqual({ format: 'ymd-slash', pattern: 'YYYY/M/D' });
    expect(detectDateFormat(['2021-03-04', '2021-03-04 05:06'])).toBeNull();
    expect(detectDateFormat(['2021', '2022'])).toBeNull();
    expect(detectDateFormat([])).toBeNull();
  });
  it('formatDate writes tokens and rounds to the pattern unit', () => {
    const t = Date.UTC(2021, 0, 2, 3, 4, 5, 678);
    expect(formatDate(t, 'YYYY-MM-DDTHH:mm:ss.SSSZ')).toBe('2021-01-02T03:04:05.678Z');
    expect(formatDate(t, 'YYYY-MM-DD HH:mm:ss')).toBe('2021-01-02 03:04:06');
    expect(formatDate(t, 'YYYY-MM-DD HH:mm')).toBe('2021-01-02 03:04');
    expect(formatDate(t, 'D/M/YYYY')).toBe('2/1/2021');
    expect(formatDate(Date.UTC(2021, 0, 2, 13), 'DD/MM/YYYY')).toBe('03/01/2021'); // 13:00 rounds to the next day
  });
});
