import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import type { Schema } from '../../src/core/schema.js';
import type { CatColumn, NumColumn } from '../../src/core/table.js';
import { getColumn, makeTable } from '../../src/core/table.js';
import { Smote } from '../../src/generators/smote/smote.js';
import { loadData } from '../support/data.js';
import { propertySuite } from './classic-helpers.js';

/** 40 rows: two continuous columns, a 3-level category and a 2-class label. */
function toy() {
  const rng = new Rng(8);
  const n = 40;
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, () => 10 + 5 * rng.normal());
  const c = Int32Array.from({ length: n }, () => rng.int(3));
  const cls = Int32Array.from({ length: n }, (_, i) => (x[i]! + 0.3 * rng.normal() > 0 ? 1 : 0));
  const table = makeTable(
    ['x', 'y', 'c', 'cls'],
    [
      { kind: 'num', values: x },
      { kind: 'num', values: y },
      { kind: 'cat', codes: c, levels: ['p', 'q', 'r'] },
      { kind: 'cat', codes: cls, levels: ['no', 'yes'] },
    ],
  );
  const num = (name: string, v: Float64Array) => ({
    name,
    sdtype: 'numerical' as const,
    skip: false,
    missingRate: 0,
    nUnique: n,
    integer: false,
    min: Math.min(...v),
    max: Math.max(...v),
  });
  const schema: Schema = {
    target: 'cls',
    columns: [
      num('x', x),
      num('y', y),
      { name: 'c', sdtype: 'categorical', skip: false, missingRate: 0, nUnique: 3, levels: ['p', 'q', 'r'] },
      { name: 'cls', sdtype: 'categorical', skip: false, missingRate: 0, nUnique: 2, levels: ['no', 'yes'] },
    ],
  };
  return { table, schema, x, y, c, cls, n };
}

/** k nearest same-class rows of row a by the documented distance (standardised squared L2 + 1 per category mismatch). */
function knn(t: ReturnType<typeof toy>, a: number, k: number): number[] {
  const z = (v: Float64Array) => {
    const m = v.reduce((s, q) => s + q, 0) / v.length;
    const s = Math.sqrt(v.reduce((u, q) => u + (q - m) ** 2, 0) / v.length);
    return v.map((q) => (q - m) / s);
  };
  const zx = z(t.x);
  const zy = z(t.y);
  const d = (b: number) => (zx[a]! - zx[b]!) ** 2 + (zy[a]! - zy[b]!) ** 2 + (t.c[a] === t.c[b] ? 0 : 1);
  return Array.from({ length: t.n }, (_, b) => b)
    .filter((b) => b !== a && t.cls[b] === t.cls[a])
    .sort((p, q) => d(p) - d(q))
    .slice(0, k);
}

describe('SMOTE', () => {
  it('every synthetic row lies on a segment between a row and one of its k nearest same-class neighbours', async () => {
    const t = toy();
    const k = 3;
    const g = new Smote({ k });
    await g.fit(t.table, t.schema, { seed: 1 });
    const s = await g.sample(300, { seed: 2 });
    const sx = (getColumn(s, 'x') as NumColumn).values;
    const sy = (getColumn(s, 'y') as NumColumn).values;
    const sc = (getColumn(s, 'c') as CatColumn).codes;
    const scls = (getColumn(s, 'cls') as CatColumn).codes;
    const nbrs = Array.from({ length: t.n }, (_, a) => knn(t, a, k));
    for (let i = 0; i < s.nRows; i++) {
      let found = false;
      for (let a = 0; a < t.n && !found; a++) {
        if (scls[i] !== t.cls[a]) continue;
        for (const b of nbrs[a]!) {
          const dx = t.x[b]! - t.x[a]!;
          const gap = (sx[i]! - t.x[a]!) / dx;
          if (!(gap >= -1e-9 && gap <= 1 + 1e-9)) continue;
          const onSegment = Math.abs(sy[i]! - (t.y[a]! + gap * (t.y[b]! - t.y[a]!))) < 1e-9;
          const catOk = sc[i] === t.c[a] || sc[i] === t.c[b];
          if (onSegment && catOk) {
            found = true;
            break;
          }
        }
      }
      expect(found, `row ${i} is on no same-class neighbour segment`).toBe(true);
    }
    // the class shares are kept (rows are drawn uniformly)
    const yes = scls.filter((c) => c === 1).length / s.nRows;
    const realYes = t.cls.filter((c) => c === 1).length / t.n;
    expect(Math.abs(yes - realYes)).toBeLessThan(0.1);
  });

  it('the neighbour lists are the k nearest of the same class', async () => {
    const t = toy();
    const g = new Smote({ k: 4 });
    await g.fit(t.table, t.schema, { seed: 1 });
    for (let a = 0; a < t.n; a++) expect([...g.neighbours[a]!]).toEqual(knn(t, a, 4));
  });

  it('class column option: another categorical column, or an error for a numerical one', async () => {
    const t = toy();
    const g = new Smote({ classColumn: 'c' });
    const rep = await g.fit(t.table, t.schema, { seed: 1 });
    expect(rep.details['classColumn']).toBe('c');
    for (let a = 0; a < t.n; a++) for (const b of g.neighbours[a]!) expect(t.c[b]).toBe(t.c[a]);
    await expect(new Smote({ classColumn: 'x' }).fit(t.table, t.schema, { seed: 1 })).rejects.toThrow(/numerical/);
  });

  it('regression target: one group, the target interpolated like any number', async () => {
    const d = loadData('prostate', 'lpsa');
    const rep = await new Smote().fit(d.table, d.schema, { seed: 1 });
    expect(rep.details).toMatchObject({ classColumn: null, classes: 1 });
  });

  it('stops fitting when the signal fires (checked per class)', async () => {
    const d = loadData('prostate', 'lpsa');
    let reads = 0;
    const signal = {
      get aborted() {
        return ++reads > 1;
      },
    };
    await expect(new Smote().fit(d.table, d.schema, { seed: 1, signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  propertySuite(() => new Smote(), 0.15);
});
