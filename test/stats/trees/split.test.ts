import { describe, expect, it } from 'vitest';
import { giniChildren, partition, SplitSearch, type GainFn } from '../../../src/stats/trees/split.js';

// 6 rows × 3 features, already binned: feature 0 separates the classes after bin 1, feature 1 is a copy of it
// with the bins reversed (the same partition, found second), feature 2 is constant
const d = 3;
const bins = Uint8Array.from([0, 3, 0, 0, 3, 0, 1, 2, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0]);
const nBins = [3, 4, 1];
const y = [0, 0, 0, 1, 1, 1];
const rows = Int32Array.from([0, 1, 2, 3, 4, 5]);
const C = 2;
const tot = Float64Array.of(3, 3);
const gini: GainFn = (left, nl, nr) => 6 * 0.5 - giniChildren(left, tot, C, nl, nr);

describe('tree split search', () => {
  it('finds the pure split, first feature first on a tie', () => {
    const s = new SplitSearch(bins, nBins, d, { kind: 'classes', y, classes: C });
    const best = s.best(rows, [0, 1, 2], { minLeaf: 1, minGain: 1e-12, gain: gini });
    expect(best).toEqual({ feature: 0, threshold: 1, gain: 3 });
    // features in another order: the other copy wins the tie; its low bins hold class 1
    expect(s.best(rows, [1, 0], { minLeaf: 1, minGain: 1e-12, gain: gini })).toEqual({
      feature: 1,
      threshold: 1,
      gain: 3,
    });
    expect(partition(rows, bins, d, best!)).toEqual([Int32Array.from([0, 1, 2]), Int32Array.from([3, 4, 5])]);
  });

  it('respects the minimum leaf and the gain floor', () => {
    const s = new SplitSearch(bins, nBins, d, { kind: 'classes', y, classes: C });
    expect(s.best(rows, [0, 1, 2], { minLeaf: 4, minGain: 1e-12, gain: gini })).toBeNull();
    expect(s.best(rows, [0, 1, 2], { minLeaf: 1, minGain: 3, gain: gini })).toBeNull();
    expect(s.best(rows, [2], { minLeaf: 1, minGain: 1e-12, gain: gini })).toBeNull(); // one bin: nothing to split
  });

  it('sums statistics per side (squared-error gain on a numerical response)', () => {
    const v = [1, 1, 2, 10, 11, 12];
    const seen: number[][] = [];
    const sse: GainFn = (left, nl, nr, total) => {
      seen.push([left[0]!, nl, nr, total[0]!]);
      const sr = total[0]! - left[0]!;
      return (left[0]! * left[0]!) / nl + (sr * sr) / nr - (total[0]! * total[0]!) / 6;
    };
    const s = new SplitSearch(bins, nBins, d, { kind: 'sums', values: [v] });
    expect(s.best(rows, [0], { minLeaf: 1, minGain: 0, gain: sse })?.threshold).toBe(1);
    // thresholds after bins 0 and 1 (bin 2 is the last touched one): left sums 2 and 4 of the total 37
    expect(seen).toEqual([
      [2, 2, 4, 37],
      [4, 3, 3, 37],
    ]);
  });
});
