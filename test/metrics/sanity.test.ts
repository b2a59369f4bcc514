import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { takeRows, type Table } from '../../src/core/table.js';
import { applySplit, holdoutSplit } from '../../src/engine/split.js';
import { evaluate } from '../../src/metrics/evaluate.js';
import { loadData } from '../support/data.js';

function shuffleColumns(t: Table, seed: number): Table {
  const rng = new Rng(seed);
  return {
    ...t,
    columns: t.columns.map(
      (c) => takeRows({ names: ['x'], columns: [c], nRows: t.nRows }, rng.choose(t.nRows, t.nRows)).columns[0]!,
    ),
  };
}

describe('report sanity on real data (wisconsin_breast, 683 rows)', async () => {
  const d = loadData('wisconsin_breast', '10');
  const { train, holdout } = applySplit(d.table, holdoutSplit(d.table, d.schema, 0.3, 0));

  it('real vs itself: shapes = pairs = 1, PCD = 0, every row an exact copy, DCR share well above ½', async () => {
    const r = await evaluate(train, train, holdout, d.schema, { seed: 0, fast: true });
    expect(r.fidelity.columnShapes).toBe(1);
    expect(r.fidelity.columnPairTrends).toBeCloseTo(1, 12);
    expect(r.fidelity.pcd).toBe(0);
    expect(r.privacy.exactCopyRate).toBe(1);
    // a copy of train: 0.5 + ½·(share of train kept in each subsample) plus ties from duplicated rows (judge: dcr_share_max_for_copy)
    expect(r.privacy.dcrShare!).toBeGreaterThan(0.6);
  });

  it('a column-wise shuffle keeps column shapes at 1 but breaks pair trends, PCD and TSTR', async () => {
    const shuffled = shuffleColumns(train, 3);
    const base = await evaluate(train, train, holdout, d.schema, { seed: 0 });
    const r = await evaluate(train, shuffled, holdout, d.schema, { seed: 0 });
    expect(r.fidelity.columnShapes).toBe(1);
    expect(r.fidelity.columnPairTrends!).toBeLessThan(base.fidelity.columnPairTrends! - 0.1);
    expect(r.fidelity.pcd).toBeGreaterThan(2);
    const acc = (x: typeof r) => (x.utility!.holdout!.tstr.randomForest as { accuracy: number }).accuracy;
    expect(acc(base)).toBeGreaterThan(0.9);
    expect(acc(r)).toBeLessThan(0.75); // labels no longer follow the features
  });

  it('the verdicts read their intervals: unseen real rows are "good" on PCD, a shuffle is not; TSTR/TRTR has one', async () => {
    const halves = applySplit(holdout, holdoutSplit(holdout, d.schema, 0.5, 1));
    const unseen = await evaluate(train, halves.train, halves.holdout, d.schema, { seed: 0 });
    const verdict = (x: typeof unseen, m: string) => x.verdicts.find((v) => v.metric === m)!;
    const spread = unseen.fidelity.pcdReference!.spread!;
    expect(spread.splits).toBe(20);
    expect(spread.hi).toBeGreaterThanOrEqual(spread.median);
    expect(verdict(unseen, 'pcd').level).toBe('good');
    const ratio = verdict(unseen, 'utilityRatio');
    expect(ratio.interval!.lo).toBeLessThanOrEqual(ratio.value!);
    expect(ratio.interval!.hi).toBeGreaterThanOrEqual(ratio.value!);
    expect(ratio.interval!.hi - ratio.interval!.lo).toBeGreaterThan(0);
    const shuffled = await evaluate(train, shuffleColumns(train, 3), holdout, d.schema, { seed: 0, fast: true });
    expect(shuffled.fidelity.pcd).toBeGreaterThan(shuffled.fidelity.pcdReference!.spread!.hi * 2);
    expect(verdict(shuffled, 'pcd').level).not.toBe('good');
  });

  it('the holdout scored as if synthetic (against a separate holdout) gives DCR share ≈ ½', async () => {
    // split the holdout in two: one half plays "synthetic", the other the holdout
    const halves = applySplit(holdout, holdoutSplit(holdout, d.schema, 0.5, 1));
    const r = await evaluate(train, halves.train, halves.holdout, d.schema, { seed: 0, fast: true });
    expect(Math.abs(r.privacy.dcrShare! - 0.5)).toBeLessThan(0.1);
  });
});
