import { describe, expect, it } from 'vitest';
import { VERDICT_THRESHOLDS } from '../../src/api/catalog.js';
import { dcrShareVerdict } from '../../src/metrics/verdicts.js';

const iv = (lo: number, hi: number) => ({ lo, hi, level: 0.95 });
const { good, check } = VERDICT_THRESHOLDS.dcrShare;

describe('DCR share verdict from its interval', () => {
  it('too close only when the whole interval lies above the threshold', () => {
    const somewhat = dcrShareVerdict(0.58, iv(good + 0.001, 0.61));
    expect(somewhat.level).toBe('check');
    expect(somewhat.text).toContain('somewhat too close');
    const clearly = dcrShareVerdict(0.7, iv(check + 0.001, 0.8));
    expect(clearly.level).toBe('poor');
    expect(clearly.text).toContain('95% interval 60.1%–80.0%');
  });
  it('inconclusive when the interval spans the threshold, even with a high point estimate', () => {
    // the demo case: 60.7% on a 27-row holdout, about ±10 points
    const v = dcrShareVerdict(0.607, iv(0.507, 0.707));
    expect(v.level).toBe('inconclusive');
    expect(v.text).toContain('holdout is too small');
    expect(dcrShareVerdict(0.5, iv(0.4, good + 0.001)).level).toBe('inconclusive');
  });
  it('good when the whole interval lies at or below the threshold', () => {
    const v = dcrShareVerdict(0.5, iv(0.45, good));
    expect(v.level).toBe('good');
    expect(v.interval).toEqual(iv(0.45, good));
  });
  it('without an interval the point decides, as before', () => {
    expect(dcrShareVerdict(0.61).level).toBe('poor');
    expect(dcrShareVerdict(0.61).interval).toBeUndefined();
    expect(dcrShareVerdict(null).level).toBe('n/a');
  });
});
