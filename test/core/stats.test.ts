import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { mean, median, percentile, quantile, sd, sumOfSquares } from '../../src/core/stats.js';

describe('core/stats', () => {
  it('mean, SD (population and sample), sum of squares: worked by hand', () => {
    const v = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(v)).toBe(5);
    expect(sumOfSquares(v, 5)).toBe(32);
    expect(sd(v)).toBe(2);
    expect(sd(v, 1)).toBeCloseTo(Math.sqrt(32 / 7), 15);
    expect(sd([3], 1)).toBe(0); // one value: divided by 1, not 0
    expect(sd(v, 0, 4)).toBeCloseTo(Math.sqrt(40 / 8), 15); // about a given centre
  });

  it('sums in index order: the same bits as the loops it replaced', () => {
    const rng = new Rng(7);
    const v = Float64Array.from({ length: 997 }, () => (rng.next() - 0.3) * 1e6);
    let m = 0;
    for (const x of v) m += x;
    m /= v.length;
    let ss = 0;
    for (const x of v) ss += (x - m) ** 2;
    expect(mean(v)).toBe(m);
    expect(sd(v)).toBe(Math.sqrt(ss / v.length));
    expect(sd(v, 1)).toBe(Math.sqrt(ss / (v.length - 1)));
  });

  it('median skips NaN and says what an empty input gives', () => {
    expect(median([3, NaN, 1, 2])).toBe(2);
    expect(median(Float64Array.of(4, 1, 3, 2))).toBe(2.5);
    expect(median([NaN])).toBeNaN();
    expect(median([], 0)).toBe(0);
  });

  it("quantile and percentile interpolate linearly (numpy's default)", () => {
    const s = [1, 2, 3, 4, 10];
    expect(quantile(s, 0)).toBe(1);
    expect(quantile(s, 1)).toBe(10);
    expect(quantile(s, 0.5)).toBe(3);
    expect(quantile(s, 0.875)).toBe(7); // position 3.5: halfway from 4 to 10
    expect(percentile([10, 4, 3, 2, 1], 87.5)).toBe(7);
    expect(percentile([5, 1], 25)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(quantile([], 0.5)).toBeNaN();
  });
});
