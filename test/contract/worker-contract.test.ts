/**
 * One engine, two hosts (STYLE.md, after duckdb-wasm): the same request gives the byte-identical CSV in-process
 * (`generateFromDataset` in Node, what the CLI runs) and through the worker in the browser (what the page runs),
 * and errors keep their code, message and details across the worker boundary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult } from '../../src/api/types.js';
import { serializeError, type SerializedError } from '../../src/core/errors.js';
import { cloneSchema, type Schema } from '../../src/core/schema.js';
import { generateFromDataset, loadDataset } from '../../src/engine/pipeline.js';
import { downloadCsv, generate, loadDemo, selectGenerator, setField } from '../support/app-driver.js';
import { browserSkipReason, openApp, ROOT, startApp, type AppHarness } from '../support/browser.js';

const skip = browserSkipReason();
const DEMO_FILE = join(ROOT, 'public/demo/cryotherapy.csv');
const TARGET = 'Result_of_Treatment';

interface Hook {
  __ls: {
    bridge: {
      loadCsv(b: ArrayBuffer, n: string): Promise<unknown>;
      generate(r: GenerateRequest): Promise<GenerateResult>;
    };
    app: { data: { snapshot(): Schema | null } };
  };
}

async function inProcess(
  options: GenerateRequest['options'],
  seed: number,
  extra: Partial<GenerateRequest> = {},
): Promise<GenerateResult & { schema: Schema }> {
  const { parsed, info } = loadDataset(new Uint8Array(readFileSync(DEMO_FILE)), 'cryotherapy.csv');
  const schema = cloneSchema(info.schema);
  schema.target = TARGET;
  const out = await generateFromDataset(parsed, { schema, generator: 'knnmtd', options, rows: null, seed, ...extra });
  out.generator.dispose();
  return { ...out, schema };
}

/** A load error, thrown in Node and in the worker, as plain data. */
async function browserLoadError(page: Page, text: string, name: string): Promise<SerializedError> {
  return page.evaluate(
    async ({ text, name }) => {
      const ls = (window as unknown as Hook).__ls;
      try {
        await ls.bridge.loadCsv(new TextEncoder().encode(text).buffer as ArrayBuffer, name);
      } catch (e) {
        const err = e as {
          name: string;
          code: string;
          message: string;
          details: unknown;
          constructor: { name: string };
        };
        return { name: err.name, code: err.code, message: err.message, details: err.details } as SerializedError;
      }
      throw new Error('loadCsv should have failed');
    },
    { text, name },
  );
}

describe.skipIf(skip !== null)('contract: in-process engine ≡ worker in the browser', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('demo, kNNMTD k = 5, seed 7: the downloaded CSV is byte-identical to generateFromDataset in Node', async () => {
    // the page's defaults: a 30% holdout and the evaluation report
    const node = await inProcess({ k: 5 }, 7, { holdoutFraction: 0.3, evaluate: true, privacyFilter: 'off' });
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    // the demo is small, so the page defaults to GenerativeMTD
    await selectGenerator(page, 'knnmtd');
    expect(await page.getByLabel('Target column').inputValue()).toBe(TARGET);
    // the schema the page sends is the one Node infers, plus the demo's target
    const pageSchema = await page.evaluate(() => (window as unknown as Hook).__ls.app.data.snapshot());
    expect(JSON.parse(JSON.stringify(pageSchema))).toEqual(JSON.parse(JSON.stringify(node.schema)));

    await setField(page, 'Neighbours k', '5');
    await setField(page, 'Seed', '7');
    await generate(page);
    const { bytes } = await downloadCsv(page);
    expect(bytes.equals(Buffer.from(node.csvParts.join(''), 'utf8'))).toBe(true);
    expect(node.fit.notes.join(' ')).toContain('k = 5');
    // and the same report numbers
    const shown = await page.getByTestId('split').textContent();
    expect(shown).toContain(`trained on ${node.split.train} rows, ${node.split.holdout} held out`);
    expect(g.offOrigin).toEqual([]);
    await g.context.close();
  });

  it('automatic k, seed 7: same CSV and the same PCD per k through the bridge as in Node', async () => {
    const node = await inProcess({}, 7);
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    const browser = await page.evaluate(async (schema) => {
      const ls = (window as unknown as Hook).__ls;
      return ls.bridge.generate({ schema, generator: 'knnmtd', options: {}, rows: null, seed: 7 });
    }, node.schema);
    expect(browser.csvParts.join('')).toBe(node.csvParts.join(''));
    expect(browser.fit.tuning).toEqual(node.fit.tuning);
    expect(browser.fit.tuning?.option).toBe('k');
    await g.context.close();
  });

  it('errors cross the worker with their class, code, message and details', async () => {
    const ragged = 'a,b,c\n1,2,3\n4,5\n6,7,8\n';
    let nodeErr: SerializedError | null = null;
    try {
      loadDataset(ragged, 'ragged.csv');
    } catch (e) {
      nodeErr = serializeError(e);
    }
    expect(nodeErr).not.toBeNull();
    expect(nodeErr!.code).not.toBe('INTERNAL');
    const g = await openApp(h);
    const fromWorker = await browserLoadError(g.page, ragged, 'ragged.csv');
    const { stack: _stack, ...expected } = nodeErr!;
    expect(fromWorker).toEqual(expected);
    await g.context.close();
  });
});
