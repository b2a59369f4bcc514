import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.js';
import type { Schema } from '../../../src/core/schema.js';
import { makeTable, type Table } from '../../../src/core/table.js';
import { prepare } from '../../../src/metrics/prepare.js';
import { privacy } from '../../../src/metrics/privacy.js';
import { normalQuantile } from '../../../src/privacy/risk/dcr-interval.js';

const schema: Schema = {
  target: null,
  columns: ['x', 'y'].map((name) => ({ name, sdtype: 'numerical', skip: false, missingRate: 0, nUnique: 100 })),
};
const draw = (rng: Rng, n: number): Table =>
  makeTable(
    ['x', 'y'],
    [0, 1].map(() => ({ kind: 'num' as const, values: Float64Array.from({ length: n }, () => rng.normal()) })),
  );

describe('DCR share interval', () => {
  it('normal quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6);
  });

  it('covers the true share 0.5 at about the nominal rate when synthetic rows are fresh draws', () => {
    const rng = new Rng(7);
    const trials = 150;
    let covered = 0;
    let sd = 0;
    const shares: number[] = [];
    for (let t = 0; t < trials; t++) {
      const r = privacy(prepare(draw(rng, 40), draw(rng, 40), draw(rng, 20), schema), t);
      const iv = r.dcrShareInterval!;
      if (iv.lo <= 0.5 && 0.5 <= iv.hi) covered++;
      sd += iv.sd / trials;
      shares.push(r.dcrShare!);
    }
    expect(covered / trials).toBeGreaterThan(0.9);
    // the interval's SD against the share's real spread over fresh tables: on the safe side, but not degenerate
    const mean = shares.reduce((a, b) => a + b, 0) / trials;
    const trueSd = Math.sqrt(shares.reduce((a, b) => a + (b - mean) ** 2, 0) / (trials - 1));
    expect(sd / trueSd).toBeGreaterThan(0.9);
    expect(sd / trueSd).toBeLessThan(1.5);
  });

  it('lies above 0.5 when the synthetic rows are the training rows', () => {
    const rng = new Rng(3);
    const real = draw(rng, 60);
    const iv = privacy(prepare(real, real, draw(rng, 40), schema), 1).dcrShareInterval!;
    expect(iv.lo).toBeGreaterThan(0.6);
    expect(iv.replicates).toBe(200);
  });
});
