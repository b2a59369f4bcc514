/**
 * Saved models across the two hosts (STYLE.md: one engine): a model trained and exported in the page's worker is a
 * file the Node engine (the CLI's) samples from byte-identically, and back; errors keep their code across the
 * worker. Then the user's path in the page: "Download model" → "Sample from a saved model…" → "Download sampled CSV",
 * and a specific message for a bad file. Tiny GenerativeMTD on the cpu backend.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult, SampleModelRequest } from '../../src/api/types.js';
import { cloneSchema, type Schema } from '../../src/core/schema.js';
import { generateFromDataset, loadDataset } from '../../src/engine/pipeline.js';
import { modelFileText, savedDataset } from '../../src/engine/model-file.js';
import { sampleFromModel } from '../../src/engine/sample-model.js';
import { generate, loadDemo, openAdvanced, parseCsvText, selectGenerator, setField } from '../support/app-driver.js';
import { browserSkipReason, openApp, ROOT, startApp, type AppHarness } from '../support/browser.js';

const skip = browserSkipReason();
const DEMO_FILE = join(ROOT, 'public/demo/cryotherapy.csv');
const DEMO_HEADER = ['sex', 'age', 'Time', 'Number_of_Warts', 'Type', 'Area', 'Result_of_Treatment'];
const TINY = { k: 4, epochs: 2, stepsPerEpoch: 5, hidden: 16, latent: 8, pseudoPerRow: 3 };

interface Hook {
  __ls: {
    bridge: {
      loadCsv(b: ArrayBuffer, n: string): Promise<unknown>;
      generate(r: GenerateRequest): Promise<GenerateResult>;
      exportModel(): Promise<string>;
      sampleFromModel(text: string, r: SampleModelRequest): Promise<GenerateResult>;
    };
  };
}

function nodeDemo(): { parsed: ReturnType<typeof loadDataset>['parsed']; schema: Schema } {
  const { parsed, info } = loadDataset(new Uint8Array(readFileSync(DEMO_FILE)), 'cryotherapy.csv');
  const schema = cloneSchema(info.schema);
  schema.target = 'Result_of_Treatment';
  return { parsed, schema };
}

/** Trains in the page's worker through the bridge and returns the exported model and a sample from it. */
async function trainInBrowser(page: Page, schema: Schema): Promise<{ model: string; sample: string; csv: string }> {
  const text = readFileSync(DEMO_FILE, 'utf8');
  return page.evaluate(
    async ({ text, schema, options }) => {
      const ls = (window as unknown as Hook).__ls;
      await ls.bridge.loadCsv(new TextEncoder().encode(text).buffer as ArrayBuffer, 'cryotherapy.csv');
      const res = await ls.bridge.generate({ schema, generator: 'gmtd', options, rows: null, seed: 7, backend: 'cpu' });
      const model = await ls.bridge.exportModel();
      const sample = await ls.bridge.sampleFromModel(model, { rows: 60, seed: 3, backend: 'cpu' });
      return { model, sample: sample.csvParts.join(''), csv: res.csvParts.join('') };
    },
    { text, schema, options: TINY },
  );
}

describe.skipIf(skip !== null)('contract: saved models in the worker ≡ in Node', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a model exported in the page samples byte-identically in Node, and a Node model in the page', async () => {
    const { parsed, schema } = nodeDemo();
    const g = await openApp(h);
    const fromPage = await trainInBrowser(g.page, schema);
    const inNode = await sampleFromModel(fromPage.model, { rows: 60, seed: 3, backend: 'cpu' }, null);
    expect(inNode.csvParts.join('')).toBe(fromPage.sample);
    expect(parseCsvText(inNode.csvParts.join('')).header).toEqual(DEMO_HEADER);

    const node = await generateFromDataset(parsed, {
      schema,
      generator: 'gmtd',
      options: TINY,
      rows: null,
      seed: 7,
      backend: 'cpu',
    });
    const nodeModel = modelFileText(node.generator, savedDataset(parsed, 'cryotherapy.csv', node));
    node.generator.dispose();
    const nodeSample = await sampleFromModel(nodeModel, { rows: 60, seed: 3, backend: 'cpu' }, null);
    const inPage = await g.page.evaluate(
      (m) => (window as unknown as Hook).__ls.bridge.sampleFromModel(m, { rows: 60, seed: 3, backend: 'cpu' }),
      nodeModel,
    );
    expect(inPage.csvParts.join('')).toBe(nodeSample.csvParts.join(''));
    expect(g.offOrigin).toEqual([]);
    await g.context.close();
  });

  it('a bad model file keeps its code and message across the worker', async () => {
    const g = await openApp(h);
    const err = await g.page.evaluate(async () => {
      try {
        await (window as unknown as Hook).__ls.bridge.sampleFromModel(
          '{"format":"localsynth-model","generator":"gmtd","version":99}',
          { rows: 5, seed: 1 },
        );
      } catch (e) {
        const x = e as { code: string; message: string };
        return { code: x.code, message: x.message };
      }
      return null;
    });
    expect(err).toEqual({
      code: 'BAD_MODEL_FILE',
      message: expect.stringMatching(/GenerativeMTD model has no column layout/),
    });
    const none = await g.page.evaluate(async () => {
      try {
        await (window as unknown as Hook).__ls.bridge.exportModel();
      } catch (e) {
        return (e as { code: string }).code;
      }
      return null;
    });
    expect(none).toBe('NOT_FITTED');
    await g.context.close();
  });

  it('in the page: Download model → Sample from a saved model… → Download sampled CSV; a bad file gets a message; later a fresh tab samples from the file alone', async () => {
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    // a generator that cannot be saved offers no model download
    await selectGenerator(page, 'knnmtd');
    await page.getByLabel('Evaluate the result').uncheck();
    await generate(page);
    await page.getByTestId('result').waitFor();
    expect(await page.getByTestId('model-panel').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download model' }).count()).toBe(0);

    await selectGenerator(page, 'gmtd');
    await openAdvanced(page);
    for (const [label, value] of [
      ['Neighbours k', '4'],
      ['Epochs (max)', '2'],
      ['Steps per epoch', '5'],
      ['Hidden width', '16'],
      ['Latent size', '8'],
      ['Pseudo rows per real row', '3'],
    ]) {
      await setField(page, label!, value!);
    }
    await page.getByLabel('Compute backend', { exact: true }).selectOption('cpu');
    await generate(page);
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download model' }).click(),
    ]);
    expect(dl.suggestedFilename()).toBe('cryotherapy.model.json');
    const model = readFileSync(await dl.path());
    expect(JSON.parse(model.toString('utf8'))).toMatchObject({
      format: 'localsynth-model',
      generator: 'gmtd',
      dataset: { header: DEMO_HEADER, privacyFilter: 'copies' },
    });

    await setField(page, 'Rows to sample', '40');
    await setField(page, 'Sample seed', '5');
    await page
      .getByLabel('Model file', { exact: true })
      .setInputFiles({ name: 'cryotherapy.model.json', mimeType: 'application/json', buffer: model });
    await expect
      .poll(
        () =>
          page
            .getByTestId('model-sample-rows')
            .textContent()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toMatch(/40 rows × 7 columns from cryotherapy\.model\.json/);
    // the saved fingerprints of the unique training rows keep GenerativeMTD's default filter on
    expect(await page.getByTestId('model-sample-filter').textContent()).toMatch(
      /^\s*privacy filter \(copies\): \d+ (copy|copies) of unique training rows replaced with fresh samples\s*$/,
    );
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download sampled CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('cryotherapy.synthetic.csv');
    const text = readFileSync(await csv.path(), 'utf8');
    const parsed = parseCsvText(text);
    expect(parsed.header).toEqual(DEMO_HEADER);
    expect(parsed.rows).toHaveLength(40);
    // the same as Node's engine on the same file, rows and seed
    expect(text).toBe(
      (await sampleFromModel(model.toString('utf8'), { rows: 40, seed: 5, backend: 'cpu' }, null)).csvParts.join(''),
    );
    expect(await page.getByTestId('model-sample-report').count()).toBe(0); // not asked for

    // with the demo loaded, the sample can be scored against it: the verdicts of the engine's report (no holdout)
    await page.getByLabel('Compare with cryotherapy.csv (report)').check();
    await page
      .getByLabel('Model file', { exact: true })
      .setInputFiles({ name: 'cryotherapy.model.json', mimeType: 'application/json', buffer: model });
    const scored = page.getByTestId('model-sample-report');
    await scored.waitFor({ timeout: 60_000 });
    expect(await scored.textContent()).toMatch(
      /Compared with cryotherapy\.csv: 90 real rows, 40 synthetic\s+rows, no holdout/,
    );
    const verdicts = await scored
      .getByTestId('verdict')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-metric'), e.getAttribute('data-level')]));
    const inNode = await sampleFromModel(
      model.toString('utf8'),
      { rows: 40, seed: 5, evaluate: true, backend: 'cpu' },
      nodeDemo().parsed,
    );
    expect(verdicts).toEqual(inNode.report!.verdicts.map((v) => [v.metric, v.level]));
    expect(verdicts.length).toBeGreaterThan(3);
    const [rep] = await Promise.all([
      page.waitForEvent('download'),
      scored.getByRole('button', { name: 'Download report (JSON)' }).click(),
    ]);
    expect(rep.suggestedFilename()).toBe('cryotherapy.synthetic.report.json');
    expect(JSON.parse(readFileSync(await rep.path(), 'utf8'))).toMatchObject({
      rows: { real: 90, synthetic: 40, holdout: null },
      run: { input: 'cryotherapy.csv', rows: 40 },
    });

    await page
      .getByLabel('Model file', { exact: true })
      .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect
      .poll(
        () =>
          page
            .getByTestId('model-error')
            .textContent()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/not a LocalSynth model.*BAD_MODEL_FILE/s);
    // the earlier sample and the run's own result stay
    expect(await page.getByTestId('model-sample').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Download CSV', exact: true }).count()).toBe(1);
    expect(g.offOrigin).toEqual([]);
    expect(g.pageErrors).toEqual([]);

    // later, in a fresh tab with no data loaded and nothing trained: the saved model alone gives new rows
    const later = await openApp(h);
    await later.page.getByTestId('saved-model-panel').waitFor();
    expect(await later.page.getByTestId('result').count()).toBe(0);
    expect(await later.page.getByText(/Compare with/).count()).toBe(0); // nothing loaded to compare with
    await setField(later.page, 'Rows to sample', '40');
    await setField(later.page, 'Sample seed', '5');
    await later.page
      .getByLabel('Model file', { exact: true })
      .setInputFiles({ name: 'cryotherapy.model.json', mimeType: 'application/json', buffer: model });
    await expect
      .poll(
        () =>
          later.page
            .getByTestId('model-sample-rows')
            .textContent()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toMatch(/40 rows × 7 columns from cryotherapy\.model\.json/);
    const [again] = await Promise.all([
      later.page.waitForEvent('download'),
      later.page.getByRole('button', { name: 'Download sampled CSV' }).click(),
    ]);
    expect(readFileSync(await again.path(), 'utf8')).toBe(text);
    expect(later.offOrigin).toEqual([]);
    expect(later.pageErrors).toEqual([]);
    await later.context.close();
    await g.context.close();
  });
});
