import { describe, expect, it } from 'vitest';
import { acfError, dtwDistance } from '../../src/timeseries/metrics.js';

describe('sequence metrics', () => {
  it('DTW by hand', () => {
    expect(dtwDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    // a repeated point aligns for free: 1,1,2,3 vs 1,2,3
    expect(dtwDistance([1, 1, 2, 3], [1, 2, 3])).toBe(0);
    // 0,0,0 vs 1: every point pairs with the single 1 → 3
    expect(dtwDistance([0, 0, 0], [1])).toBe(3);
    // 1,3 vs 2: |1−2| + |3−2| = 2
    expect(dtwDistance([1, 3], [2])).toBe(2);
    // 0,5,0 vs 0,0,5,0: the extra 0 matches a 0
    expect(dtwDistance([0, 5, 0], [0, 0, 5, 0])).toBe(0);
    expect(dtwDistance([1, 2], [2, 4])).toBe(dtwDistance([2, 4], [1, 2]));
  });
  it('ACF error by hand: 1,2,3,4 against its reverse and against an alternating series', () => {
    // ρ(1) of 1,2,3,4 is 0.25 and of 4,3,2,1 too: error 0 at lag 1
    expect(acfError([1, 2, 3, 4], [4, 3, 2, 1], 1)).toBeCloseTo(0, 12);
    // 1,−1,1,−1: mean 0, c0 = 4, lag-1 sum = −3 → ρ(1) = −0.75; |0.25 − (−0.75)| = 1
    expect(acfError([1, 2, 3, 4], [1, -1, 1, -1], 1)).toBeCloseTo(1, 12);
    // lag 2 of both: (1,2,3,4) → (−1.5·.5 + −.5·1.5)/5 = −0.3; (1,−1,1,−1) → 2/4 = 0.5; mean of 1 and 0.8
    expect(acfError([1, 2, 3, 4], [1, -1, 1, -1], 2)).toBeCloseTo(0.9, 12);
  });
});
