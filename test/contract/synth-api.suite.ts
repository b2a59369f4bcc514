/**
 * One table-driven contract for every host of the `SynthApi` (after duckdb-wasm's one suite, two runners): Node's
 * in-process `Engine` (what the CLI runs; synth-api.node.test.ts) and the page's worker bridge in Chromium (what the
 * page runs; synth-api.browser.test.ts). Every generator the registry lists runs with tiny settings, and each host's
 * CSV must be byte-identical to a fresh in-process engine's for the same seed; the rest of the contract (row count,
 * header, the generator list, errors with their codes) is checked on the host's own answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetInfo, GenerateRequest, GenerateResult, SynthApi } from '../../src/api/types.js';
import { serializeError, type SerializedError } from '../../src/core/errors.js';
import { Engine } from '../../src/engine/engine.js';
import { listGenerators } from '../../src/generators/registry.js';
import { parseCsvText } from '../support/app-driver.js';
import { ROOT } from '../support/browser.js';

/** A call's outcome as plain data, so that both hosts answer alike (errors included). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** The calls the suite makes; a host answers each with an `Outcome`. */
export interface SynthHost {
  listGenerators(): Promise<Outcome<Awaited<ReturnType<SynthApi['listGenerators']>>>>;
  loadCsv(text: string, fileName: string): Promise<Outcome<DatasetInfo>>;
  generate(req: GenerateRequest): Promise<Outcome<GenerateResult>>;
}

export const DEMO_TEXT = readFileSync(join(ROOT, 'public/demo/cryotherapy.csv'), 'utf8');
const TARGET = 'Result_of_Treatment';
const ROWS = 24;
const SEED = 5;
/** The run's compute backend for the neural generators. */
const BACKEND = 'cpu';

/**
 * Tiny settings per generator id (fast in both hosts); an id without a row runs with its defaults. Every run uses
 * the cpu backend (`BACKEND`), the only one whose float results Node and the browser share.
 */
export const TINY: Record<string, GenerateRequest['options']> = {
  knnmtd: { k: 3 },
  gmtd: { k: 3, epochs: 1, stepsPerEpoch: 2, batchSize: 16, pseudoPerRow: 2, hidden: 16, latent: 4 },
  gmm: { maxComponents: 2, iterations: 20 },
  copula: { gibbsSweeps: 2 },
  tvae: { epochs: 2, hidden: 16, latent: 4, batchSize: 64 },
  ctgan: { epochs: 1, hidden: 16, noise: 8, batchSize: 20, pac: 2 },
};

/** The registry's ids, experimental ones included, known when the tests are collected: every one gets a row. */
export const GENERATOR_IDS = listGenerators({ all: true }).map((g) => g.id);
/** The ids the API lists to users. */
const LISTED_IDS = listGenerators().map((g) => g.id);

function ok<T>(o: Outcome<T>): T {
  if (!o.ok) throw new Error(`expected success, got ${o.error.code}: ${o.error.message}`);
  return o.value;
}

function failed<T>(o: Outcome<T>): SerializedError {
  if (o.ok) throw new Error('expected the call to fail');
  return o.error;
}

/** The reference: a fresh in-process engine, as the CLI runs it. */
export function nodeHost(engine: SynthApi = new Engine()): SynthHost {
  const wrap = async <T>(call: () => Promise<T>): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await call() };
    } catch (e) {
      return { ok: false, error: serializeError(e) };
    }
  };
  return {
    listGenerators: () => wrap(() => engine.listGenerators()),
    loadCsv: (text, name) => wrap(() => engine.loadCsv(text, name)),
    generate: (req) => wrap(() => engine.generate(req)),
  };
}

async function demoRequest(host: SynthHost, generator: string): Promise<GenerateRequest> {
  const info = ok(await host.loadCsv(DEMO_TEXT, 'cryotherapy.csv'));
  return {
    schema: { ...info.schema, target: TARGET },
    generator,
    options: TINY[generator] ?? {},
    rows: ROWS,
    seed: SEED,
    backend: BACKEND,
  };
}

const references = new Map<string, Promise<GenerateResult>>();
/** The in-process result for a generator (computed once per test file). */
function reference(generator: string): Promise<GenerateResult> {
  let r = references.get(generator);
  if (!r) {
    const host = nodeHost();
    r = demoRequest(host, generator).then(async (req) => ok(await host.generate(req)));
    references.set(generator, r);
  }
  return r;
}

/** Registers the contract for one host. `open` gives a host that has loaded nothing yet. */
export function synthApiSuite(hostName: string, open: () => Promise<SynthHost>, opts: { timeout?: number } = {}): void {
  const timeout = opts.timeout ?? 120_000;

  describe(`SynthApi contract: ${hostName}`, () => {
    it('lists the registry’s generators, in its order', async () => {
      const host = await open();
      expect(ok(await host.listGenerators()).map((g) => g.id)).toEqual(LISTED_IDS);
    });

    it.each(GENERATOR_IDS)(
      '%s: the requested rows under the input header, byte-identical to the in-process engine',
      async (id) => {
        const host = await open();
        const req = await demoRequest(host, id);
        const out = ok(await host.generate(req));
        const header = DEMO_TEXT.split(/\r?\n/)[0]!.split(',');
        expect(out.header).toEqual(header);
        expect(out.nRows).toBe(ROWS);
        expect(out.seed).toBe(SEED);
        const parsed = parseCsvText(out.csvParts.join(''));
        expect(parsed.header).toEqual(header);
        expect(parsed.rows.length).toBe(ROWS);
        expect(out.preview.length).toBeGreaterThan(0);
        expect(out.fit.seconds).toBeGreaterThanOrEqual(0);
        expect(out.csvParts.join('')).toBe((await reference(id)).csvParts.join(''));
      },
      timeout,
    );

    it(
      'errors carry their code: nothing loaded, bad file, unknown generator, bad option',
      async () => {
        const host = await open();
        const req = {
          schema: { columns: [], target: null },
          generator: 'knnmtd',
          options: {},
          rows: 5,
          seed: 1,
        } as unknown as GenerateRequest;
        expect(failed(await host.generate(req)).code).toBe('NOT_FITTED');
        const ragged = failed(await host.loadCsv('a,b,c\n1,2,3\n4,5\n6,7,8\n', 'ragged.csv'));
        expect(ragged.code).not.toBe('INTERNAL');
        expect(ragged).toMatchObject({
          code: failed(await nodeHost().loadCsv('a,b,c\n1,2,3\n4,5\n6,7,8\n', 'ragged.csv')).code,
        });
        const demo = await demoRequest(host, 'knnmtd');
        const unknown = failed(await host.generate({ ...demo, generator: 'no-such-generator' }));
        expect(unknown.code).toBe('UNKNOWN_GENERATOR');
        expect(unknown.message).toContain('no-such-generator');
        const bad = failed(await host.generate({ ...demo, options: { k: -1 } }));
        expect(bad.code).toBe('BAD_OPTION');
      },
      timeout,
    );
  });
}
