/**
 * Every broken fixture in test/fixtures shows its message in the app's message box (code in small print), and the
 * app stays usable: the dataset loaded before, its schema edits and the last result are kept, and a later Generate
 * and a later load both work. Good-but-odd files (other delimiters, Windows-1252) show what was detected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeError } from '../../src/core/errors.js';
import { Engine } from '../../src/engine/engine.js';
import { loadDataset } from '../../src/engine/pipeline.js';
import { damagedModels, utf16le } from '../support/damaged-models.js';
import { dataDir } from '../support/data.js';
import { chooseFile, dropFile, generate, loadDemo, selectGenerator, waitIdle } from '../support/app-driver.js';
import { browserSkipReason, openApp, ROOT, startApp, type AppHarness } from '../support/browser.js';

const skip = browserSkipReason();

/** A tiny GenerativeMTD model of the cryotherapy data trained here (cpu backend, a few seconds): the damaged
 * model fixtures are made from it (test/support/damaged-models.ts). */
async function tinyModel(): Promise<string> {
  const e = new Engine();
  const info = await e.loadCsv(
    new Uint8Array(readFileSync(join(dataDir, 'cryotherapy.csv'))).buffer as ArrayBuffer,
    'cryotherapy.csv',
  );
  const options = { k: 4, epochs: 1, stepsPerEpoch: 5, batchSize: 32, hidden: 16, latent: 8, pseudoPerRow: 3 };
  await e.generate({ schema: info.schema, generator: 'gmtd', options, rows: null, seed: 1, backend: 'cpu' });
  return e.exportModel();
}
const FIXTURES = join(ROOT, 'test/fixtures');

/** Each broken file, the code it must raise and a fragment of its message (written from the fixture's content). */
const BROKEN: { file: string; code: string; fragment: string | RegExp }[] = [
  { file: 'empty.csv', code: 'EMPTY_FILE', fragment: 'is empty (0 bytes)' },
  { file: 'whitespace-only.csv', code: 'EMPTY_FILE', fragment: 'only blank lines or spaces' },
  { file: 'header-only.csv', code: 'NO_DATA_ROWS', fragment: 'has a header line but no data rows' },
  { file: 'no-header.csv', code: 'NO_HEADER', fragment: 'looks like data, not column names' },
  { file: 'ragged.csv', code: 'RAGGED_ROWS', fragment: /line 4 has 3 fields.*the header has 4/ },
  { file: 'duplicate-header.csv', code: 'DUPLICATE_HEADER', fragment: '"age" appears at positions 1 and 3' },
  { file: 'empty-header.csv', code: 'EMPTY_HEADER_NAME', fragment: 'Column 2 has no name' },
  { file: 'unclosed-quote.csv', code: 'CSV_PARSE', fragment: 'starts on line 3 is never closed' },
  { file: 'binary.xlsx', code: 'BINARY_FILE', fragment: 'Excel workbook' },
  { file: 'saved-model.json', code: 'NOT_CSV', fragment: 'is a saved LocalSynth model, not a data file' },
  { file: 'one-row.csv', code: 'TOO_FEW_ROWS', fragment: 'only 1 data row' },
];

/** The same file read in-process by the engine the CLI uses: the page must show exactly this message. */
function nodeMessage(file: string): string {
  try {
    loadDataset(new Uint8Array(readFileSync(join(FIXTURES, file))), file);
  } catch (e) {
    return serializeError(e).message;
  }
  throw new Error(`${file} loads without error in Node`);
}

async function errorBox(page: Page): Promise<{ message: string; code: string }> {
  const box = page.getByTestId('error');
  await box.waitFor();
  return {
    message: (await box.locator('.message').textContent()) ?? '',
    code: (await box.locator('code').textContent()) ?? '',
  };
}

async function dismiss(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Dismiss this message' }).click();
  expect(await page.getByTestId('error').count()).toBe(0);
}

describe.skipIf(skip !== null)('bad inputs in the built app', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('each broken fixture shows its message; the loaded dataset, schema edits and last result survive', async () => {
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    // the run budget (src/core/budget.ts) is stated under the row field, for this table's 7 columns
    expect((await page.getByTestId('rows-limit').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'At most 4,260,880 rows for 7 columns (a run may use 1 GiB of memory, at most 10,000,000 rows).',
    );
    await selectGenerator(page, 'knnmtd');
    await page.getByLabel('Type of age').selectOption('categorical');
    await generate(page);
    const result = await page.getByRole('table', { name: 'Synthetic preview' }).textContent();
    expect(result).toBeTruthy();

    for (const [i, fx] of BROKEN.entries()) {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES, fx.file)));
      // alternate the two ways in: the file chooser and a dropped file
      if (i % 2 === 0) await chooseFile(page, fx.file, bytes);
      else await dropFile(page, fx.file, bytes, 'application/octet-stream');
      await waitIdle(page);
      const shown = await errorBox(page);
      expect(shown.code, fx.file).toBe(fx.code);
      if (typeof fx.fragment === 'string') expect(shown.message, fx.file).toContain(fx.fragment);
      else expect(shown.message, fx.file).toMatch(fx.fragment);
      expect(shown.message, fx.file).toBe(nodeMessage(fx.file));
      // what the user had is still there
      expect(await page.getByTestId('shape').textContent()).toBe('90 rows × 7 columns');
      expect(await page.getByLabel('Type of age').inputValue()).toBe('categorical');
      expect(await page.getByRole('table', { name: 'Synthetic preview' }).textContent()).toBe(result);
      await dismiss(page);
    }

    // the worker still holds the demo: a Generate after all those errors works, with the edit
    await generate(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('result-rows').textContent()).toBe('90 rows × 7 columns');
    expect(g.offOrigin).toEqual([]);
    await g.context.close();
  });

  it('damaged model files: "Sample from a saved model…" shows each one\'s BAD_MODEL_FILE message; a UTF-16 file samples', async () => {
    const good = JSON.parse(await tinyModel());
    const g = await openApp(h);
    const page = g.page;
    const chooseModel = (name: string, bytes: Uint8Array) =>
      page.getByLabel('Model file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(bytes) });
    for (const [name, text, message] of damagedModels(good)) {
      await chooseModel('damaged.model.json', new TextEncoder().encode(text));
      const box = page.getByTestId('model-error');
      await box.waitFor();
      expect(await box.locator('code').textContent(), name).toBe('BAD_MODEL_FILE');
      expect(await box.textContent(), name).toMatch(message);
    }
    await chooseModel('utf16.model.json', utf16le(JSON.stringify(good)));
    await page.getByTestId('model-sample-rows').waitFor();
    expect(await page.getByTestId('model-error').count()).toBe(0);
    expect(await page.getByTestId('model-sample-rows').textContent()).toMatch(
      /90 rows × 7 columns from utf16\.model\.json/,
    );
    expect(g.offOrigin).toEqual([]);
    await g.context.close();
  }, 180_000);

  it('one-class-target.csv: choosing the one-class target fails at Generate with TARGET_ONE_CLASS; no target works', async () => {
    const g = await openApp(h);
    const page = g.page;
    await chooseFile(
      page,
      'one-class-target.csv',
      new Uint8Array(readFileSync(join(FIXTURES, 'one-class-target.csv'))),
    );
    await expect.poll(() => page.getByTestId('shape').textContent()).toBe('4 rows × 3 columns');
    await page.getByLabel('Target column').selectOption('outcome');
    await generate(page);
    const shown = await errorBox(page);
    expect(shown.code).toBe('TARGET_ONE_CLASS');
    expect(shown.message).toContain('The target column "outcome" has only one class ("yes")');
    await page.getByLabel('Target column').selectOption('');
    await generate(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('result-rows').textContent()).toBe('4 rows × 3 columns');
    await g.context.close();
  });

  it('odd but valid files: the detected delimiter, encoding and warnings are shown', async () => {
    const g = await openApp(h);
    const page = g.page;
    const cases: { file: string; delimiter: string; encoding: string; shape: string; warning?: RegExp }[] = [
      { file: 'semicolon.csv', delimiter: 'semicolon', encoding: 'utf-8', shape: '4 rows × 3 columns' },
      { file: 'tab.tsv', delimiter: 'tab', encoding: 'utf-8', shape: '3 rows × 3 columns' },
      { file: 'pipe.csv', delimiter: 'pipe', encoding: 'utf-8', shape: '3 rows × 3 columns' },
      { file: 'latin1.csv', delimiter: 'comma', encoding: 'windows-1252', shape: '3 rows × 2 columns', warning: /./ },
    ];
    for (const c of cases) {
      await chooseFile(page, c.file, new Uint8Array(readFileSync(join(FIXTURES, c.file))));
      await expect.poll(() => page.getByRole('heading', { level: 2, name: c.file }).count()).toBe(1);
      await waitIdle(page);
      expect(await page.getByTestId('shape').textContent(), c.file).toBe(c.shape);
      expect(await page.getByTestId('delimiter').textContent(), c.file).toBe(c.delimiter);
      expect(await page.getByTestId('encoding').textContent(), c.file).toBe(c.encoding);
      const warnings = (await page.getByTestId('warnings').textContent()) ?? '';
      const expected = loadDataset(new Uint8Array(readFileSync(join(FIXTURES, c.file))), c.file).info.warnings;
      for (const w of expected) expect(warnings, c.file).toContain(w.message);
      expect(expected.length).toBeGreaterThan(0);
    }
    // latin1.csv: the accented labels were decoded (Windows-1252), shown in the input preview as in the file
    await page.getByText(/Preview of the first/).click();
    const preview = (await page.getByRole('table', { name: 'Input preview' }).textContent()) ?? '';
    const info = loadDataset(new Uint8Array(readFileSync(join(FIXTURES, 'latin1.csv'))), 'latin1.csv').info;
    for (const row of info.preview) for (const cell of row) expect(preview).toContain(cell);
    expect(preview).toMatch(/[éèàüöçñ]/);
    await g.context.close();
  });
});
