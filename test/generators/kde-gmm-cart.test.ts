/**
 * Property tests of kde, gmm and cart on cryotherapy (target Result_of_Treatment) and prostate (target lpsa): the
 * shared classic suite (valid output, seed-determinism, means within 0.15 real SDs, missing cells at the real rate),
 * plus correlations kept: every pair of numerical columns with |ρ_real| ≥ 0.2 within the stated gap.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/errors.js';
import type { NumColumn } from '../../src/core/table.js';
import { SequentialCart } from '../../src/generators/cart/cart.js';
import type { Generator } from '../../src/generators/generator.js';
import { Gmm } from '../../src/generators/gmm/gmm.js';
import { Kde } from '../../src/generators/kde/kde.js';
import { loadData } from '../support/data.js';
import { pearson, PROPERTY_SETS, propertySuite } from './classic-helpers.js';

/**
 * Largest |ρ_syn − ρ_real| allowed (3000 rows, pairs with |ρ_real| ≥ 0.2). The diagonal KDE shrinks ρ by
 * 1/(1 + h²) (kde.test.ts checks that exactly), about 0.3 of ρ at h ≈ 0.66, hence its wider gap.
 */
const CASES: [string, () => Generator, number][] = [
  ['kde (diagonal kernel)', () => new Kde(), 0.25],
  ['kde (full kernel)', () => new Kde({ kernel: 'full' }), 0.1],
  ['gmm', () => new Gmm(), 0.1],
  ['cart', () => new SequentialCart(), 0.12],
];

for (const [name, make, gap] of CASES) {
  describe(name, () => {
    propertySuite(make, 0.15);
    for (const [stem, target] of PROPERTY_SETS) {
      it(`correlations on ${stem}: |Δρ| < ${gap} where |ρ_real| ≥ 0.2`, async () => {
        const d = loadData(stem, target);
        const g = make();
        await g.fit(d.table, d.schema, { seed: 1 });
        const s = await g.sample(3000, { seed: 2 });
        const nums = d.table.columns.flatMap((c, j) => (c.kind === 'num' ? [j] : []));
        let pairs = 0;
        for (const a of nums) {
          for (const b of nums) {
            if (b <= a) continue;
            const r = pearson((d.table.columns[a] as NumColumn).values, (d.table.columns[b] as NumColumn).values);
            if (Math.abs(r) < 0.2) continue;
            pairs++;
            const q = pearson((s.columns[a] as NumColumn).values, (s.columns[b] as NumColumn).values);
            expect(
              Math.abs(q - r),
              `${d.table.names[a]}–${d.table.names[b]}: real ${r.toFixed(3)}, synthetic ${q.toFixed(3)}`,
            ).toBeLessThan(gap);
          }
        }
        expect(pairs).toBeGreaterThan(0);
      });
    }
  });
}

describe('cancel', () => {
  for (const [name, make] of [
    ['gmm', () => new Gmm()],
    ['cart', () => new SequentialCart()],
  ] as const) {
    it(`${name}: a cancel during fitting (here at the first progress report) stops it with CancelledError`, async () => {
      const d = loadData('prostate', 'lpsa');
      const signal = { aborted: false };
      let reports = 0;
      const fit = make().fit(d.table, d.schema, {
        seed: 1,
        signal,
        onProgress: () => {
          reports++;
          signal.aborted = true;
        },
      });
      await expect(fit).rejects.toBeInstanceOf(CancelledError);
      expect(reports).toBe(1);
    });
  }
  it('cart: a cancel during sampling stops it', async () => {
    const d = loadData('prostate', 'lpsa');
    const g = new SequentialCart();
    await g.fit(d.table, d.schema, { seed: 1 });
    const signal = { aborted: false };
    const p = g.sample(1000, { seed: 2, signal });
    signal.aborted = true;
    await expect(p).rejects.toBeInstanceOf(CancelledError);
  });
});
