/**
 * The evaluation report in the built app (headless Chromium): settings in the generator panel, every section of the
 * report drawn after a run on the demo table (evaluate on, 30% holdout), and both exports. The HTML export is then
 * opened from disk in a context that aborts every request that is not the file itself: it must render all its
 * sections and images with no request at all. As everywhere, no request may leave 127.0.0.1.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../../src/api/types.js';
import { generate, loadDemo, selectGenerator, setField } from '../support/app-driver.js';
import { browserSkipReason, openApp, startApp, type AppHarness, type GuardedContext } from '../support/browser.js';

const skip = browserSkipReason();

function expectClean(g: GuardedContext): void {
  expect(g.offOrigin).toEqual([]);
  expect(g.pageErrors).toEqual([]);
}

/** The report the worker returned, read through the `?test` hook. */
function pageReport(page: Page): Promise<EvaluationReport | null> {
  return page.evaluate(
    () =>
      (window as unknown as { __ls: { app: { run: { result: { report: EvaluationReport | null } | null } } } }).__ls.app
        .run.result?.report ?? null,
  );
}

/** Share of a canvas's pixels that are drawn (not transparent and not white): a blank chart gives 0. */
function inkShares(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((els) =>
    (els as HTMLCanvasElement[]).map((c) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return 0;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4)
        if (d[i + 3]! > 0 && (d[i]! < 240 || d[i + 1]! < 240 || d[i + 2]! < 240)) ink++;
      return ink / (d.length / 4);
    }),
  );
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

describe.skipIf(skip !== null)('evaluation report (built app, headless Chromium)', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('demo → Generate with the report: every section renders; JSON and self-contained HTML download', async () => {
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    // the privacy filter follows the generator's default until the user picks one: GenerativeMTD replaces copies
    expect(await page.getByLabel('Privacy filter').inputValue()).toBe('copies');
    expect(await page.getByTestId('filter-help').textContent()).toMatch(
      /identical to a training row that no other training row repeats/,
    );
    await selectGenerator(page, 'knnmtd');

    // settings and their defaults
    expect(await page.getByLabel('Evaluate the result').isChecked()).toBe(true);
    expect(await page.getByLabel('Holdout share').inputValue()).toBe('30');
    expect(await page.getByLabel('Privacy filter').inputValue()).toBe('off');
    expect(await page.getByTestId('report-settings').textContent()).toMatch(
      /kept away from the generator and used to test privacy and utility/,
    );
    expect(await page.getByTestId('split-seed').textContent()).toBe('42');
    await setField(page, 'Seed', '7');
    expect(await page.getByTestId('split-seed').textContent()).toBe('7');
    await page.getByLabel('Privacy filter').selectOption('drop');
    expect(await page.getByTestId('filter-help').textContent()).toMatch(/Remove synthetic rows closer/);
    await page.getByLabel('Privacy filter').selectOption('off');

    await setField(page, 'Neighbours k', '5');
    await generate(page);
    await page.getByTestId('report').waitFor();
    const report = await pageReport(page);
    expect(report).not.toBeNull();
    const r = report!;
    // the demo (90 rows) with a 30% stratified holdout
    expect(r.rows.real + (r.rows.holdout ?? 0)).toBe(90);
    expect(r.rows.holdout).toBeGreaterThanOrEqual(26);
    expect(r.rows.holdout).toBeLessThanOrEqual(28);
    expect(r.seed).toBe(7);
    expect(await page.getByTestId('split').textContent()).toBe(
      `trained on ${r.rows.real} rows, ${r.rows.holdout} held out`,
    );

    // summary strip: 5 verdicts, each with its level, its number as the report has it, and its sentence
    const cards = page.getByTestId('verdict');
    expect(await cards.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const v = r.verdicts[i]!;
      const card = cards.nth(i);
      expect(await card.getAttribute('data-metric')).toBe(v.metric);
      expect(await card.getAttribute('data-level')).toBe(v.level);
      expect(['good', 'check', 'poor', 'inconclusive', 'n/a']).toContain(v.level);
      expect(await card.textContent()).toContain(v.text);
      expect(await card.getAttribute('title')).toMatch(/Thresholds: /);
    }
    expect(await cards.nth(0).locator('.value').textContent()).toBe(r.fidelity.quality.toFixed(3));
    expect(await cards.nth(2).locator('.value').textContent()).toBe(`${(100 * r.privacy.dcrShare!).toFixed(1)}%`);
    const iv = r.privacy.dcrShareInterval!;
    expect(await cards.nth(2).getByTestId('verdict-interval').textContent()).toBe(
      `95% interval ${(100 * iv.lo).toFixed(1)}%–${(100 * iv.hi).toFixed(1)}%`,
    );
    expect(await page.getByTestId('risk-table').locator('tbody tr').count()).toBe(8);
    expect(await page.getByTestId('thresholds').textContent()).toContain('good ≥ 0.85 · check ≥ 0.70');

    // the table of contents after the verdicts: one link per section; a link and a verdict card lead to their section
    const toc = page.getByTestId('report-toc');
    expect(await toc.locator('a').allTextContents()).toEqual([
      'Columns',
      'Fidelity',
      'Privacy',
      'Utility',
      'Clustering',
    ]);
    expect(await toc.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    const inView = (id: string) =>
      page.evaluate((sel) => {
        const r = document.getElementById(sel)!.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight / 2;
      }, id);
    expect(await inView('report-clustering')).toBe(false);
    await toc.getByRole('link', { name: 'Clustering' }).click();
    await expect.poll(() => inView('report-clustering')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-clustering');
    await page.locator('[data-testid=verdict][data-metric=dcrShare]').click();
    await expect.poll(() => inView('report-privacy')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-privacy');

    // one chart per column (7 ≤ 16: all shown), three heatmaps, the DCR histogram, the PCA scatter, the utility chart
    expect(await page.locator('[data-testid=column-chart] canvas').count()).toBe(r.fidelity.columns.length);
    expect(r.fidelity.columns.length).toBe(7);
    expect(await page.locator('[data-testid=heatmap] canvas').count()).toBe(3);
    for (const id of ['dcr-chart', 'pca-chart', 'utility-chart'])
      expect(await page.locator(`[data-testid=${id}] canvas`).count()).toBe(1);
    const inks = await inkShares(page, '[data-testid=report] canvas');
    expect(inks.length).toBe(7 + 3 + 4);
    for (const s of inks) expect(s).toBeGreaterThan(0.01);
    // the select narrows the grid to one column
    await page.getByLabel('Show').selectOption('Area');
    expect(await page.locator('[data-testid=column-chart]').count()).toBe(1);
    expect(await page.getByLabel('Real vs synthetic: Area').count()).toBe(1);
    await page.getByLabel('Show').selectOption('__all');

    // utility: 4 settings × 2 models, plus TSTR/TRTR on the holdout × 2 models; classification columns
    const util = page.getByTestId('utility-table');
    expect(await util.locator('tbody tr').count()).toBe(12);
    expect(await util.locator('thead').textContent()).toMatch(/Accuracy.*Macro-F1.*ROC-AUC/);
    expect(await util.locator('tbody tr').first().locator('td').nth(2).textContent()).toBe(
      (r.utility!.tstr.randomForest as { accuracy: number }).accuracy.toFixed(3),
    );
    expect(await page.getByTestId('clustering-table').locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('privacy-table').textContent()).toContain('DCR share');
    // the attacks' risk bars, the plain-words summary and the k-anonymity summary
    await expect.poll(() => page.getByTestId('risk-chart').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('privacy-summary').textContent()).toMatch(/^In short: \S/);
    expect(await page.getByTestId('k-anonymity-summary').textContent()).toMatch(/anonymous/);
    expect(await page.getByTestId('risk-table').textContent()).toMatch(/Singling out risk.*Linkability risk/s);

    // JSON export: the worker's report at the top level, plus the run
    const json = await download(page, 'Download report (JSON)');
    expect(json.name).toBe('cryotherapy.report.json');
    const parsed = JSON.parse(json.text) as EvaluationReport & { run: { input: string; seed: number } };
    expect(parsed.rows.real).toBe(r.rows.real);
    expect(parsed.fidelity.columnShapes).toBe(r.fidelity.columnShapes);
    expect(parsed.privacy.dcrShare).toBe(r.privacy.dcrShare);
    const acc = (parsed.utility!.tstr.randomForest as { accuracy: number }).accuracy;
    expect(acc).toBeGreaterThanOrEqual(0);
    expect(acc).toBeLessThanOrEqual(1);
    expect(parsed.run).toMatchObject({ input: 'cryotherapy.csv', seed: 7 });

    // HTML export
    const html = await download(page, 'Download report (HTML)');
    expect(html.name).toBe('cryotherapy.report.html');
    expect(html.text).not.toMatch(/<script/i);
    expect(html.text).not.toMatch(/(src|href)="(https?:|\/\/)/i);
    expectClean(g);
    await g.context.close();

    // open the file from disk: every request but the file itself is aborted and recorded
    const dir = mkdtempSync(join(tmpdir(), 'ls-report-'));
    const file = join(dir, html.name);
    writeFileSync(file, html.text);
    const url = pathToFileURL(file).href;
    const ctx = await h.browser.newContext({ viewport: { width: 1100, height: 900 } });
    const other: string[] = [];
    const seen: string[] = [];
    ctx.on('request', (req) => {
      if (!req.url().startsWith('data:')) seen.push(req.url());
    });
    await ctx.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      other.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const view = await ctx.newPage();
    const errors: string[] = [];
    view.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await view.goto(url);
    for (const id of ['summary', 'columns', 'fidelity', 'privacy', 'utility', 'clustering']) {
      expect(await view.locator(`section#${id}`).count(), id).toBe(1);
    }
    expect(await view.locator('.verdict').count()).toBe(5);
    expect(await view.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '#columns',
      '#fidelity',
      '#privacy',
      '#utility',
      '#clustering',
    ]);
    expect(await view.locator('.verdict[data-metric=utilityRatio] a').getAttribute('href')).toBe('#utility');
    expect(await view.locator('#utility-table tbody tr').count()).toBe(12);
    const imgs = await view
      .locator('img')
      .evaluateAll((els) =>
        (els as HTMLImageElement[]).map((i) => ({ ok: i.complete, w: i.naturalWidth, src: i.src.slice(0, 22) })),
      );
    // 7 columns + 3 heatmaps + DCR + risk bars + PCA + utility
    expect(imgs.length).toBe(14);
    expect(await view.locator('.privacy-summary').textContent()).toMatch(/^In short: \S/);
    for (const i of imgs) {
      expect(i.ok).toBe(true);
      expect(i.w).toBeGreaterThanOrEqual(600); // drawn at 2× for print
      expect(i.src).toBe('data:image/png;base64,');
    }
    // the print stylesheet applies
    await view.emulateMedia({ media: 'print' });
    expect(
      await view
        .locator('figure')
        .first()
        .evaluate((f) => getComputedStyle(f).breakInside),
    ).toBe('avoid');
    expect(other).toEqual([]);
    expect(seen).toEqual([url]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('holdout 0% and the drop filter: kNNMTD (copies) is refused, the copula passes with DCR share n/a; evaluate off: no report', async () => {
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    await selectGenerator(page, 'knnmtd');
    await setField(page, 'Neighbours k', '5');
    await setField(page, 'Holdout share', '0');
    await page.getByLabel('Privacy filter').selectOption('drop');
    // kNNMTD on this all-copy-prone table: every row is too close, and the user is told so
    await generate(page);
    const box = page.getByTestId('error');
    await expect.poll(() => box.locator('code').textContent()).toBe('PRIVACY_FILTER_EMPTY');
    expect(await page.getByTestId('report').count()).toBe(0);
    await box.getByRole('button', { name: 'Dismiss this message' }).click();

    await page.getByLabel('Method').selectOption('copula');
    await generate(page);
    await page.getByTestId('report').waitFor();
    const r = (await pageReport(page))!;
    expect(r.rows.holdout).toBeNull();
    expect(r.rows.real).toBe(90);
    const dcr = page.locator('[data-testid=verdict][data-metric=dcrShare]');
    expect(await dcr.getAttribute('data-level')).toBe('n/a');
    expect(await dcr.textContent()).toContain('No holdout');
    expect(await page.getByTestId('filter-result').textContent()).toMatch(
      /^privacy filter \(drop\): \d+ rows? closer than [\d.e-]+ to a training row dropped$/,
    );
    // no holdout: the utility table has the 4 cross-validated settings only
    expect(await page.getByTestId('utility-table').locator('tbody tr').count()).toBe(8);

    await page.getByLabel('Evaluate the result').uncheck();
    await page.getByLabel('Privacy filter').selectOption('off');
    // nothing needs a holdout now: the share is not editable
    expect(await page.getByLabel('Holdout share').isDisabled()).toBe(true);
    await generate(page);
    await page.getByTestId('result').waitFor();
    expect(await pageReport(page)).toBeNull();
    expect(await page.getByTestId('report').count()).toBe(0);
    expectClean(g);
    await g.context.close();
  });
});
