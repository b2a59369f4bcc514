import { describe, expect, it } from 'vitest';
import {
  describeAlternatives,
  describeEstimate,
  describeSeconds,
  estimateRun,
  fasterAlternatives,
  measureSteps,
  tableShape,
  type TableShape,
} from '../../src/api/estimate.js';
import type { Schema } from '../../src/core/schema.js';
import { generatorInfo, listGenerators } from '../../src/generators/registry.js';
import type { CostFactor } from '../../src/generators/cost.js';
import * as entries from '../../src/generators/entries.js';

const shape = (rows: number, columns = 8, width = columns): TableShape => ({ rows, sampleRows: rows, columns, width });
const gmtd = generatorInfo('gmtd');

describe('every registered generator has a cost model', () => {
  const ids = Object.keys(entries);
  it.each(ids)('%s: a positive, finite estimate whose option factors are numerical options of its own', (id) => {
    const info = generatorInfo(id);
    const cost = info.capabilities.cost;
    expect(cost.terms.length).toBeGreaterThan(0);
    const factors: CostFactor[] = [
      ...cost.terms.flatMap((t) => t.per),
      ...(cost.training?.msPerStep.flatMap((t) => t.per) ?? []),
    ];
    for (const f of factors) {
      if (typeof f === 'string') continue;
      const spec = info.options.find((o) => o.key === f.option);
      expect(spec?.type, `${id}: cost names option ${f.option}`).toMatch(/^(int|number)$/);
      if (spec?.default === null) expect(f.auto, `${id}: ${f.option} is automatic by default`).toBeGreaterThan(0);
    }
    for (const k of [cost.training?.epochs, ...(cost.training?.stepsPerEpoch ?? [])].filter((k) => k !== undefined))
      expect(
        info.options.some((o) => o.key === k && o.type === 'int'),
        `${id}: training option ${k}`,
      ).toBe(true);
    expect(cost.training !== undefined).toBe(info.capabilities.neural);
    const e = estimateRun(info, shape(500), {});
    expect(e.seconds).toBeGreaterThan(0);
    expect(Number.isFinite(e.seconds)).toBe(true);
  });
});

describe('estimateRun', () => {
  it('grows with the rows for every generator, and with the columns', () => {
    for (const info of listGenerators({ all: true })) {
      const [a, b, c] = [100, 1000, 5000].map((n) => estimateRun(info, shape(n), {}).seconds);
      expect(b, info.id).toBeGreaterThan(a!);
      expect(c, info.id).toBeGreaterThan(b!);
      expect(estimateRun(info, shape(1000, 30), {}).seconds, info.id).toBeGreaterThan(b!);
    }
  });

  it("a neural generator's training: steps = epochs × steps per epoch, time proportional to the epochs", () => {
    const base = estimateRun(gmtd, shape(90), {});
    const twice = estimateRun(gmtd, shape(90), { epochs: 32 });
    expect(base.training?.steps).toBe(16 * 50);
    expect(twice.training?.steps).toBe(32 * 50);
    expect(twice.seconds - base.seconds).toBeCloseTo((800 * base.training!.msPerStep) / 1000, 6);
    expect(estimateRun(gmtd, shape(90), { stepsPerEpoch: 100 }).seconds).toBeCloseTo(twice.seconds, 6);
  });

  it('uses a measured step time on the backend the run will use, scaled to the new size', () => {
    const model = estimateRun(gmtd, shape(90), {});
    const measured = { generator: 'gmtd', backend: 'wasm', scale: 2.5 };
    const e = estimateRun(gmtd, shape(90), {}, 'auto', measured);
    expect(e.training).toMatchObject({ backend: 'wasm', measured: true });
    expect(e.training!.msPerStep).toBeCloseTo(model.training!.msPerStep * 2.5, 6);
    expect(e.seconds).toBeGreaterThan(model.seconds);
    // another backend forced, or another generator's measurement: the model's step time
    expect(estimateRun(gmtd, shape(90), {}, 'webgl', measured).training).toMatchObject({ measured: false });
    expect(estimateRun(gmtd, shape(90), {}, 'auto', { ...measured, generator: 'tvae' }).training?.measured).toBe(false);
  });

  it('measureSteps inverts estimateRun: a run that took the estimate measures scale 1', () => {
    const e = estimateRun(gmtd, shape(90), {});
    const m = measureSteps(gmtd, shape(90), {}, { seconds: e.seconds, backend: 'wasm', epochs: 16 });
    expect(m?.scale).toBeCloseTo(1, 6);
    // stopped early after 8 epochs in the same time: each step took twice as long
    const half = measureSteps(gmtd, shape(90), {}, { seconds: e.seconds, backend: 'wasm', epochs: 8 });
    expect(half!.scale).toBeCloseTo(2, 6);
    expect(measureSteps(generatorInfo('copula'), shape(90), {}, { seconds: 1, epochs: 0 })).toBeNull();
    expect(measureSteps(gmtd, shape(90), {}, { seconds: 1, backend: 'wasm', epochs: 0 })).toBeNull();
  });
});

describe('tableShape', () => {
  it('leaves out ids and skipped columns; categories count their levels; the holdout leaves the training rows', () => {
    const schema: Schema = {
      target: null,
      columns: [
        { name: 'id', sdtype: 'id', skip: false, missingRate: 0, nUnique: 10 },
        { name: 'x', sdtype: 'numerical', skip: false, missingRate: 0, nUnique: 10 },
        { name: 'd', sdtype: 'datetime', skip: false, missingRate: 0, nUnique: 10 },
        { name: 'c', sdtype: 'categorical', skip: false, missingRate: 0, nUnique: 3, levels: ['a', 'b', 'c'] },
        { name: 's', sdtype: 'numerical', skip: true, missingRate: 0, nUnique: 10 },
      ],
    };
    expect(tableShape(schema, 100, 0.3)).toEqual({ rows: 70, sampleRows: 100, columns: 3, width: 5 });
    expect(tableShape(schema, 100, 0, 500).sampleRows).toBe(500);
  });
});

describe('wording', () => {
  it('names the time, the backend and the step time', () => {
    expect(describeSeconds(1)).toBe('a second or two');
    expect(describeSeconds(40.4)).toBe('about 40 s');
    expect(describeSeconds(360)).toBe('about 6 min');
    const text = describeEstimate({
      seconds: 40,
      training: { steps: 800, msPerStep: 45, backend: 'wasm', measured: false },
    });
    expect(text).toBe('about 40 s here (wasm, 45 ms/step)');
    expect(describeEstimate({ seconds: 3 })).toBe('about 3 s here');
  });

  it('a long run gets the quicker generators with their own estimates; a short one none', () => {
    const infos = listGenerators();
    const big = shape(2000, 16, 60);
    const long = estimateRun(gmtd, big, { epochs: 100 }).seconds;
    expect(long).toBeGreaterThan(120);
    const alts = fasterAlternatives(infos, 'gmtd', long, big);
    expect(alts.length).toBe(2);
    for (const a of alts) expect(a.estimate.seconds).toBeLessThan(long / 10);
    expect(alts.some((a) => a.info.id === 'gmtd' || a.info.experimental)).toBe(false);
    const text = describeAlternatives(alts)!;
    expect(text).toContain(alts[0]!.info.label);
    expect(text).toContain('docs/generators/');
    expect(fasterAlternatives(infos, 'gmtd', 30, shape(90))).toEqual([]);
    expect(describeAlternatives([])).toBeNull();
  });
});
