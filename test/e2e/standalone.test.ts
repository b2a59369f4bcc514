/**
 * The single-file build: one HTML file, opened from `file://` in headless Chromium with every http(s) request
 * aborted, completes demo → fit → download. Its CSP forbids every connection, and nothing outside the file (other
 * than the blob:/data: URLs it makes itself) is ever requested.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStandalone } from '../../build/standalone.js';
import { browserSkipReason, launchBrowser } from '../support/browser.js';
import {
  downloadCsv,
  generate,
  loadDemo,
  openAdvanced,
  parseCsvText,
  selectGenerator,
  setField,
} from '../support/app-driver.js';

const skip = browserSkipReason();

describe.skipIf(skip !== null)('single-file build (file://)', () => {
  let dir: string;
  let html: string;
  let browser: Browser;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'localsynth-standalone-'));
    html = await buildStandalone(dir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is one file whose CSP allows no connection and which names nothing outside itself', () => {
    expect(readdirSync(dir)).toEqual(['index.html']);
    const text = readFileSync(html, 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(text)?.[1] ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(['data:']);
    expect(directives.get('script-src')?.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'wasm-unsafe-eval'"]);
    // no external script, stylesheet, manifest or icon: every src/href is inline, data: or a fragment
    const markup = text
      .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>')
      .replace(/<style>[\s\S]*?<\/style>/g, '');
    const refs = [...markup.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0); // the favicon, at least
    for (const r of refs) expect(r, r).toMatch(/^data:/);
  });

  it('opened from file://: demo → fit → download, with no request outside the file', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(html).href;
    const outside: string[] = [];
    const errors: string[] = [];
    context.on('request', (r) => {
      const u = r.url();
      if (u !== url && u !== `${url}?test` && !u.startsWith('blob:null/') && !u.startsWith('data:')) outside.push(u);
    });
    await context.route(/^https?:/, (route) => {
      outside.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${url}?test`);
    // what cannot work from a file is said, not hidden
    const status = page.getByTestId('offline-status');
    await expect.poll(() => status.getAttribute('data-mode')).toBe('single-file');
    expect(await page.getByTestId('threads-note').count()).toBe(1);

    await loadDemo(page);
    expect(await page.getByTestId('shape').textContent()).toBe('90 rows × 7 columns');
    await selectGenerator(page, 'knnmtd');
    await setField(page, 'Rows to generate', '55');
    await generate(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('result-rows').textContent()).toBe('55 rows × 7 columns');
    const { name, bytes } = await downloadCsv(page);
    expect(name).toBe('cryotherapy.synthetic.csv');
    const out = parseCsvText(bytes.toString('utf8'));
    expect(out.header).toEqual(['sex', 'age', 'Time', 'Number_of_Warts', 'Type', 'Area', 'Result_of_Treatment']);
    expect(out.rows.length).toBe(55);

    // the page's own policy refuses a connection (the route abort above is only a second net)
    const violations = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      await fetch('http://192.0.2.1/x').catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
      return seen;
    });
    expect(violations).toEqual(['connect-src']);
    expect(outside).toEqual([]);
    expect(errors.filter((e) => !e.includes('192.0.2.1') && !e.includes('Content Security Policy'))).toEqual([]);
    await context.close();
  });

  it('GenerativeMTD trains on wasm from file:// (the .wasm inlined as data: URLs, one thread)', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const outside: string[] = [];
    await context.route(/^https?:/, (route) => {
      outside.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    await page.goto(`${pathToFileURL(html).href}?test`);
    await loadDemo(page);
    await selectGenerator(page, 'gmtd');
    await openAdvanced(page);
    for (const [label, value] of [
      ['Neighbours k', '3'],
      ['Epochs (max)', '2'],
      ['Steps per epoch', '3'],
      ['Hidden width', '16'],
      ['Latent size', '8'],
      ['Pseudo rows per real row', '3'],
    ] as const) {
      await setField(page, label, value);
    }
    await page.getByLabel('Compute backend', { exact: true }).selectOption('wasm');
    await page.getByLabel('Evaluate the result').uncheck();
    await setField(page, 'Rows to generate', '20');
    await generate(page);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('result-rows').textContent()).toBe('20 rows × 7 columns');
    const notes = await page.getByTestId('fit-notes').textContent();
    expect(notes).toContain('backend: wasm');
    // file:// cannot be cross-origin isolated: wasm degrades to one thread, and the notes say so
    expect(notes).toContain('wasm runs single-threaded');
    expect(outside).toEqual([]);
    await context.close();
  });
});
