/**
 * A newcomer's first run, in the built app in headless Chromium: a fresh page → "Try the demo dataset" → Generate
 * with every default → Download CSV. The time from Generate to the download is logged, not asserted (speed lives in
 * the benches; the figure is quoted in docs/backends.md). Asserted: the time estimate was on the page before
 * Generate, the automatic backend is wasm where WebGL is emulated (SwiftShader in these tests), the report's
 * verdicts are shown, and the download is a CSV with the demo's columns.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadCsv,
  dropFile,
  generate,
  loadDemo,
  parseCsvText,
  selectGenerator,
  waitIdle,
} from '../support/app-driver.js';
import { browserSkipReason, openApp, ROOT, startApp, type AppHarness } from '../support/browser.js';

const skip = browserSkipReason();
const DEMO = readFileSync(join(ROOT, 'public/demo/cryotherapy.csv'), 'utf8');
const DEMO_HEADER = DEMO.split(/\r?\n/, 1)[0]!.split(',');
const MOVIES = readFileSync(join(ROOT, 'test/fixtures/movies-dates.csv'), 'utf8');
const MONTH_D_YYYY = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [1-9]\d? (19|20)\d{2}$/;

describe.skipIf(skip !== null)('a newcomer runs the demo with the defaults', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('fresh page → Try the demo → Generate → Download CSV: estimate first, wasm under SwiftShader', async () => {
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);

    const estimate = page.getByTestId('estimate');
    await estimate.waitFor();
    const before = (await estimate.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    expect(before).toMatch(/Estimated time to fit and sample: about \d+ s here \(wasm, \d+ ms\/step\)\./);

    const t0 = Date.now();
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await waitIdle(page, 300_000);
    expect(await page.getByTestId('error').count()).toBe(0);
    const file = await downloadCsv(page);
    const seconds = (Date.now() - t0) / 1000;

    const notes = (await page.getByTestId('fit-notes').textContent()) ?? '';
    expect(notes).toContain('backend: wasm');
    expect(notes).toContain('webgl: software renderer (SwiftShader): wasm is faster');
    expect(await page.getByTestId('training-backend').textContent()).toBe('Backend: wasm');
    const verdicts = (await page.getByTestId('verdict').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(verdicts.length).toBeGreaterThan(0);
    const after = (await estimate.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    console.log(
      `newcomer: Generate → download ${seconds.toFixed(1)} s; estimate before: "${before}"; after: "${after}"; ` +
        `fit notes: ${notes.split('k = ')[0]}; verdicts: ${verdicts.join(' | ')}; load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
    );

    expect(file.name).toBe('cryotherapy.synthetic.csv');
    const { header, rows } = parseCsvText(file.bytes.toString('utf8'));
    expect(header).toEqual(DEMO_HEADER);
    expect(rows.length).toBe(DEMO.trim().split(/\r?\n/).length - 1);
    expect(g.offOrigin).toEqual([]);
    expect(g.pageErrors).toEqual([]);
    await g.context.close();
  });

  it("a movies-like Release Date ('Sep 13 1996') is a date in the schema panel and comes back in that pattern", async () => {
    const g = await openApp(h);
    const page = g.page;
    await dropFile(page, 'movies.csv', MOVIES);
    await expect.poll(() => page.getByTestId('shape').textContent()).toBe('30 rows × 5 columns');
    await waitIdle(page);
    expect(await page.getByLabel('Type of Release Date', { exact: true }).inputValue()).toBe('datetime');
    const summary = (await page.locator('tr[data-column="Release Date"] td.summary').textContent()) ?? '';
    expect(summary).toMatch(/^[A-Z][a-z]{2} \d{1,2} \d{4} – [A-Z][a-z]{2} \d{1,2} \d{4}/);
    // the estimate follows the generator
    const gmtdEstimate = await page.getByTestId('estimate').textContent();
    await selectGenerator(page, 'copula');
    await expect.poll(() => page.getByTestId('estimate').textContent()).not.toBe(gmtdEstimate);
    expect(await page.getByTestId('estimate').textContent()).not.toContain('ms/step');
    await generate(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    const { header, rows } = parseCsvText((await downloadCsv(page)).bytes.toString('utf8'));
    const j = header.indexOf('Release Date');
    expect(j).toBeGreaterThanOrEqual(0);
    expect(rows.length).toBe(30);
    for (const r of rows) expect(r[j]).toMatch(MONTH_D_YYYY);
    expect(g.pageErrors).toEqual([]);
    await g.context.close();
  });
});
