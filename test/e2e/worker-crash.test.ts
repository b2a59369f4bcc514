/**
 * A synth worker that dies mid-run without a word (issue 22 item 2: the browser ends a worker that runs out of
 * memory; no `error` event reaches the page) leaves the page alive: the run ends with a specific message, the
 * dataset and the settings stay, and Retry starts a fresh worker, given the loaded file again, that finishes a run.
 * The worker is really ended (`Worker.terminate()` through the `?test` hook); the bridge notices through the Web Lock
 * the worker holds for its life (src/app/bridge/life-lock.ts), the same path a real out-of-memory death takes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, selectGenerator, setField, waitIdle } from '../support/app-driver.js';
import { browserSkipReason, openApp, startApp, type AppHarness } from '../support/browser.js';

const skip = browserSkipReason();

interface Hook {
  __ls: { bridge: { killWorker(): void; workersStarted: number }; app: { run: { phase: string } } };
}

const MESSAGE =
  "The generator's worker stopped — most likely it ran out of memory. Your data and settings are kept; " +
  'try fewer rows or a smaller table, then Retry.';

describe.skipIf(skip !== null)('a synth worker that dies (built app, headless Chromium)', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says the worker stopped, keeps the dataset and settings, and Retry finishes a run in a fresh worker', async () => {
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    expect(await page.getByTestId('shape').textContent()).toBe('90 rows × 7 columns');
    await selectGenerator(page, 'copula');
    // many rows, so the run is still going when the worker is ended
    await setField(page, 'Rows to generate', '2000000');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByTestId('progress').waitFor();
    expect(await page.evaluate(() => (window as unknown as Hook).__ls.app.run.phase)).toBe('generating');
    await page.evaluate(() => (window as unknown as Hook).__ls.bridge.killWorker());

    await waitIdle(page, 15_000);
    const box = page.getByTestId('error');
    await expect.poll(() => box.locator('code').textContent()).toBe('WORKER_CRASHED');
    expect(await box.locator('.message').textContent()).toBe(MESSAGE);
    // the dataset, the generator and the rows asked for are all still there
    expect(await page.getByTestId('shape').textContent()).toBe('90 rows × 7 columns');
    expect(await page.getByLabel('Method', { exact: true }).inputValue()).toBe('copula');
    expect(await page.getByLabel('Rows to generate', { exact: true }).inputValue()).toBe('2000000');
    expect(await page.getByTestId('result-rows').count()).toBe(0);

    await setField(page, 'Rows to generate', '500');
    await box.getByRole('button', { name: 'Retry' }).click();
    await waitIdle(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('result-rows').textContent()).toBe('500 rows × 7 columns');
    // a second worker, given the demo file again by the bridge
    expect(await page.evaluate(() => (window as unknown as Hook).__ls.bridge.workersStarted)).toBe(2);
    expect(g.offOrigin).toEqual([]);
    expect(g.pageErrors).toEqual([]);
    await g.context.close();
  });
});
