/**
 * "Keep my session on this device" (IndexedDB, opt-in) in the built app: off by default and nothing stored; on, a
 * loaded dataset, schema edits, settings and the last result come back after a reload; the stored sizes are shown;
 * "Forget" deletes the database and a reload starts empty. Also: a crashed run offers smaller settings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halveSettings } from '../../src/app/state/session-recovery.js';
import { formatBytes } from '../../src/app/state/session-store.js';
import {
  dropFile,
  generate,
  loadDemo,
  openAdvanced,
  selectGenerator,
  setField,
  waitIdle,
} from '../support/app-driver.js';
import {
  browserSkipReason,
  openApp,
  ROOT,
  TEST_DATA,
  startApp,
  type AppHarness,
  type LsHook,
} from '../support/browser.js';

const skip = browserSkipReason();
const DEMO_BYTES = readFileSync(join(ROOT, 'public/demo/cryotherapy.csv')).byteLength;

async function databases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

async function flush(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { __ls: { app: { session: { flush(): Promise<void> } } } }).__ls.app.session.flush(),
  );
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(() => ((window as unknown as { __ls?: LsHook }).__ls?.app.run.generators.length ?? 0) > 0);
  await waitIdle(page);
}

describe('smaller settings after a crash (pure)', () => {
  it('halves rows and size-like integer options, clamped to their minimum; leaves the rest', () => {
    const specs = [
      { key: 'epochs', label: 'Epochs', type: 'int', min: 1, scales: true },
      { key: 'batchSize', label: 'Batch size', type: 'int', min: 8, scales: true },
      { key: 'k', label: 'Neighbours k', type: 'int', min: 2 },
      { key: 'dropout', label: 'Dropout', type: 'number' },
      { key: 'hidden', label: 'Hidden width', type: 'int', min: 8, scales: true },
    ] as const;
    const r = halveSettings(675, { epochs: 301, batchSize: 10, k: 6, dropout: 0.5, hidden: 8 }, specs);
    // 675/2 = 337.5 → 338; 301 → 151; 10 → max(8, 5) = 8; k, dropout untouched; hidden already at its minimum
    expect(r.rows).toBe(338);
    expect(r.options).toEqual({ epochs: 151, batchSize: 8, k: 6, dropout: 0.5, hidden: 8 });
    expect(r.changes).toEqual(['rows 675 → 338', 'epochs 301 → 151', 'batch size 10 → 8']);
    expect(halveSettings(1, {}, []).changes).toEqual([]);
  });
  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1771)).toBe('1.7 KiB'); // 1771 / 1024 = 1.729…
    expect(formatBytes(20 * 1024)).toBe('20 KiB');
    expect(formatBytes(3 * 1024 * 1024 + 1)).toBe('3.0 MiB');
  });
});

describe.skipIf(skip !== null)('session restore (built app, headless Chromium)', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('off by default (nothing stored); on: dataset, schema edits, settings and result survive a reload; Forget wipes', async () => {
    const g = await openApp(h);
    const page = g.page;
    const toggle = page.getByRole('switch', { name: 'Keep my session on this device' });
    expect(await toggle.isChecked()).toBe(false);
    await loadDemo(page);
    await flush(page);
    expect(await databases(page)).not.toContain('localsynth-session');
    await reload(page);
    expect(await page.getByTestId('shape').count()).toBe(0);

    await toggle.check();
    await loadDemo(page);
    await page.getByLabel('Type of age').selectOption('categorical');
    await page.getByLabel('Skip Area').check(); // a skipped column is left out of the output
    await page.getByLabel('Target column').selectOption('Result_of_Treatment');
    await page.getByLabel('Method').selectOption('gmm');
    await setField(page, 'Rows to generate', '37');
    await setField(page, 'Seed', '7');
    await generate(page);
    expect(await page.getByTestId('result-rows').textContent()).toBe('37 rows × 6 columns');
    const preview = await page.getByRole('table', { name: 'Synthetic preview' }).textContent();
    await flush(page);
    const stored = page.getByTestId('session-stored');
    expect(await stored.textContent()).toContain(`cryotherapy.csv (${formatBytes(DEMO_BYTES)})`);
    expect(await stored.textContent()).toMatch(/last result \(\d/);
    const total = Number(await page.getByTestId('session-total').getAttribute('data-bytes'));
    // the dataset's own bytes plus the JSON of schema, settings and result (the CSV text alone is > 37 short lines)
    expect(total).toBeGreaterThan(DEMO_BYTES + 37 * 10);
    expect(await databases(page)).toContain('localsynth-session');

    await reload(page);
    await page.getByTestId('session-restored').waitFor();
    expect(await toggle.isChecked()).toBe(true);
    expect(await page.getByTestId('shape').textContent()).toBe('90 rows × 7 columns');
    expect(await page.getByLabel('Type of age').inputValue()).toBe('categorical');
    expect(await page.getByLabel('Skip Area').isChecked()).toBe(true);
    expect(await page.getByLabel('Target column').inputValue()).toBe('Result_of_Treatment');
    expect(await page.getByLabel('Method').inputValue()).toBe('gmm');
    expect(await page.getByLabel('Rows to generate', { exact: true }).inputValue()).toBe('37');
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('7');
    expect(await page.getByTestId('result-rows').textContent()).toBe('37 rows × 6 columns');
    expect(await page.getByRole('table', { name: 'Synthetic preview' }).textContent()).toBe(preview);
    // the restored dataset is in the worker too: the same settings and seed give the same rows again
    await generate(page);
    expect(await page.getByRole('table', { name: 'Synthetic preview' }).textContent()).toBe(preview);

    await page.getByRole('button', { name: 'Forget everything stored' }).click();
    await expect.poll(() => databases(page)).not.toContain('localsynth-session');
    expect(await toggle.isChecked()).toBe(false);
    expect(await page.getByTestId('session-stored').count()).toBe(0);
    // what is on screen stays; only the stored copy is gone
    expect(await page.getByTestId('shape').textContent()).toBe('90 rows × 7 columns');
    await reload(page);
    expect(await page.getByTestId('shape').count()).toBe(0);
    expect(await page.getByTestId('session-restored').count()).toBe(0);

    // turning the switch off also wipes
    await toggle.check();
    await loadDemo(page);
    await flush(page);
    expect(await databases(page)).toContain('localsynth-session');
    await toggle.uncheck();
    await expect.poll(() => databases(page)).not.toContain('localsynth-session');
    expect(g.offOrigin).toEqual([]);
    expect(g.pageErrors).toEqual([]);
    await g.context.close();
  });

  it('a trained GenerativeMTD model is kept with the session: after a reload it still downloads', async () => {
    const g = await openApp(h);
    const page = g.page;
    await page.getByRole('switch', { name: 'Keep my session on this device' }).check();
    await loadDemo(page);
    expect(await page.getByLabel('Method', { exact: true }).inputValue()).toBe('gmtd');
    await openAdvanced(page);
    for (const [label, value] of [
      ['Neighbours k', '3'],
      ['Epochs (max)', '2'],
      ['Steps per epoch', '5'],
      ['Hidden width', '16'],
      ['Latent size', '8'],
      ['Pseudo rows per real row', '3'],
    ] as const) {
      await setField(page, label, value);
    }
    await page.getByLabel('Evaluate the result').uncheck();
    await generate(page);
    await flush(page);
    expect(await page.getByTestId('session-stored').textContent()).toMatch(/trained model \(\d/);

    const summary = await page.getByTestId('training-summary').textContent();
    expect(summary).toMatch(/Latest losses \(epoch 2\)/);

    await reload(page);
    await page.getByTestId('session-restored').waitFor();
    // the last run's training chart comes back with the result
    expect(await page.getByTestId('training-chart').count()).toBe(1);
    expect(await page.getByTestId('training-summary').textContent()).toBe(summary);
    expect(await page.getByTestId('training-epoch').textContent()).toMatch(/Epoch 2 of 2/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download model' }).click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'localsynth-model', generator: 'gmtd' });
    expect(await page.getByTestId('model-download-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Forget everything stored' }).click();
    expect(g.offOrigin).toEqual([]);
    expect(g.pageErrors).toEqual([]);
    await g.context.close();
  });

  it('a crash mid-run keeps the data, says what happened, and offers a smaller retry that works', async () => {
    const g = await openApp(h);
    const page = g.page;
    await dropFile(page, 'urban_land.csv', readFileSync(join(TEST_DATA, 'urban_land.csv'), 'utf8'));
    await expect.poll(() => page.getByTestId('shape').textContent()).toBe('675 rows × 148 columns');
    await waitIdle(page);
    await selectGenerator(page, 'knnmtd'); // a 675-row table gets GenerativeMTD by default
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByTestId('progress').waitFor();
    await page.evaluate(() =>
      (window as unknown as { __ls: { bridge: { simulateCrash(): void } } }).__ls.bridge.simulateCrash(),
    );
    await waitIdle(page, 10_000);
    const box = page.getByTestId('error');
    await expect.poll(() => box.locator('code').textContent()).toBe('WORKER_CRASHED');
    expect(await box.textContent()).toMatch(/worker stopped/);
    expect(await page.getByTestId('smaller-offer').textContent()).toBe('Smaller settings: rows 675 → 338.');
    expect(await page.getByTestId('shape').textContent()).toBe('675 rows × 148 columns');

    await setField(page, 'Neighbours k', '3');
    await box.getByRole('button', { name: 'Try again, smaller' }).click();
    await waitIdle(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('result-rows').textContent()).toBe('338 rows × 148 columns');
    expect(await page.getByLabel('Rows to generate', { exact: true }).inputValue()).toBe('338');
    expect(g.offOrigin).toEqual([]);
    expect(g.pageErrors).toEqual([]);
    await g.context.close();
  });
});
