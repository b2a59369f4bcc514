import { describe, expect, it } from 'vitest';
import { erfc, logErfc } from '../../../src/privacy/dp/erfc.js';

// reference values: scipy.special.erfc and ln 2 + log_ndtr(−x√2)
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('erfc', () => {
  it('matches reference values across the range, on both sides of the series/fraction switch', () => {
    expect(erfc(0)).toBe(1);
    expect(rel(erfc(0.5), 0.4795001221869535)).toBeLessThan(1e-14);
    expect(rel(erfc(1), 0.15729920705028516)).toBeLessThan(1e-14);
    expect(rel(erfc(3), 2.2090496998585445e-5)).toBeLessThan(1e-14);
    expect(rel(erfc(-1), 1.8427007929497148)).toBeLessThan(1e-14);
    expect(rel(erfc(10), 2.0884875837625446e-45)).toBeLessThan(1e-13);
  });

  it('ln erfc stays finite and accurate where erfc itself underflows', () => {
    expect(erfc(30)).toBe(0);
    expect(rel(logErfc(30), -903.9741171106442)).toBeLessThan(1e-14);
    expect(rel(logErfc(100), -10005.177585122668)).toBeLessThan(1e-14);
    expect(rel(logErfc(3), -10.720363041981116)).toBeLessThan(1e-14);
    expect(logErfc(-40)).toBeCloseTo(Math.LN2, 15);
    expect(logErfc(Infinity)).toBe(-Infinity);
  });
});
