import { describe, expect, it } from 'vitest';
import { VERDICT_THRESHOLDS } from '../../src/api/catalog.js';
import { pairedRatioInterval } from '../../src/metrics/intervals.js';
import { accuracy } from '../../src/metrics/scores.js';
import { pcdVerdict, utilityVerdict } from '../../src/metrics/verdicts.js';

describe('the TSTR / TRTR interval (paired bootstrap over holdout rows)', () => {
  it('matches a two-row case worked out by hand', () => {
    // y = [0, 1]; model a is always right, model b always says 0. A resample of both rows has a / b = 1 / 0.5 = 2
    // (probability 1/2), of row 0 twice 1 / 1 = 1 (1/4), of row 1 twice b scores 0 and is skipped (1/4). So a third
    // of the kept ratios are 1 and two thirds are 2: the 2.5 % quantile is 1, the 97.5 % quantile 2.
    const iv = pairedRatioInterval([0, 1], [0, 1], [0, 0], (y, p) => accuracy(y, p), 5, 2000);
    expect(iv).not.toBeNull();
    expect(iv!.lo).toBe(1);
    expect(iv!.hi).toBe(2);
    expect(iv!.method).toContain('2 holdout rows');
  });

  it('is a point when both models predict the same, and null without a stable denominator', () => {
    const y = [0, 1, 1, 0, 1, 0, 0, 1];
    const same = pairedRatioInterval(y, y, y, (t, p) => accuracy(t, p), 1);
    expect(same).toMatchObject({ lo: 1, hi: 1 });
    const never = y.map((v) => 1 - v);
    expect(pairedRatioInterval(y, y, never, (t, p) => accuracy(t, p), 1)).toBeNull();
    expect(pairedRatioInterval([1], [1], [1], (t, p) => accuracy(t, p), 1)).toBeNull();
  });

  it('narrows as the holdout grows (a ratio of 1 with models right 80 % of the time, independently)', () => {
    const width = (n: number): number => {
      const y = Array.from({ length: n }, (_, i) => i % 2);
      // a is wrong on rows i ≡ 0 (mod 5), b on rows i ≡ 2 (mod 5): both 80 % right, errors on different rows
      const a = y.map((v, i) => (i % 5 === 0 ? 1 - v : v));
      const b = y.map((v, i) => (i % 5 === 2 ? 1 - v : v));
      const iv = pairedRatioInterval(y, a, b, (t, p) => accuracy(t, p), 3)!;
      expect(iv.lo).toBeLessThan(1);
      expect(iv.hi).toBeGreaterThan(1);
      return iv.hi - iv.lo;
    };
    const small = width(30);
    const large = width(1200);
    expect(large).toBeLessThan(small / 4); // ∝ 1/√n: √40 ≈ 6.3
  });
});

describe('the TSTR / TRTR verdict read from its interval', () => {
  const t = VERDICT_THRESHOLDS.utilityRatio;
  const at = (lo: number, hi: number) => utilityVerdict((lo + hi) / 2, 'accuracy', 0.8, { lo, hi, level: 0.95 });
  it('is good, check, poor or inconclusive by where the whole interval lies', () => {
    expect(at(t.good, t.good + 0.2).level).toBe('good');
    expect(at(t.check - 0.1, t.good - 0.01).level).toBe('check');
    expect(at(t.check - 0.3, t.check - 0.01).level).toBe('poor');
    const spanning = at(t.good - 0.1, t.good + 0.1);
    expect(spanning.level).toBe('inconclusive');
    expect(spanning.text).toMatch(/inconclusive, the holdout is too small to tell whether it reaches 90\.0%/);
    expect(spanning.text).toContain('95% interval 80.0%–100.0%');
    expect(spanning.interval).toEqual({ lo: t.good - 0.1, hi: t.good + 0.1, level: 0.95 });
  });
  it('without an interval reads the point as before', () => {
    expect(utilityVerdict(t.good, 'accuracy').level).toBe('good');
    expect(utilityVerdict(t.good - 0.01, 'accuracy').level).toBe('check');
    expect(utilityVerdict(t.check - 0.01, 'accuracy').level).toBe('poor');
    expect(utilityVerdict(1.04, 'accuracy').interval).toBeUndefined();
  });
});

describe('the PCD verdict with the spread of real samples', () => {
  // 5 columns: 20 ordered pairs, so PCD 2 is 2 / √20 ≈ 0.447 per pair (poor by the threshold alone)
  it("is good up to the larger of the holdout reference and the halves' 97.5 % quantile, judged per pair above it", () => {
    expect(pcdVerdict(2, 5, 1.5, 2.5).level).toBe('good');
    expect(pcdVerdict(2, 5, 1.5, 2.5).text).toContain('real samples of these sizes differ by up to 0.559 per pair');
    expect(pcdVerdict(2, 5, 2.5, 1.5).level).toBe('good');
    expect(pcdVerdict(2, 5, 1.5, 1.9).level).toBe('poor');
    expect(pcdVerdict(2, 5, 1.5, null).level).toBe('poor');
    expect(pcdVerdict(2, 5, null, 2.5).level).toBe('poor'); // no holdout: no reference to be within
  });
});
