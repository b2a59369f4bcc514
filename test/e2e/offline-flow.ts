/**
 * Steps shared by the offline tests (in-process, and inside a network namespace via offline-netns-runner.ts):
 * wait until the service worker has cached the build, then — with the network gone — load the demo, *train* a
 * neural generator, and download the CSV.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { downloadCsv, generate, loadDemo, parseCsvText, setField } from '../support/app-driver.js';

/** The part of the `?test` hook's run state this file uses. */
interface LsRun {
  generators: { id: string; capabilities: { neural: boolean }; options: { key: string }[] }[];
  backend: string;
  selectGenerator(id: string): void;
  setOption(key: string, value: string | number): void;
}

/** Waits until the service worker controls the page and says every file is cached; returns the cached URLs. */
export async function waitOfflineReady(page: Page): Promise<{ version: string; cached: string[] }> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  const status = page.getByTestId('offline-status');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=offline-status]')?.getAttribute('data-mode') === 'ready',
    undefined,
    { timeout: 60_000 },
  );
  const version = (await status.getAttribute('data-version')) ?? '';
  const cached = await page.evaluate(async () => {
    const out: string[] = [];
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const r of await cache.keys()) out.push(new URL(r.url).pathname);
    }
    return out.sort();
  });
  return { version, cached };
}

/** Has the build any .wasm file (the neural generators' tfjs backend)? Then training runs on wasm, else on cpu. */
export function hasWasm(dist: string): boolean {
  const walk = (d: string): boolean =>
    readdirSync(d, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? walk(`${d}/${e.name}`) : e.name.endsWith('.wasm'),
    );
  return walk(dist);
}

export interface OfflineRunResult {
  shape: string | null;
  resultRows: string | null;
  fileName: string;
  header: string[];
  rows: number;
  backendNote: string | null;
  /** The generator that was fitted. */
  generator: string;
  /** The downloaded report (JSON), or null when the app has no evaluation report. */
  reportJson: unknown;
}

/** Small values for the size-like options of a neural generator, so a training run takes seconds. */
const TINY: Record<string, number> = { k: 3, epochs: 1, stepsPerEpoch: 3, pseudoPerRow: 4, batchSize: 16, patience: 1 };

/**
 * Demo → fit (a neural generator when the app lists one: tfjs training in the worker, on wasm when the build has its
 * .wasm files; otherwise the Gaussian mixture's EM fit) → report (when the app has one) → download.
 */
export async function demoTrainDownload(page: Page, backend: 'wasm' | 'cpu'): Promise<OfflineRunResult> {
  await loadDemo(page);
  const generator = await page.evaluate(
    ({ tiny, backend }) => {
      const run = (window as unknown as { __ls: { app: { run: LsRun } } }).__ls.app.run;
      const neural = run.generators.find((g) => g.capabilities.neural);
      if (!neural) {
        run.selectGenerator('gmm');
        return 'gmm';
      }
      run.selectGenerator(neural.id);
      for (const o of neural.options) if (o.key in tiny) run.setOption(o.key, tiny[o.key]!);
      run.backend = backend;
      return neural.id;
    },
    { tiny: TINY, backend },
  );
  await setField(page, 'Rows to generate', '40');
  // the evaluation report (when the app has one) is part of the offline run too
  const evaluate = page.getByLabel('Evaluate the result');
  const withReport = (await evaluate.count()) === 1;
  if (withReport && !(await evaluate.isChecked())) await evaluate.check();
  await generate(page, 240_000);
  const error = page.getByTestId('error');
  if (await error.count()) throw new Error(`the run failed: ${await error.textContent()}`);
  await page.getByTestId('result').waitFor();
  let reportJson: unknown = null;
  if (withReport) {
    const report = page.getByTestId('report');
    await report.waitFor();
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: 'Download report (JSON)' }).click(),
    ]);
    reportJson = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  }
  const { name, bytes } = await downloadCsv(page);
  const parsed = parseCsvText(bytes.toString('utf8'));
  return {
    shape: await page.getByTestId('shape').textContent(),
    resultRows: await page.getByTestId('result-rows').textContent(),
    fileName: name,
    header: parsed.header,
    rows: parsed.rows.length,
    backendNote: await page.getByTestId('result').textContent(),
    generator,
    reportJson,
  };
}
