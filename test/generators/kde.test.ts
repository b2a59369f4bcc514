/**
 * KDE: the bandwidth rules and the sampling mechanism against values worked out by hand (the numbers in comments
 * were checked with `python3 -c "print(40**-0.2 * 22.758835280684586)"` and the like).
 */
import { describe, expect, it } from 'vitest';
import { getColumn, type CatColumn, type NumColumn } from '../../src/core/table.js';
import { bandwidth, Kde } from '../../src/generators/kde/kde.js';
import { buildTable, inferSchema, parseCsv } from '../../src/io/index.js';
import { loadData } from '../support/data.js';
import { mean, pearson, prostateWithMissing, sd } from './classic-helpers.js';

function fromCsv(text: string, target: string | null = null) {
  const parsed = parseCsv(text, { fileName: 'toy.csv' });
  const { schema } = inferSchema(parsed, { target });
  return { schema, table: buildTable(parsed, schema) };
}

describe('bandwidth rules, by hand', () => {
  it('Scott n^(−1/(d+4)); Silverman (4/(d+2))^(1/(d+4)) n^(−1/(d+4))', () => {
    expect(bandwidth('scott', 100, 1)).toBeCloseTo(0.398107, 6); // 100^−0.2
    expect(bandwidth('silverman', 100, 1)).toBeCloseTo(0.421685, 6); // (4/3)^0.2 · 0.398107
    expect(bandwidth('scott', 50, 3)).toBeCloseTo(0.5718604, 7); // 50^(−1/7)
    expect(bandwidth('silverman', 50, 3)).toBeCloseTo(0.5539183, 7); // (4/5)^(1/7) · 50^(−1/7)
    expect(bandwidth('silverman', 100, 2)).toBeCloseTo(bandwidth('scott', 100, 2), 12); // (4/4)^… = 1
  });
});

describe('sampling', () => {
  // 38 rows at 0.25 and one each at ±100.5: SD (n − 1) = 22.7588; rows drawn from the 0.25 cluster get N(0.25, (h·SD)²)
  // and the far rows stay beyond |x| > 50 (4.6 noise SDs away), so the central part measures the kernel's width
  const csv = 'x\n' + [...Array(38).fill('0.25'), '-100.5', '100.5'].join('\n') + '\n';
  for (const [rule, want] of [
    ['scott', 10.88273], // 22.7588 · 40^−0.2
    ['silverman', 11.52725], // 22.7588 · (4/3)^0.2 · 40^−0.2
  ] as const) {
    it(`noise SD = h·SD of the column (${rule}: ${want})`, async () => {
      const d = fromCsv(csv);
      const g = new Kde({ bandwidth: rule });
      const rep = await g.fit(d.table, d.schema, { seed: 1 });
      expect((rep.details['bandwidths'] as number[])[0]).toBeCloseTo(want / 22.758835, 5);
      const x = (getColumn(await g.sample(20000, { seed: 2 }), 'x') as NumColumn).values.filter(
        (v) => Math.abs(v) < 50,
      );
      expect(Math.abs(sd(x) / want - 1)).toBeLessThan(0.02); // the two rules differ by 5.9%
      expect(Math.abs(mean(x) - 0.25)).toBeLessThan(0.3);
    });
  }

  it('one bandwidth per class (n of the class), and the class column is never switched', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 40; i++) rows.push(`${(i * 0.37).toFixed(2)},${((i * 7) % 13) + 0.5},${i < 30 ? 'a' : 'b'}`);
    const d = fromCsv('x,z,cls\n' + rows.join('\n') + '\n', 'cls');
    const g = new Kde({ categoryNoise: 0.5 });
    const rep = await g.fit(d.table, d.schema, { seed: 1 });
    // d = 2 numerical columns: 30^(−1/6) and 10^(−1/6)
    expect(rep.details['bandwidths']).toEqual([expect.closeTo(0.5673004, 6), expect.closeTo(0.6812921, 6)]);
    const cls = getColumn(await g.sample(10000, { seed: 2 }), 'cls') as CatColumn;
    const shareA = cls.codes.filter((c) => c === cls.levels.indexOf('a')).length / 10000;
    expect(Math.abs(shareA - 0.75)).toBeLessThan(0.02); // switching with λ = ½ would give 0.5
  });

  it('Aitchison–Aitken: P(level) = (1 − λ)p + λ(1 − p)/(L − 1)', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 40; i++) rows.push(`${(i * 0.31).toFixed(2)},${i < 32 ? 'a' : i < 36 ? 'b' : 'c'}`);
    const d = fromCsv('x,c\n' + rows.join('\n') + '\n');
    const g = new Kde({ categoryNoise: 0.2 });
    await g.fit(d.table, d.schema, { seed: 1 });
    const c = getColumn(await g.sample(20000, { seed: 2 }), 'c') as CatColumn;
    const share = (l: string) => c.codes.filter((x) => x === c.levels.indexOf(l)).length / 20000;
    expect(Math.abs(share('a') - 0.66)).toBeLessThan(0.015); // 0.8·0.8 + 0.2·0.2/2
    expect(Math.abs(share('b') - 0.17)).toBeLessThan(0.015); // 0.8·0.1 + 0.2·0.9/2
    expect(Math.abs(share('c') - 0.17)).toBeLessThan(0.015);
  });

  it('a missing-indicator keeps the picked row: the missing rate stays at the real one even with λ = ½', async () => {
    const d = prostateWithMissing();
    const g = new Kde({ categoryNoise: 0.5 });
    await g.fit(d.table, d.schema, { seed: 1 });
    const v = (getColumn(await g.sample(10000, { seed: 2 }), 'lcavol') as NumColumn).values;
    expect(Math.abs(v.filter(Number.isNaN).length / 10000 - 10 / 97)).toBeLessThan(0.02); // switching would give ≈ 0.5
  });

  it('correlations: diagonal kernel shrinks ρ to ρ/(1 + h²·n/(n−1)); the full kernel keeps ρ', async () => {
    const d = loadData('prostate', 'lpsa');
    const real = pearson(
      (getColumn(d.table, 'lcavol') as NumColumn).values,
      (getColumn(d.table, 'lpsa') as NumColumn).values,
    ); // 0.7345
    const rho = async (kernel: string): Promise<{ r: number; h: number }> => {
      const g = new Kde({ kernel });
      const rep = await g.fit(d.table, d.schema, { seed: 1 });
      const s = await g.sample(20000, { seed: 2 });
      return {
        r: pearson((getColumn(s, 'lcavol') as NumColumn).values, (getColumn(s, 'lpsa') as NumColumn).values),
        h: (rep.details['bandwidths'] as number[])[0]!,
      };
    };
    const diag = await rho('diagonal');
    // Var(x_I + hσε) = σ²(n−1)/n + h²σ² and the covariance is unchanged (clipping to the range moves it a little)
    expect(Math.abs(diag.r - real / (1 + (diag.h ** 2 * 97) / 96))).toBeLessThan(0.04);
    const full = await rho('full');
    expect(Math.abs(full.r - real)).toBeLessThan(0.04);
  });
});
