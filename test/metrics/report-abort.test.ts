/** The report stops within a second of an abort, in its slowest stages too (issue 22 item 3). */
import { describe, expect, it } from 'vitest';
import { evaluateFiles } from '../../src/engine/evaluate-files.js';
import { pacer } from '../../src/metrics/pace.js';
import { groupRareLevels, MAX_ONE_HOT_LEVELS } from '../../src/metrics/levels.js';
import { manyLevelsCsv } from '../support/many-levels.js';
import type { Prepared } from '../../src/metrics/prepare.js';

const bytes = (seed: number): Uint8Array =>
  new TextEncoder().encode(manyLevelsCsv({ rows: 4_000, levels: [2_000], classes: 200, seed }));

describe('report abort', () => {
  it('rejects with CANCELLED within a second of the abort', async () => {
    const signal = { aborted: false };
    const stages: string[] = [];
    const run = evaluateFiles(bytes(1), bytes(2), null, 'y', {
      seed: 1,
      signal,
      onProgress: (p) => p.stage === 'evaluate' && stages.push(p.message ?? ''),
    });
    let abortedAt = 0;
    const outcome = run.then(
      () => 'finished',
      (e: { code?: string }) => ({ code: e.code, ms: Date.now() - abortedAt }),
    );
    // abort once the slow stages (models) have started
    while (!stages.some((s) => s.startsWith('Telling') || s.startsWith('Training'))) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 300));
    abortedAt = Date.now();
    signal.aborted = true;
    const r = await outcome;
    expect(r).not.toBe('finished');
    expect(r).toMatchObject({ code: 'CANCELLED' });
    expect((r as { ms: number }).ms).toBeLessThan(1_000);
  }, 120_000);

  it('pacer yields once a slice has passed and throws after the abort', async () => {
    let t = 0;
    const signal = { aborted: false };
    const pace = pacer(signal, 50, () => t);
    await pace();
    t = 60;
    await pace();
    signal.aborted = true;
    await expect(pace()).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('groups only columns of more than MAX_ONE_HOT_LEVELS levels, keeping the most frequent real ones', () => {
    const codes = (v: number[]) => Float64Array.from(v);
    // column a: 25 levels, level 0 most frequent, then 1…; column b: 3 levels (untouched)
    const a = [...Array.from({ length: 25 }, (_, i) => i), 0, 0, 1];
    const P: Prepared = {
      names: ['a', 'b'],
      kinds: ['cat', 'cat'],
      levels: [Array.from({ length: 25 }, (_, i) => `v${i}`), ['x', 'y', 'z']],
      realLevels: [25, 3],
      min: [0, 0],
      max: [0, 0],
      real: { n: a.length, raw: [null, null], values: [codes(a), codes(a.map((x) => x % 3))] },
      synth: { n: 2, raw: [null, null], values: [codes([24, 0]), codes([1, 2])] },
      holdout: null,
      target: -1,
    };
    const { P: G, grouped } = groupRareLevels(P);
    expect(grouped).toEqual([{ column: 'a', levels: 25, kept: MAX_ONE_HOT_LEVELS, grouped: 25 - MAX_ONE_HOT_LEVELS }]);
    expect(G.levels[0]!.length).toBe(MAX_ONE_HOT_LEVELS + 1);
    expect(G.levels[0]![MAX_ONE_HOT_LEVELS]).toBe('other');
    expect(G.levels[1]).toBe(P.levels[1]);
    expect(G.real.values[1]).toBe(P.real.values[1]);
    // ties broken by the lower code: levels 0..19 kept, 20..24 grouped
    expect(Array.from(G.synth.values[0]!)).toEqual([MAX_ONE_HOT_LEVELS, 0]);
    // no column over the cap: the same object, so ordinary reports stay byte-identical
    const narrow = groupRareLevels(P, 25);
    expect(narrow.P).toBe(P);
    expect(narrow.grouped).toEqual([]);
  });
});
