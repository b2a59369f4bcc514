import { afterEach, describe, expect, it } from 'vitest';
import type { BackendName } from '../../src/ml/backend.js';
import { clearBackendRaces, describeTimings, measuredBackend, type BackendProbe } from '../../src/ml/backend-race.js';
import { tf } from '../../src/ml/tf.js';

/** A fake clock and a probe whose steps cost `cost[backend]` fake ms (the first one `warm[backend]`). */
function rig(cost: Partial<Record<BackendName, number>>, warm: Partial<Record<BackendName, number>> = {}) {
  let t = 0;
  const made: string[] = [];
  const steps: Record<string, number> = {};
  const makeProbe = (): BackendProbe => {
    const b = tf.getBackend() as BackendName;
    made.push(b);
    let first = true;
    let live = true;
    return {
      step: async () => {
        // a real op on the active backend, read back like a training step's losses
        const x = tf.tidy(() => tf.sum(tf.matMul(tf.ones([8, 8]), tf.ones([8, 8]))));
        await x.data();
        x.dispose();
        expect(live).toBe(true);
        t += first && warm[b] !== undefined ? warm[b] : (cost[b] ?? 1);
        first = false;
        steps[b] = (steps[b] ?? 0) + 1;
      },
      dispose: () => {
        live = false;
      },
    };
  };
  return { now: () => t, made, steps, makeProbe };
}

afterEach(() => clearBackendRaces());

describe('measuredBackend', () => {
  it("in Node 'auto' ends on wasm without a race (webgpu and webgl cannot start)", async () => {
    const r = rig({});
    const s = await measuredBackend('auto', 'k', r.makeProbe, undefined, { now: r.now });
    expect(s.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(s.timings).toEqual([]);
    expect(r.made).toEqual([]);
    expect(s.skipped.map((x) => x.backend)).toEqual(['webgpu', 'webgl']);
  });

  it('races the backends that start on real steps, keeps the fastest and caches it per key', async () => {
    const r = rig({ wasm: 40, cpu: 10 });
    const heard: string[] = [];
    const s = await measuredBackend('auto', 'size-a', r.makeProbe, (t) => heard.push(describeTimings(t)), {
      now: r.now,
      candidates: ['wasm', 'cpu'],
    });
    expect(s.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(r.made).toEqual(['wasm', 'cpu']);
    // one warm-up step, then 3 timed steps each
    expect(r.steps).toEqual({ wasm: 4, cpu: 4 });
    expect(s.timings.map((t) => [t.backend, t.msPerStep, t.steps])).toEqual([
      ['cpu', 10, 3],
      ['wasm', 40, 3],
    ]);
    expect(heard).toEqual(['wasm: 40 ms/step', 'wasm: 40 ms/step; cpu: 10 ms/step']);
    expect(describeTimings(s.timings)).toBe('cpu: 10 ms/step; wasm: 40 ms/step');
    // the same size again: no race, the cached winner is active again
    await measuredBackend('wasm', 'size-a', r.makeProbe);
    const again = await measuredBackend('auto', 'size-a', r.makeProbe, undefined, { candidates: ['wasm', 'cpu'] });
    expect(again).toMatchObject({ backend: 'cpu', cached: true });
    expect(tf.getBackend()).toBe('cpu');
    expect(r.made).toHaveLength(2);
    // another size races again
    const other = await measuredBackend('auto', 'size-b', r.makeProbe, undefined, {
      now: r.now,
      candidates: ['wasm', 'cpu'],
    });
    expect(other.cached).toBe(false);
    expect(r.made).toHaveLength(4);
  });

  it('stops timing a backend whose warm-up alone is far slower than the best so far', async () => {
    const r = rig({ wasm: 20, cpu: 5 }, { cpu: 5000 });
    const s = await measuredBackend('auto', 'k', r.makeProbe, undefined, { now: r.now, candidates: ['wasm', 'cpu'] });
    expect(s.backend).toBe('wasm');
    expect(r.steps).toEqual({ wasm: 4, cpu: 1 });
    expect(describeTimings(s.timings)).toBe('wasm: 20 ms/step; cpu: ≥ 5000 ms/step');
  });

  it('a forced backend never races', async () => {
    const r = rig({});
    const s = await measuredBackend('cpu', 'k', r.makeProbe);
    expect(s).toMatchObject({ backend: 'cpu', timings: [], cached: false });
    expect(r.made).toEqual([]);
  });

  it('names software renderers in the timings', () => {
    expect(
      describeTimings([
        { backend: 'wasm', software: null, msPerStep: 45.2, steps: 3 },
        { backend: 'webgl', software: 'SwiftShader', msPerStep: 400, steps: 3 },
        { backend: 'cpu', software: null, msPerStep: 2.345, steps: 3 },
      ]),
    ).toBe('wasm: 45 ms/step; webgl (software: SwiftShader): 400 ms/step; cpu: 2.3 ms/step');
  });
});
