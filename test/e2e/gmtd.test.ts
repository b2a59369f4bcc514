/**
 * GenerativeMTD (tfjs training in the synth worker) in the built app, with tiny options so a run takes seconds:
 * the default generator by table size; the live training view (chart, epoch i of N, ETA, backend, text summary)
 * during a run, through a cancel and after a finished run; the downloaded CSV; and each tfjs backend forced in turn
 * (wasm: its .wasm files come from the build; webgpu and webgl: software-emulated by headless Chromium here, see
 * STACK.md) — the result says which backend trained.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadCsv,
  dropFile,
  generate,
  loadDemo,
  openAdvanced,
  parseCsvText,
  selectGenerator,
  setField,
  waitIdle,
} from '../support/app-driver.js';
import {
  browserSkipReason,
  openApp,
  ROOT,
  startApp,
  type AppHarness,
  type GuardedContext,
} from '../support/browser.js';

const skip = browserSkipReason();
const DEMO = readFileSync(join(ROOT, 'public/demo/cryotherapy.csv'), 'utf8');
const DEMO_HEADER = ['sex', 'age', 'Time', 'Number_of_Warts', 'Type', 'Area', 'Result_of_Treatment'];

/** Tiny GenerativeMTD settings, by the option labels the user sees. */
const TINY: [label: string, value: string][] = [
  ['Neighbours k', '3'], // fixed k: no automatic k search before training
  ['Epochs (max)', '3'],
  ['Steps per epoch', '5'],
  ['Hidden width', '16'],
  ['Latent size', '8'],
  ['Pseudo rows per real row', '3'],
];

async function tinyGmtd(page: Page, backend: string): Promise<void> {
  expect(await page.getByLabel('Method', { exact: true }).inputValue()).toBe('gmtd');
  await openAdvanced(page);
  for (const [label, value] of TINY) await setField(page, label, value);
  await page.getByLabel('Compute backend', { exact: true }).selectOption(backend);
  await page.getByLabel('Evaluate the result').uncheck();
}

/** "Epoch 12 of 300" → 12 (0 before the first epoch). */
async function epochShown(page: Page): Promise<number> {
  const text =
    (await page
      .getByTestId('training-epoch')
      .textContent()
      .catch(() => null)) ?? '';
  return Number(/Epoch (\d+) of/.exec(text)?.[1] ?? 0);
}

function expectClean(g: GuardedContext): void {
  expect(g.offOrigin).toEqual([]);
  expect(g.pageErrors).toEqual([]);
}

/** The first `n` data rows of the demo: a tiny table for the slow (emulated) backends. */
function demoHead(n: number): string {
  return (
    DEMO.trim()
      .split(/\r?\n/)
      .slice(0, n + 1)
      .join('\n') + '\n'
  );
}

describe.skipIf(skip !== null)('GenerativeMTD in the web app', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is the default up to 3000 rows, kNNMTD above, and a generator the user picked stays picked', async () => {
    const g = await openApp(h);
    const page = g.page;
    const method = page.getByLabel('Method', { exact: true });
    const big = ['x,y', ...Array.from({ length: 3001 }, (_, i) => `${i % 97},${(i * 7) % 13}`)].join('\n') + '\n';
    await dropFile(page, 'big.csv', big);
    await expect.poll(() => page.getByTestId('shape').textContent()).toBe('3001 rows × 2 columns');
    expect(await method.inputValue()).toBe('knnmtd');
    await loadDemo(page);
    expect(await method.inputValue()).toBe('gmtd');
    await dropFile(page, 'big.csv', big);
    await expect.poll(() => page.getByTestId('shape').textContent()).toBe('3001 rows × 2 columns');
    expect(await method.inputValue()).toBe('knnmtd');
    await selectGenerator(page, 'copula');
    await loadDemo(page);
    expect(await method.inputValue()).toBe('copula');
    expectClean(g);
    await g.context.close();
  });

  it('demo on wasm: the chart follows training, Cancel keeps the app usable, a finished run downloads its rows', async () => {
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    await tinyGmtd(page, 'wasm');
    // long enough to watch and cancel: many epochs, no early stop
    await setField(page, 'Epochs (max)', '400');
    await setField(page, 'Early-stopping patience', '400');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();

    const view = page.getByTestId('training');
    await view.waitFor({ timeout: 60_000 });
    expect(await view.getByTestId('training-chart').count()).toBe(1);
    await expect.poll(() => epochShown(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const first = await epochShown(page);
    await expect.poll(() => epochShown(page), { timeout: 60_000 }).toBeGreaterThan(first);
    expect(await page.getByTestId('training-epoch').textContent()).toMatch(/Epoch \d+ of 400/);
    expect(await page.getByTestId('training-backend').textContent()).toBe('Backend: wasm');
    expect(await page.getByTestId('training-eta').textContent()).toMatch(/^about \d+ (s|min) left$|^almost done$/);
    expect(await page.getByTestId('training-summary').textContent()).toMatch(
      /Latest losses \(epoch \d+\): total -?[\d.e+-]+, .*critic .*Best validation PCD [\d.e+-]+ at epoch \d+/,
    );
    // the chart has points (one per epoch seen) and is drawn
    const points = await page.evaluate(
      () =>
        (window as unknown as { __ls: { app: { run: { trainHistory: unknown[] } } } }).__ls.app.run.trainHistory.length,
    );
    expect(points).toBeGreaterThanOrEqual(2);
    const ink = await view.getByTestId('training-chart').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n / (d.length / 4);
    });
    expect(ink).toBeGreaterThan(0.01);

    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitIdle(page, 30_000);
    expect(await page.getByTestId('notice').textContent()).toBe('Cancelled.');
    expect(await page.getByTestId('error').count()).toBe(0);
    // the history stays on screen after the run; no ETA any more
    expect(await view.locator('h3').textContent()).toBe('Last training');
    expect(await page.getByTestId('training-eta').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Generate', exact: true }).isEnabled()).toBe(true);

    // again, to the end: 3 epochs, 50 rows
    await setField(page, 'Epochs (max)', '3');
    await setField(page, 'Rows to generate', '50');
    await generate(page, 120_000);
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('result-rows').textContent()).toBe('50 rows × 7 columns');
    expect(await page.getByTestId('fit-notes').textContent()).toContain('backend: wasm');
    // GenerativeMTD's default privacy filter ran (copies of unique training rows replaced; here usually none)
    expect(await page.getByTestId('filter-result').textContent()).toMatch(
      /^privacy filter \(copies\): \d+ cop(y|ies) of unique training rows replaced with fresh samples$/,
    );
    expect(await page.getByTestId('training-epoch').textContent()).toMatch(/Epoch 3 of 3/);
    // after the run the view shows the full history from the fit report (every epoch), not only the throttled one
    const epochs = await page.evaluate(() =>
      (
        window as unknown as { __ls: { app: { run: { trainHistory: { epoch: number }[] } } } }
      ).__ls.app.run.trainHistory.map((p) => p.epoch),
    );
    expect(epochs).toEqual([1, 2, 3]);
    const { name, bytes } = await downloadCsv(page);
    expect(name).toBe('cryotherapy.synthetic.csv');
    const out = parseCsvText(bytes.toString('utf8'));
    expect(out.header).toEqual(DEMO_HEADER);
    expect(out.rows.length).toBe(50);
    for (const r of out.rows) expect(r.length).toBe(DEMO_HEADER.length);
    expectClean(g);
    await g.context.close();
  });

  it('auto with software WebGL (SwiftShader here): the emulated renderer is detected and wasm is used', async () => {
    const g = await openApp(h);
    const page = g.page;
    await loadDemo(page);
    // the default network size (the race times the model that will train), few epochs
    await openAdvanced(page);
    for (const [label, value] of TINY.slice(0, 3)) await setField(page, label, value);
    expect(await page.getByLabel('Compute backend', { exact: true }).inputValue()).toBe('auto');
    await page.getByLabel('Evaluate the result').uncheck();
    const t0 = Date.now();
    await generate(page, 240_000);
    expect(await page.getByTestId('error').count()).toBe(0);
    const notes = (await page.getByTestId('fit-notes').textContent()) ?? '';
    console.log(`auto (${Date.now() - t0} ms to the result): ${notes.split('k = ')[0]}`);
    expect(notes).toContain('backend: wasm');
    expect(notes).toContain('webgl: software renderer (SwiftShader): wasm is faster');
    // nothing else started, so nothing was raced (the race itself: test/ml/backend-race.test.ts)
    expect(notes).not.toContain('backend race');
    expect(await page.getByTestId('training-backend').textContent()).toBe('Backend: wasm');
    expectClean(g);
    await g.context.close();
  });

  for (const backend of ['webgpu', 'webgl'] as const) {
    it(`forced ${backend} (software-emulated here): trains a tiny table on it and reports it`, async () => {
      const g = await openApp(h);
      const page = g.page;
      await dropFile(page, 'tiny.csv', demoHead(24));
      await expect.poll(() => page.getByTestId('shape').textContent()).toBe('24 rows × 7 columns');
      await tinyGmtd(page, backend);
      await setField(page, 'Rows to generate', '30');
      await generate(page, 240_000);
      expect(await page.getByTestId('error').count()).toBe(0);
      expect(await page.getByTestId('result-rows').textContent()).toBe('30 rows × 7 columns');
      const notes = (await page.getByTestId('fit-notes').textContent()) ?? '';
      console.log(`forced ${backend}: ${notes.split('k = ')[0]}`);
      // WebGPU runs on SwiftShader here. Training and sampling read the device asynchronously only (a synchronous
      // read goes through a WebGPU canvas headless Chromium cannot back, and loses the device), so it trains on it
      expect(notes).toContain(`backend: ${backend}`);
      expect(await page.getByTestId('training-backend').textContent()).toBe(`Backend: ${backend}`);
      const out = parseCsvText((await downloadCsv(page)).bytes.toString('utf8'));
      expect(out.header).toEqual(DEMO_HEADER);
      expect(out.rows.length).toBe(30);
      // valid rows: every cell parses as a number (the demo is all-numeric; categories are its integer codes)
      for (const r of out.rows) for (const v of r) expect(Number.isFinite(Number(v)), `${v}`).toBe(true);
      expectClean(g);
      await g.context.close();
    });
  }
});
