import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import type { NumColumn } from '../../src/core/table.js';
import { getColumn, makeTable } from '../../src/core/table.js';
import { DistFit, type ColumnFit } from '../../src/generators/distfit/distfit.js';
import { ksStatistic, makeDistribution, type ParametricFamily } from '../../src/transforms/distributions.js';
import { loadData } from '../support/data.js';
import { gammaSample, pearson, propertySuite } from './classic-helpers.js';

describe('distribution fitting', () => {
  it('reports per column the family with the lowest KS statistic, and that statistic is right', async () => {
    const d = loadData('prostate', 'lpsa');
    const g = new DistFit();
    const rep = await g.fit(d.table, d.schema, { seed: 1 });
    const cols = rep.details['columns'] as ColumnFit[];
    expect(cols.map((c) => c.column)).toEqual(d.table.names);
    for (const c of cols) {
      if (c.family === 'categorical') continue;
      const ks = c.candidates!.filter((x) => x.ks !== null).map((x) => x.ks!);
      expect(c.ks).toBe(Math.min(...ks));
      const values = Float64Array.from((getColumn(d.table, c.column) as NumColumn).values).sort();
      expect(ksStatistic(values, makeDistribution(c.family as ParametricFamily, c.params!).cdf)).toBeCloseTo(c.ks!, 12);
      expect(rep.notes.some((n) => n.startsWith(`${c.column}: ${c.family} (KS `))).toBe(true);
    }
  });

  it('finds the gamma a column was drawn from, end to end', async () => {
    const rng = new Rng(5);
    const n = 3000;
    const v = Float64Array.from({ length: n }, () => 3 * gammaSample(rng, 2));
    const t = makeTable(['x'], [{ kind: 'num', values: v }]);
    const g = new DistFit();
    const rep = await g.fit(
      t,
      {
        target: null,
        columns: [
          {
            name: 'x',
            sdtype: 'numerical',
            skip: false,
            missingRate: 0,
            nUnique: n,
            integer: false,
            min: Math.min(...v),
            max: Math.max(...v),
          },
        ],
      },
      { seed: 1 },
    );
    const c = (rep.details['columns'] as ColumnFit[])[0]!;
    expect(c.family).toBe('gamma');
    expect(Math.abs(c.params!['shape']! - 2)).toBeLessThan(0.15);
  });

  it('samples columns independently: synthetic correlations ≈ 0 where the real ones are strong', async () => {
    const d = loadData('prostate', 'lpsa');
    const g = new DistFit();
    await g.fit(d.table, d.schema, { seed: 1 });
    const s = await g.sample(3000, { seed: 2 });
    const col = (t: typeof s, name: string) => (getColumn(t, name) as NumColumn).values;
    expect(pearson(col(d.table, 'lcavol'), col(d.table, 'lpsa'))).toBeGreaterThan(0.7);
    // 3000 independent rows: |r| has standard error 0.018
    expect(Math.abs(pearson(col(s, 'lcavol'), col(s, 'lpsa')))).toBeLessThan(0.07);
  });

  it('a named family where it does not apply falls back to the best one, and says so', async () => {
    const d = loadData('prostate', 'lpsa');
    const g = new DistFit({ family: 'gamma' });
    const rep = await g.fit(d.table, d.schema, { seed: 1 });
    expect(rep.notes.some((n) => n.startsWith('lcavol:') && n.includes('gamma does not apply'))).toBe(true);
  });

  propertySuite(() => new DistFit(), 0.15);
});
