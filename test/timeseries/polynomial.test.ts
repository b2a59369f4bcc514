import { describe, expect, it } from 'vitest';
import {
  difference,
  differencingPolynomial,
  expandAr,
  expandMa,
  fromStationary,
  toStationary,
} from '../../src/timeseries/polynomial.js';

describe('lag polynomials', () => {
  it('multiplies seasonal MA factors: (1 + aB)(1 + bB^4)', () => {
    expect(expandMa([0.5], [0.2], 4)).toEqual([0.5, 0, 0, 0.2, 0.1]);
  });
  it('multiplies seasonal AR factors: (1 − aB)(1 − bB^2) = 1 − aB − bB² + abB³', () => {
    expect(expandAr([0.5], [0.2], 2)).toEqual([0.5, 0.2, -0.1]);
  });
  it('differencing polynomial of (1 − B)(1 − B^3)', () => {
    // (1 − B)(1 − B³) = 1 − B − B³ + B⁴ → y_t = w_t + y_{t−1} + y_{t−3} − y_{t−4}
    expect(differencingPolynomial(1, 1, 3)).toEqual([1, 0, 1, -1]);
    const y = [1, 4, 9, 16, 25, 36, 49];
    const w = difference(y, 1, 1, 3);
    const delta = differencingPolynomial(1, 1, 3);
    for (let t = 4; t < y.length; t++)
      expect(w[t - 4]! + delta.reduce((s, c, k) => s + c * y[t - k - 1]!, 0)).toBe(y[t]);
  });
  it('the PACF map is a bijection onto stationary polynomials', () => {
    const raw = [0.3, -1.2, 2.0];
    const phi = toStationary(raw);
    expect(fromStationary(phi)?.map((v) => +v.toFixed(10))).toEqual(raw);
    expect(fromStationary([1.2])).toBeNull();
    expect(fromStationary([0.5, 0.6])).toBeNull(); // 1 − .5B − .6B² has a root inside the unit circle
  });
});
