/**
 * The page state behind the training view and the default generator (no browser): per-epoch history from 'train'
 * progress, the full history from a finished run's fit report, ETA words, the default generator by size (from the
 * entries' capabilities), tuning scores, and the crash "smaller" offer (options that say they scale).
 */
import { describe, expect, it } from 'vitest';
import { pageDefaultGenerator, savableLabels } from '../../src/api/generator-policy.js';
import type { FitReport, GenerateResult, GeneratorInfo, Progress } from '../../src/api/types.js';
import { halveSettings, smallerSettings } from '../../src/app/state/session-recovery.js';
import { describeEta, describeProgress, historyOfResult, RunState } from '../../src/app/state/run.svelte.js';
import { listGenerators } from '../../src/generators/registry.js';

const plain = { savable: false, neural: false, conditional: 'none', dp: false, cost: { terms: [] } } as const;

function train(epoch: number, extra: Partial<Extract<Progress, { stage: 'train' }>> = {}): Progress {
  return {
    stage: 'train',
    fraction: epoch / 10,
    epoch,
    epochs: 10,
    losses: { total: 1 / epoch, critic: -0.1 },
    validation: 0.5 / epoch,
    etaMs: 1000 * (10 - epoch),
    backend: 'wasm',
    ...extra,
  };
}

function resultWith(fit: Partial<FitReport>, backend = 'wasm'): GenerateResult {
  return {
    fit: {
      generator: 'gmtd',
      options: {},
      seconds: 1,
      rows: 10,
      modelColumns: 3,
      backend,
      notes: [],
      details: {},
      ...fit,
    },
  } as unknown as GenerateResult;
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
    const full = [1, 2, 3].map((epoch) => ({
      epoch,
      validation: 0.1 * epoch,
      losses: { total: epoch, critic: -epoch },
    }));
    run.endTraining(resultWith({ history: full }, 'webgl'));
    expect(run.trainHistory).toEqual(full.map((h) => ({ epoch: h.epoch, pcd: h.validation, losses: h.losses })));
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
    run.endTraining(resultWith({ details: { k: 5, history: [{ epoch: 1 }] } })); // details are not read
    expect(run.training).toBeNull();
    expect(historyOfResult(resultWith({ history: [] }))).toBeNull();
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
    run.generators = [{ id: 'knnmtd', label: 'k', description: '', minRows: 3, capabilities: plain, options: [] }];
    run.selectGenerator('knnmtd');
    expect(run.generatorPicked).toBe(false);
    run.pickGenerator('knnmtd');
    expect(run.generatorPicked).toBe(true);
  });
});

describe('default generator by table size (capabilities.default.pageUpToRows)', () => {
  it('the registered entries: GenerativeMTD from its minimum up to 3000 rows, kNNMTD above, below and with no table', () => {
    const listed = listGenerators();
    expect(pageDefaultGenerator(listed, null)).toBe('knnmtd');
    expect(pageDefaultGenerator(listed, 90)).toBe('gmtd');
    expect(pageDefaultGenerator(listed, 3000)).toBe('gmtd');
    expect(pageDefaultGenerator(listed, 3001)).toBe('knnmtd');
    expect(pageDefaultGenerator(listed, 4)).toBe('knnmtd');
    expect(
      pageDefaultGenerator(
        listed.filter((g) => g.id !== 'gmtd'),
        90,
      ),
    ).toBe('knnmtd');
  });

  it('the smallest limit a table fits in wins; without any default the first listed', () => {
    const gen = (
      id: string,
      upTo: number | null | undefined,
      minRows = 1,
    ): Pick<GeneratorInfo, 'id' | 'minRows' | 'capabilities'> => ({
      id,
      minRows,
      capabilities: upTo === undefined ? plain : { ...plain, default: { pageUpToRows: upTo } },
    });
    const listed = [gen('a', undefined), gen('big', 10_000), gen('any', null), gen('small', 100, 10)];
    expect(pageDefaultGenerator(listed, 50)).toBe('small');
    expect(pageDefaultGenerator(listed, 5)).toBe('big'); // below small's minRows
    expect(pageDefaultGenerator(listed, 500)).toBe('big');
    expect(pageDefaultGenerator(listed, 20_000)).toBe('any');
    expect(pageDefaultGenerator([gen('a', undefined), gen('b', undefined)], 50)).toBe('a');
    expect(pageDefaultGenerator([], 50)).toBe('');
  });

  it('the wording of which models can be saved comes from the savable entries', () => {
    expect(savableLabels(listGenerators())).toBe('GenerativeMTD');
    const s = (label: string, savable: boolean) => ({ label, capabilities: { ...plain, savable } });
    expect(savableLabels([s('A', true), s('B', false), s('C', true)])).toBe('A or C');
    expect(savableLabels([s('A', true), s('B', true), s('C', true)])).toBe('A, B or C');
    expect(savableLabels([s('B', false)])).toBe('no generator');
  });
});

describe('tuning scores (FitReport.tuning, tune progress)', () => {
  it('live from tune progress while running, then the result; never from details', () => {
    const run = new RunState();
    expect(run.tuning).toBeNull();
    run.phase = 'generating';
    const p: Progress = {
      stage: 'tune',
      fraction: 0.5,
      option: 'k',
      value: 4,
      metric: 'PCD',
      scores: [{ value: 3, score: 0.5 }],
    };
    run.onProgress(p);
    expect(run.tuning).toEqual({ option: 'k', metric: 'PCD', scores: [{ value: 3, score: 0.5 }], chosen: null });
    expect(describeProgress(p)).toBe('Choosing k automatically (trying k = 4)');
    run.phase = 'idle';
    run.result = resultWith({ details: { k: 3, kScores: [{ k: 3, pcd: 1 }] } });
    expect(run.tuning).toBeNull();
    const tuning = {
      option: 'k',
      chosen: 4,
      metric: 'PCD',
      scores: [
        { value: 3, score: 0.5 },
        { value: 4, score: 0.25 },
      ],
    };
    run.result = resultWith({ tuning });
    expect(run.tuning).toEqual({ option: 'k', metric: 'PCD', scores: tuning.scores, chosen: 4 });
  });
});

describe('"Try again, smaller" halves the options that say they scale', () => {
  it('exactly the integer options marked scales: true, clamped to their minimum', () => {
    const specs = [
      { key: 'epochs', label: 'Epochs', type: 'int', min: 1, scales: true },
      { key: 'batchSize', label: 'Batch size', type: 'int', min: 8, scales: true },
      { key: 'hiddenWidth', label: 'Hidden', type: 'int', min: 1 }, // a size-like name, but not marked
      { key: 'k', label: 'Neighbours k', type: 'int', min: 2 },
    ] as const;
    const r = halveSettings(100, { epochs: 9, batchSize: 10, hiddenWidth: 64, k: 6 }, specs);
    expect(r.options).toEqual({ epochs: 5, batchSize: 8, hiddenWidth: 64, k: 6 });
    expect(r.changes).toEqual(['rows 100 → 50', 'epochs 9 → 5', 'batch size 10 → 8']);
  });

  it('on the registered GenerativeMTD: its training sizes halve, k, patience and weights stay', () => {
    const run = new RunState();
    run.setGenerators(listGenerators(), 'gmtd');
    let again = 0;
    const offer = smallerSettings(run, 200, () => again++)!;
    expect(offer.summary).toMatch(
      /^rows 200 → 100, epochs \(max\) 16 → 8, steps per epoch 50 → 25, batch size \(max\) 64 → 32/,
    );
    offer.run();
    expect(again).toBe(1);
    expect(run.rows).toBe(100);
    expect(run.options).toMatchObject({
      epochs: 8,
      stepsPerEpoch: 25,
      batchSize: 32,
      pseudoPerRow: 20,
      latent: 8,
      hidden: 64,
      sinkhornIters: 50,
      patience: 5,
      klWarmup: 400,
      k: null,
    });
  });
});

describe('the privacy filter follows the generator until the user picks one', () => {
  const gens = [
    { id: 'knnmtd', label: 'kNNMTD', description: '', options: [], minRows: 3, capabilities: plain },
    {
      id: 'gmtd',
      label: 'GenerativeMTD',
      description: '',
      options: [],
      minRows: 5,
      capabilities: { ...plain, neural: true },
      privacyFilter: 'copies' as const,
    },
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
