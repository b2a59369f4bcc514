import { describe, expect, it } from 'vitest';
import { calinskiHarabasz, silhouette } from '../../src/metrics/clustering.js';

describe('clustering scores, worked by hand', () => {
  const D = { X: Float64Array.from([0, 1, 10, 11]), n: 4, d: 1 };
  const labels = [0, 0, 1, 1];
  it('silhouette of {0,1} and {10,11}: (9.5/10.5 + 8.5/9.5)/2 = 0.899749', () => {
    // point 0: a = 1, b = 10.5 → 0.904762; point 1: a = 1, b = 9.5 → 0.894737 (and symmetric)
    expect(silhouette(D, labels)).toBeCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, 10);
  });
  it('Calinski–Harabasz: B = 100, W = 1, k = 2, n = 4 → (100/1)/(1/2) = 200', () => {
    expect(calinskiHarabasz(D, labels)).toBeCloseTo(200, 10);
  });
});
