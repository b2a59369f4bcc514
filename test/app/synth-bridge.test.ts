/**
 * The bridge's worker lifecycle, in Node: fake "workers" are MessageChannel ports with a Comlink-exposed fake
 * engine on the other end, so each path (cooperative cancel, terminate after the grace period, crash, replay of the
 * file into a fresh worker, typed errors) is driven deterministically. The real worker is covered by test/e2e.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerateRequest, Progress } from '../../src/api/types.js';
import { SynthBridge } from '../../src/app/bridge/synth-bridge.js';
import { registerErrorTransfer } from '../../src/api/transfer.js';
import { CancelledError, CsvError, LocalSynthError } from '../../src/core/errors.js';

type Mode = 'cooperative' | 'hang';

/** Stands in for the Engine: records what it was sent; `generate` waits until cancelled (or forever). */
class FakeEngine {
  loads: string[] = [];
  private cancelRun: (() => void) | null = null;
  constructor(private readonly mode: Mode) {}
  async listGenerators(): Promise<[]> {
    return [];
  }
  async loadCsv(data: ArrayBuffer, name: string): Promise<{ fileName: string }> {
    const text = new TextDecoder().decode(data);
    if (text.startsWith('bad'))
      throw new CsvError('RAGGED_ROWS', 'Row 3 has 2 fields; the header has 3.', { row: 3, expected: 3, got: 2 });
    this.loads.push(`${name}:${text}`);
    return { fileName: name };
  }
  generate(_req: GenerateRequest, onProgress?: (p: Progress) => void): Promise<never> {
    void onProgress?.({ stage: 'fit', fraction: 0.5 });
    return new Promise((_, reject) => {
      if (this.mode === 'cooperative') this.cancelRun = () => reject(new CancelledError());
    });
  }
  async cancel(): Promise<void> {
    this.cancelRun?.();
  }
}

/**
 * Web Locks as the browser keeps them, for one page and its workers: a lock is granted to the first request, and to
 * the next waiting one when its holder releases it (a worker's locks are released when the worker is gone).
 */
class FakeLocks {
  private held = new Map<string, (() => void)[]>();
  request(
    name: string,
    a: LockOptions | LockGrantedCallback<unknown>,
    b?: LockGrantedCallback<unknown>,
  ): Promise<unknown> {
    const cb = typeof a === 'function' ? a : b!;
    const signal = typeof a === 'function' ? undefined : a.signal;
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        if (signal?.aborted) return reject(new Error('aborted'));
        resolve(cb({ name, mode: 'exclusive' }));
      };
      const queue = this.held.get(name);
      if (!queue) {
        this.held.set(name, []);
        grant();
      } else queue.push(grant);
    });
  }
  /** The holder of `name` is gone. */
  release(name: string): void {
    const next = this.held.get(name)?.shift();
    if (next) next();
    else this.held.delete(name);
  }
}

interface FakeWorker {
  engine: FakeEngine;
  port: MessagePort & { terminated?: boolean };
}

let bridges: SynthBridge[] = [];
afterEach(() => {
  for (const b of bridges) b.dispose();
  bridges = [];
});

function makeBridge(
  mode: Mode,
  cancelGraceMs = 150,
  locks?: FakeLocks,
): { bridge: SynthBridge; workers: FakeWorker[] } {
  registerErrorTransfer();
  const workers: FakeWorker[] = [];
  const bridge = new SynthBridge({
    cancelGraceMs,
    ...(locks ? { locks: locks as unknown as LockManager } : {}),
    createWorker: () => {
      const { port1, port2 } = new MessageChannel();
      const engine = new FakeEngine(mode);
      expose(engine, port2 as unknown as Parameters<typeof expose>[1]);
      const port = port1 as MessagePort & { terminated?: boolean; terminate(): void };
      // as synth.worker.ts does: hold a life lock, then tell the page its name
      const lockName = `life-${workers.length}`;
      if (locks) void locks.request(lockName, () => port2.postMessage({ localsynthLifeLock: lockName }));
      port.terminate = () => {
        if (locks && !port.terminated) locks.release(lockName);
        port.terminated = true;
        port1.close();
        port2.close();
      };
      workers.push({ engine, port });
      return port as unknown as Worker;
    },
  });
  bridges.push(bridge);
  return { bridge, workers };
}

const bytes = (s: string): ArrayBuffer => new TextEncoder().encode(s).buffer as ArrayBuffer;
const req = {
  schema: { columns: [], target: null },
  generator: 'x',
  options: {},
  rows: null,
  seed: 1,
} satisfies GenerateRequest;

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('SynthBridge', () => {
  it('cooperative cancel: the worker rejects with CANCELLED by itself and is kept', async () => {
    const { bridge, workers } = makeBridge('cooperative', 60_000);
    await bridge.loadCsv(bytes('a\n1\n'), 'one.csv');
    const progress: Progress[] = [];
    const run = bridge.generate(req, (p) => progress.push(p));
    await new Promise((r) => setTimeout(r, 20));
    await bridge.cancel();
    const err = await rejection(run);
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as LocalSynthError).code).toBe('CANCELLED');
    expect(progress).toEqual([{ stage: 'fit', fraction: 0.5 }]);
    expect(bridge.workersStarted).toBe(1);
    expect(workers[0]!.port.terminated).toBeUndefined();
  });

  it('a worker that ignores cancel is terminated after the grace period; the next call gets a fresh worker with the file', async () => {
    const { bridge, workers } = makeBridge('hang', 100);
    await bridge.loadCsv(bytes('a\n1\n'), 'one.csv');
    const run = bridge.generate(req);
    await new Promise((r) => setTimeout(r, 20));
    await bridge.cancel();
    const err = await rejection(run);
    expect((err as LocalSynthError).code).toBe('CANCELLED');
    expect(workers[0]!.port.terminated).toBe(true);

    const again = bridge.generate(req);
    await new Promise((r) => setTimeout(r, 50));
    expect(bridge.workersStarted).toBe(2);
    // the bridge replayed the loaded file into the new worker before generating
    expect(workers[1]!.engine.loads).toEqual(['one.csv:a\n1\n']);
    await bridge.cancel();
    await rejection(again);
  });

  it('a crash rejects the pending call with WORKER_CRASHED; a failed load keeps the previous file for the replay', async () => {
    const { bridge, workers } = makeBridge('hang');
    await bridge.loadCsv(bytes('a\n1\n'), 'good.csv');
    const bad = await rejection(bridge.loadCsv(bytes('bad,,'), 'bad.csv'));
    // the error kept its class, code and details through the transfer handler
    expect(bad).toBeInstanceOf(CsvError);
    expect(bad).toMatchObject({
      code: 'RAGGED_ROWS',
      message: 'Row 3 has 2 fields; the header has 3.',
      details: { row: 3, expected: 3, got: 2 },
    });

    const run = bridge.generate(req);
    await new Promise((r) => setTimeout(r, 20));
    workers[0]!.port.dispatchEvent(new Event('error'));
    const err = await rejection(run);
    expect((err as LocalSynthError).code).toBe('WORKER_CRASHED');
    expect((err as LocalSynthError).message).toMatch(/Retry/);

    const again = bridge.generate(req);
    await new Promise((r) => setTimeout(r, 50));
    expect(workers[1]!.engine.loads).toEqual(['good.csv:a\n1\n']);
    bridge.dispose();
    expect((await rejection(again)) as LocalSynthError).toBeInstanceOf(LocalSynthError);
  });

  it('queues calls: a load issued during a run waits for it', async () => {
    const { bridge, workers } = makeBridge('cooperative', 60_000);
    await bridge.loadCsv(bytes('a\n1\n'), 'one.csv');
    const run = bridge.generate(req);
    const load = bridge.loadCsv(bytes('b\n2\n'), 'two.csv');
    await new Promise((r) => setTimeout(r, 30));
    expect(workers[0]!.engine.loads).toEqual(['one.csv:a\n1\n']);
    await bridge.cancel();
    await rejection(run);
    await load;
    expect(workers[0]!.engine.loads).toEqual(['one.csv:a\n1\n', 'two.csv:b\n2\n']);
  });

  it('a worker that dies without any event (out of memory, terminated) rejects the pending call; Retry replays the file', async () => {
    const locks = new FakeLocks();
    const { bridge, workers } = makeBridge('hang', 60_000, locks);
    await bridge.loadCsv(bytes('a\n1\n'), 'one.csv');
    const run = bridge.generate(req);
    await new Promise((r) => setTimeout(r, 20));
    bridge.killWorker(); // terminate(): no error event, only the life lock is released
    const err = await rejection(run);
    expect(err).toMatchObject({ code: 'WORKER_CRASHED', details: { outOfMemory: false } });
    expect((err as LocalSynthError).message).toBe(
      "The generator's worker stopped — most likely it ran out of memory. Your data and settings are kept; " +
        'try fewer rows or a smaller table, then Retry.',
    );
    expect(workers[0]!.port.terminated).toBe(true);

    const again = bridge.generate(req);
    await new Promise((r) => setTimeout(r, 50));
    expect(bridge.workersStarted).toBe(2);
    expect(workers[1]!.engine.loads).toEqual(['one.csv:a\n1\n']);
    bridge.dispose();
    expect(await rejection(again)).toMatchObject({ code: 'CANCELLED' });
  });

  it("the bridge's own terminate is not taken for a crash; an out-of-memory error event says so", async () => {
    const locks = new FakeLocks();
    const { bridge, workers } = makeBridge('hang', 50, locks);
    await bridge.loadCsv(bytes('a\n1\n'), 'one.csv');
    const run = bridge.generate(req);
    await new Promise((r) => setTimeout(r, 20));
    await bridge.cancel(); // the hung worker is terminated after 50 ms, which releases its lock too
    expect(await rejection(run)).toMatchObject({ code: 'CANCELLED' });
    expect(workers[0]!.port.terminated).toBe(true);

    const oom = bridge.generate(req);
    await new Promise((r) => setTimeout(r, 50));
    workers[1]!.port.dispatchEvent(
      Object.assign(new Event('error'), { message: 'Uncaught RangeError: Array buffer allocation failed' }),
    );
    const err = await rejection(oom);
    expect(err).toMatchObject({ code: 'WORKER_CRASHED', details: { outOfMemory: true } });
    expect((err as LocalSynthError).message).toMatch(/^The generator's worker stopped — it ran out of memory\./);
  });

  it('a message the page cannot read (messageerror) ends the worker with WORKER_CRASHED', async () => {
    const { bridge, workers } = makeBridge('hang');
    await bridge.loadCsv(bytes('a\n1\n'), 'one.csv');
    const run = bridge.generate(req);
    await new Promise((r) => setTimeout(r, 20));
    workers[0]!.port.dispatchEvent(new Event('messageerror'));
    const err = await rejection(run);
    expect(err).toMatchObject({ code: 'WORKER_CRASHED' });
    expect((err as LocalSynthError).message).toMatch(/could not be read.*then Retry\.$/);
    expect(workers[0]!.port.terminated).toBe(true);
  });
});
