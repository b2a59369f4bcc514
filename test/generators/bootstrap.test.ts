import { describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/schema.js';
import type { Table } from '../../src/core/table.js';
import { Bootstrap } from '../../src/generators/bootstrap/bootstrap.js';
import { loadData } from '../support/data.js';
import { propertySuite } from './classic-helpers.js';

/**
 * Rows as strings, for set membership. Numbers at the column's written precision (schema `decimals`): the output is
 * rounded to the input's precision (model-data.ts), e.g. prostate's -1.3862940000000001 is written -1.386294.
 */
function rowKeys(t: Table, schema: Schema): string[] {
  const dec = t.names.map((n) => schema.columns.find((c) => c.name === n)?.decimals);
  const num = (x: number, j: number): string =>
    String(dec[j] === undefined ? x : Number(x.toFixed(Math.min(20, dec[j]!))));
  return Array.from({ length: t.nRows }, (_, i) =>
    t.columns
      .map((c, j) =>
        c.kind === 'num' ? num(c.values[i]!, j) : c.kind === 'cat' ? String(c.codes[i]) : String(c.values[i]),
      )
      .join('|'),
  );
}

describe('bootstrap', () => {
  for (const [stem, target] of [
    ['cryotherapy', 'Result_of_Treatment'],
    ['prostate', 'lpsa'],
  ] as const) {
    it(`noise 0 returns only real rows (${stem}), and draws most of them`, async () => {
      const d = loadData(stem, target);
      const g = new Bootstrap();
      await g.fit(d.table, d.schema, { seed: 1 });
      const s = await g.sample(1000, { seed: 2 });
      const real = new Set(rowKeys(d.table, d.schema));
      const syn = rowKeys(s, d.schema);
      expect(syn.every((k) => real.has(k))).toBe(true);
      // 1000 draws from ~90 rows miss a given row with probability (1 − 1/90)^1000 ≈ 1.5e-5
      expect(new Set(syn).size).toBe(real.size);
    });
  }

  it('noise > 0 moves numerical cells off the real rows', async () => {
    const d = loadData('prostate', 'lpsa');
    const g = new Bootstrap({ noise: 0.2 });
    await g.fit(d.table, d.schema, { seed: 1 });
    const s = await g.sample(500, { seed: 2 });
    const real = new Set(rowKeys(d.table, d.schema));
    expect(rowKeys(s, d.schema).filter((k) => real.has(k)).length).toBeLessThan(10);
  });

  propertySuite(() => new Bootstrap({ noise: 0.1 }), 0.15);
});
