import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/core/progress.js';
import type { CatColumn, NumColumn, Table } from '../../src/core/table.js';
import { getColumn } from '../../src/core/table.js';
import { KnnMtd } from '../../src/generators/knnmtd/knnmtd.js';
import { pcdOfTables } from '../../src/stats/association.js';
import { loadData } from '../support/data.js';
import { sameTable } from './classic-helpers.js';

describe('kNNMTD on real data (fixed seeds)', () => {
  const cryo = loadData('cryotherapy', 'Result_of_Treatment');

  it('keeps integer columns on real levels, categories valid, numbers inside the real range', async () => {
    const g = new KnnMtd({ k: 6 });
    await g.fit(cryo.table, cryo.schema, { seed: 1 });
    const s = await g.sample(300, { seed: 2 });
    expect(s.names).toEqual(cryo.table.names);
    expect(s.nRows).toBe(300);
    for (const cs of cryo.schema.columns) {
      const real = getColumn(cryo.table, cs.name);
      const syn = getColumn(s, cs.name);
      if (real.kind === 'num' && syn.kind === 'num') {
        const lv = new Set(real.values);
        for (const x of syn.values) {
          expect(x).toBeGreaterThanOrEqual(cs.min!);
          expect(x).toBeLessThanOrEqual(cs.max!);
          if (cs.integer) expect(lv.has(x)).toBe(true); // snapped to a real level
        }
      } else if (real.kind === 'cat' && syn.kind === 'cat') {
        expect(syn.levels).toEqual(real.levels);
        const used = new Set(real.codes);
        for (const c of syn.codes) expect(used.has(c)).toBe(true);
      }
    }
  });

  it('balances the classes of a ≤ 5-level target', async () => {
    const g = new KnnMtd({ k: 6 });
    await g.fit(cryo.table, cryo.schema, { seed: 1 });
    const s = await g.sample(301, { seed: 3 });
    const codes = (getColumn(s, 'Result_of_Treatment') as CatColumn).codes;
    const counts = new Map<number, number>();
    for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([150, 151]);
  });

  it('is deterministic per seed, and different across seeds', async () => {
    const run = async (fitSeed: number, sampleSeed: number) => {
      const g = new KnnMtd();
      await g.fit(cryo.table, cryo.schema, { seed: fitSeed });
      return g.sample(90, { seed: sampleSeed });
    };
    const a = await run(5, 6);
    const b = await run(5, 6);
    const c = await run(5, 7);
    expect(sameTable(a, b)).toBe(true);
    expect(sameTable(a, c)).toBe(false);
  });

  it('diffuses continuous values: synthetic values are not all copies of real ones', async () => {
    const pros = loadData('prostate', 'lpsa');
    const g = new KnnMtd({ k: 4 });
    await g.fit(pros.table, pros.schema, { seed: 1 });
    const s = await g.sample(97, { seed: 1 });
    const real = new Set((getColumn(pros.table, 'lcavol') as NumColumn).values);
    const syn = (getColumn(s, 'lcavol') as NumColumn).values;
    const copies = syn.filter((x) => real.has(x)).length;
    expect(copies).toBeLessThan(syn.length / 2);
  });

  it('chooses a sensible k: the tuned k has the lowest PCD of the grid, and beats an independent-columns baseline', async () => {
    for (const [stem, target] of [
      ['cryotherapy', 'Result_of_Treatment'],
      ['prostate', 'lpsa'],
    ] as const) {
      const d = loadData(stem, target);
      const g = new KnnMtd();
      const rep = await g.fit(d.table, d.schema, { seed: 1 });
      const t = rep.tuning!;
      expect(t.option).toBe('k');
      expect(t.metric).toBe('PCD');
      expect(t.scores.map((x) => x.value)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
      const best = Math.min(...t.scores.map((x) => x.score));
      expect(t.chosen).toBe(t.scores.find((x) => x.score === best)!.value);
      expect(g.chosenK).toBe(t.chosen);
      // a column-wise shuffle keeps every marginal and destroys every association: kNNMTD must do much better
      const s = await g.sample(d.table.nRows, { seed: 2 });
      const shuffled = shuffleColumns(d.table, 9);
      expect(pcdOfTables(d.table, s)).toBeLessThan(0.5 * pcdOfTables(d.table, shuffled));
    }
  });

  it('reports the automatic k as generic tuning (tune progress and FitReport.tuning); a fixed k reports none', async () => {
    const seen: Progress[] = [];
    const rep = await new KnnMtd({ nObs: 10 }).fit(cryo.table, cryo.schema, {
      seed: 1,
      onProgress: (p) => seen.push(p),
    });
    const tunes = seen.filter((p): p is Extract<Progress, { stage: 'tune' }> => p.stage === 'tune');
    expect(tunes.length).toBeGreaterThanOrEqual(2); // throttled: at least the first and the last
    expect(tunes.every((p) => p.option === 'k' && p.metric === 'PCD' && p.scores.length <= 8)).toBe(true);
    expect(tunes.at(-1)).toMatchObject({ fraction: 1, scores: rep.tuning!.scores });
    expect(rep.details['kScores']).toBeUndefined();
    const fixed = await new KnnMtd({ k: 4, nObs: 10 }).fit(cryo.table, cryo.schema, { seed: 1 });
    expect(fixed.tuning).toBeUndefined();
    expect(fixed.notes).toContain('k = 4 (fixed by the user)');
  });

  it('refuses to sample before fitting', async () => {
    await expect(new KnnMtd().sample(5, { seed: 1 })).rejects.toThrow(/not been fitted/);
  });

  it('stops when cancelled', async () => {
    const g = new KnnMtd({ nObs: 1000 });
    const signal = { aborted: false };
    const p = g.fit(cryo.table, cryo.schema, { seed: 1, signal });
    signal.aborted = true;
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

function shuffleColumns(t: Table, seed: number): Table {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
  const perm = () => {
    const p = Array.from({ length: t.nRows }, (_, i) => i);
    for (let i = p.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    return p;
  };
  return {
    names: t.names,
    nRows: t.nRows,
    columns: t.columns.map((c) => {
      const p = perm();
      if (c.kind === 'num') return { kind: 'num', values: Float64Array.from(p, (i) => c.values[i]!) };
      if (c.kind === 'cat') return { kind: 'cat', codes: Int32Array.from(p, (i) => c.codes[i]!), levels: c.levels };
      return c;
    }),
  };
}
