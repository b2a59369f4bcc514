import { describe, expect, it } from 'vitest';
import { detectFrequency, gridDate } from '../../src/timeseries/frequency.js';

const iso = (s: string): number => Date.parse(`${s}T00:00:00Z`);
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

describe('detectFrequency', () => {
  it('daily data with a three-day gap and a duplicate, given out of order', () => {
    const dates = ['2024-02-27', '2024-02-26', '2024-02-28', '2024-02-29', '2024-03-04', '2024-03-05', '2024-03-05'];
    const f = detectFrequency(dates.map(iso));
    expect(f?.frequency).toBe('daily');
    expect(f?.period).toBe(7);
    expect(f?.index).toEqual([1, 0, 2, 3, 7, 8, 8]);
    expect(f?.gaps).toEqual([{ after: 3, count: 3 }]); // 1, 2 and 3 March
    expect(f?.missing).toBe(3);
    expect(f?.duplicates).toBe(1);
    expect(f?.length).toBe(9);
  });

  it('monthly data across a year end with two months missing', () => {
    const dates = ['2023-10-01', '2023-11-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01'];
    const f = detectFrequency(dates.map(iso));
    expect(f?.frequency).toBe('monthly');
    expect(f?.period).toBe(12);
    expect(f?.gaps).toEqual([{ after: 1, count: 2 }]);
    expect(f && day(gridDate(f, 2))).toBe('2023-12-01');
  });

  it('month-end monthly data stays on month ends (February included)', () => {
    const dates = ['2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31'];
    const f = detectFrequency(dates.map(iso));
    expect(f?.monthEnd).toBe(true);
    expect(f?.gaps).toEqual([]);
    expect(f && [5, 6].map((k) => day(gridDate(f, k)))).toEqual(['2024-04-30', '2024-05-31']);
  });

  it('quarterly data with a missing quarter and a point off the grid', () => {
    const dates = ['2020-01-01', '2020-04-01', '2020-10-01', '2021-01-01', '2021-04-01', '2021-05-15'];
    const f = detectFrequency(dates.map(iso));
    expect(f?.frequency).toBe('quarterly');
    expect(f?.period).toBe(4);
    expect(f?.gaps).toEqual([{ after: 1, count: 1 }]);
    expect(f?.offGrid).toBe(1);
    expect(f?.index[5]).toBeNaN();
  });

  it('weekly and yearly grids; irregular steps give null', () => {
    expect(detectFrequency(['2024-01-01', '2024-01-08', '2024-01-15'].map(iso))?.frequency).toBe('weekly');
    expect(detectFrequency(['2020-01-01', '2021-01-01', '2022-01-01'].map(iso))?.frequency).toBe('yearly');
    expect(detectFrequency(['2024-01-01', '2024-01-04', '2024-01-07'].map(iso))).toBeNull();
  });
});
