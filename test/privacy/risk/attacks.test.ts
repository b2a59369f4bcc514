import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.js';
import { disclosureProtection, protectionScore } from '../../../src/privacy/risk/cap.js';
import { domias, rocAuc, type EncodedRows } from '../../../src/privacy/risk/domias.js';
import { kAnonymity } from '../../../src/privacy/risk/k-anonymity.js';
import { anonymeterRisk, wilson } from '../../../src/privacy/risk/wilson.js';

describe('Wilson interval and anonymeter risk (DESIGN.md §8 check value)', () => {
  it('16 successes of 500 → rate 0.0355682, error 0.0157767', () => {
    const r = wilson(16, 500);
    expect(r.rate).toBeCloseTo(0.0355682, 7);
    expect(r.error).toBeCloseTo(0.0157767, 7);
  });
  it('control 0.0221312 → risk 0.013741, clipped to [0, 1]', () => {
    const risk = anonymeterRisk(wilson(16, 500), { rate: 0.0221312, error: 0.01 });
    expect(risk.value).toBeCloseTo(0.013741, 6);
    expect(risk.lo).toBe(0);
    expect(risk.hi).toBeGreaterThan(risk.value);
    // an attack no better than the control has no risk
    expect(anonymeterRisk(wilson(5, 500), wilson(20, 500)).value).toBe(0);
  });
  it('0 of 10 still has a positive centre (z²/2 pseudo-successes)', () => {
    expect(wilson(0, 10).rate).toBeCloseTo(1.9207294 / 13.8414588, 6);
    expect(() => wilson(3, 2)).toThrow(RangeError);
  });
});

describe('k-anonymity support, by hand', () => {
  const real = ['A', 'A', 'A', 'B', 'B', 'C'];
  const synth = ['A', 'B', 'C', 'D', 'A'];
  it('the real table is 1-anonymous (C is unique); k = 3 makes B and C rare', () => {
    const r = kAnonymity(real, synth, 3);
    expect(r.realK).toBe(1);
    expect(r.realClasses).toBe(3);
    expect(r.rareRows).toBe(2);
    expect(r.rareShare).toBeCloseTo(0.4, 12);
    expect(r.unmatchedShare).toBeCloseTo(0.2, 12);
  });
  it('k = 2: only C (support 1) is rare', () => {
    expect(kAnonymity(real, synth, 2).rareRows).toBe(1);
    expect(kAnonymity(['A', 'A', 'B', 'B'], [], 2).realK).toBe(2);
  });
});

describe('CAP disclosure protection (SDMetrics DisclosureProtection)', () => {
  it('documentation example: protection 55%, baseline 66.67% → 0.825', () => {
    expect(protectionScore(0.55, 1 - 1 / 3)).toBeCloseTo(0.825, 12);
    expect(protectionScore(0.9, 0.5)).toBe(1);
    expect(protectionScore(0, 0)).toBe(0);
  });
  // real rows (key, secret); synthetic classes: a → x, x, y; b → x; c → y; no synthetic d
  const realKey = ['a', 'a', 'b', 'c', 'a', 'd'];
  const realSecret = ['x', 'y', 'x', 'y', 'z', 'x'];
  const synthKey = ['a', 'a', 'a', 'b', 'c'];
  const synthSecret = ['x', 'x', 'y', 'x', 'y'];
  it('cap skips the unmatched real row: CAPs 2/3, 1/3, 1, 1, 0 → protection 0.4, score 0.6', () => {
    const r = disclosureProtection(realKey, realSecret, synthKey, synthSecret, [3], 'cap');
    expect(r.rows).toBe(5);
    expect(r.protection).toBeCloseTo(0.4, 12);
    expect(r.baseline).toBeCloseTo(2 / 3, 12);
    expect(r.score).toBeCloseTo(0.6, 12);
  });
  it('zero_cap counts it as CAP 0: protection 0.5, score 0.75', () => {
    const r = disclosureProtection(realKey, realSecret, synthKey, synthSecret, [3], 'zero_cap');
    expect(r.rows).toBe(6);
    expect(r.protection).toBeCloseTo(0.5, 12);
    expect(r.score).toBeCloseTo(0.75, 12);
  });
});

describe('DOMIAS membership inference', () => {
  const gauss = (rng: Rng, n: number, d = 3): EncodedRows => ({
    n,
    d,
    x: Float64Array.from({ length: n * d }, () => rng.normal()),
  });
  it('ROC-AUC by ranks, ties ½', () => {
    expect(rocAuc([3, 4], [1, 2])).toBe(1);
    expect(rocAuc([1, 2], [1, 2])).toBe(0.5);
    expect(rocAuc([2], [1, 2, 3])).toBeCloseTo(0.5, 12);
  });
  it('synthetic = training: AUC near 1; synthetic = fresh draws: AUC near 0.5', () => {
    const copies: number[] = [];
    const fresh: number[] = [];
    for (let s = 0; s < 4; s++) {
      const rng = new Rng(100 + s);
      const train = gauss(rng, 150);
      const holdout = gauss(rng, 200);
      copies.push(domias(train, train, holdout, s)!.auc);
      fresh.push(domias(train, gauss(rng, 300), holdout, s)!.auc);
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(copies)).toBeGreaterThan(0.9);
    expect(Math.abs(mean(fresh) - 0.5)).toBeLessThan(0.06);
  });
  it('an interval around the AUC; null on a holdout too small to split', () => {
    const rng = new Rng(1);
    const r = domias(gauss(rng, 40), gauss(rng, 40), gauss(rng, 40), 0)!;
    expect(r.lo).toBeLessThan(r.auc);
    expect(r.hi).toBeGreaterThan(r.auc);
    expect(r.members).toBe(20);
    expect(domias(gauss(rng, 40), gauss(rng, 40), gauss(rng, 3), 0)).toBeNull();
  });
});
