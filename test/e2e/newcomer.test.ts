/**
 * A newcomer's first run, in the built app in headless Chromium: a fresh page → "Try the demo dataset" → Generate
 * with every default → Download CSV. The time from Generate to the download is logged, not asserted (speed lives in
 * the benches; the figure is quoted in docs/backends.md). Asserted: the time estimate was on the page before
 * Generate, the automatic backend is wasm where WebGL is emulated (SwiftShader in these tests), the report's
 * verdicts are shown, and the download is a CSV with the demo's columns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadCsv, loadDemo, parseCsvText, waitIdle } from '../support/app-driver.js';
import { browserSkipReason, openApp, ROOT, startApp, type AppHarness } from '../support/browser.js';

const skip = browserSkipReason();
const DEMO = readFileSync(join(ROOT, 'public/demo/cryotherapy.csv'), 'utf8');
const DEMO_HEADER = DEMO.split(/\r?\n/, 1)[0]!.split(',');

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
        `verdicts: ${verdicts.join(' | ')}`,
    );

    expect(file.name).toBe('cryotherapy.synthetic.csv');
    const { header, rows } = parseCsvText(file.bytes.toString('utf8'));
    expect(header).toEqual(DEMO_HEADER);
    expect(rows.length).toBe(DEMO.trim().split(/\r?\n/).length - 1);
    expect(g.offOrigin).toEqual([]);
    expect(g.pageErrors).toEqual([]);
    await g.context.close();
  });
});
