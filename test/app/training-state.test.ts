/**
 * The page state behind the training view and the default generator (no browser): per-epoch history from 'train'
 * progress, the full history from a finished run's fit report, ETA words, and GenerativeMTD vs kNNMTD by size.
 */
import { describe, expect, it } from 'vitest';
import type { GenerateResult, Progress } from '../../src/api/types.js';
import { defaultGeneratorFor, SMALL_TABLE_ROWS } from '../../src/app/state/app.svelte.js';
import { describeEta, historyOfResult, RunState } from '../../src/app/state/run.svelte.js';

function train(epoch: number, extra: Partial<Extract<Progress, { stage: 'train' }>> = {}): Progress {
  return { stage: 'train', fraction: epoch / 10, epoch, epochs: 10, losses: { total: 1 / epoch, critic: -0.1 }, validation: 0.5 / epoch, etaMs: 1000 * (10 - epoch), backend: 'wasm', ...extra };
}

function resultWith(details: Record<string, unknown>, backend = 'wasm'): GenerateResult {
  return { fit: { generator: 'gmtd', options: {}, seconds: 1, rows: 10, modelColumns: 3, backend, notes: [], details } } as unknown as GenerateResult;
}

describe('training history in RunState', () => {
  it('one point per epoch from train progress (a repeated epoch replaces its point), status with ETA and backend', () => {
    const run = new RunState();
    run.onProgress({ stage: 'fit', fraction: 0, message: 'pseudo-real data' });
    expect(run.trainHistory).toEqual([]);
    run.onProgress(train(1));
    run.onProgress(train(2));
    run.onProgress(train(2, { losses: { total: 0.4 } }));
    run.onProgress(train(1)); // out of order: ignored
    run.onProgress(train(4));
    expect(run.trainHistory.map((p) => p.epoch)).toEqual([1, 2, 4]);
    expect(run.trainHistory[1]).toEqual({ epoch: 2, losses: { total: 0.4 }, pcd: 0.25 });
    expect(run.training).toEqual({ epoch: 4, epochs: 10, etaMs: 6000, backend: 'wasm' });
    expect(run.progress?.stage).toBe('train');
  });

  it('after a run: the fit report history replaces the throttled one; cancelled keeps it, without ETA; reset empties it', () => {
    const run = new RunState();
    run.onProgress(train(1));
    run.onProgress(train(3));
    const full = [1, 2, 3].map((epoch) => ({ epoch, pcd: 0.1 * epoch, total: epoch, critic: -epoch, note: 'x' }));
    run.endTraining(resultWith({ history: full }, 'webgl'));
    expect(run.trainHistory).toEqual(full.map((h) => ({ epoch: h.epoch, pcd: h.pcd, losses: { total: h.total, critic: h.critic } })));
    expect(run.training).toEqual({ epoch: 3, epochs: 10, etaMs: null, backend: 'webgl' });

    run.resetTraining();
    expect(run.trainHistory).toEqual([]);
    expect(run.training).toBeNull();
    run.onProgress(train(2));
    run.endTraining(null); // cancelled
    expect(run.trainHistory.map((p) => p.epoch)).toEqual([2]);
    expect(run.training?.etaMs).toBeNull();

    // a run that trained nothing leaves no training view
    run.resetTraining();
    run.endTraining(resultWith({ k: 5 }));
    expect(run.training).toBeNull();
    expect(historyOfResult(resultWith({ history: 'no' }))).toBeNull();
  });

  it('ETA in words', () => {
    expect(describeEta(undefined)).toBeNull();
    expect(describeEta(Number.NaN)).toBeNull();
    expect(describeEta(400)).toBe('almost done');
    expect(describeEta(40_400)).toBe('about 40 s left');
    expect(describeEta(185_000)).toBe('about 3 min left');
    expect(describeEta(2 * 3_600_000)).toBe('about 2.0 h left');
  });

  it('the user picking a generator is remembered; a default is not', () => {
    const run = new RunState();
    run.generators = [{ id: 'knnmtd', label: 'k', description: '', minRows: 3, neural: false, options: [] }];
    run.selectGenerator('knnmtd');
    expect(run.generatorPicked).toBe(false);
    run.pickGenerator('knnmtd');
    expect(run.generatorPicked).toBe(true);
  });
});

describe('default generator by table size', () => {
  const listed = [
    { id: 'knnmtd', minRows: 3 },
    { id: 'gmtd', minRows: 5 },
  ];
  it(`GenerativeMTD from its minimum up to ${SMALL_TABLE_ROWS} rows, kNNMTD above and below`, () => {
    expect(defaultGeneratorFor(90, listed)).toBe('gmtd');
    expect(defaultGeneratorFor(SMALL_TABLE_ROWS, listed)).toBe('gmtd');
    expect(defaultGeneratorFor(SMALL_TABLE_ROWS + 1, listed)).toBe('knnmtd');
    expect(defaultGeneratorFor(4, listed)).toBe('knnmtd');
    expect(defaultGeneratorFor(90, [{ id: 'knnmtd', minRows: 3 }])).toBe('knnmtd');
  });
});

describe('the privacy filter follows the generator until the user picks one', () => {
  const gens = [
    { id: 'knnmtd', label: 'kNNMTD', description: '', options: [], minRows: 3, neural: false },
    { id: 'gmtd', label: 'GenerativeMTD', description: '', options: [], minRows: 5, neural: true, privacyFilter: 'copies' as const },
  ];
  it("gmtd → 'copies', knnmtd → 'off'; a picked mode stays; a restored one counts as picked only when not the default", () => {
    const run = new RunState();
    run.setGenerators(gens, 'gmtd');
    expect(run.privacyFilter).toBe('copies');
    expect(run.holdoutFraction).toBe(0.3); // the report's holdout (evaluate is on by default)
    run.evaluate = false;
    expect(run.holdoutFraction).toBe(0); // 'copies' needs no holdout
    run.selectGenerator('knnmtd');
    expect(run.privacyFilter).toBe('off');
    run.pickFilter('regenerate');
    expect(run.holdoutFraction).toBe(0.3); // its threshold comes from the holdout
    run.selectGenerator('gmtd');
    expect(run.privacyFilter).toBe('regenerate');

    const again = new RunState();
    again.setGenerators(gens, 'gmtd');
    again.restoreFilter('copies');
    again.selectGenerator('knnmtd');
    expect(again.privacyFilter).toBe('off');
    again.selectGenerator('gmtd');
    again.restoreFilter('off'); // a session saved with the filter turned off for GenerativeMTD
    again.selectGenerator('knnmtd');
    again.selectGenerator('gmtd');
    expect(again.privacyFilter).toBe('off');
  });
});
