/**
 * Steps a user takes in the app, written once for the e2e and contract tests (playwright-core locators by role
 * and label, as a user would find them).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';

/** Drops a file on the drop zone with a real `drop` event carrying a DataTransfer (what a user's drag does). */
export async function dropFile(
  page: Page,
  name: string,
  content: string | Uint8Array,
  type = 'text/csv',
): Promise<void> {
  const bytes = typeof content === 'string' ? [...new TextEncoder().encode(content)] : [...content];
  const dt = await page.evaluateHandle(
    ({ name, bytes, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return dt;
    },
    { name, bytes, type },
  );
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dt });
  await dt.dispose();
}

/** Chooses a file through the hidden file input (the "Choose a file…" path). */
export async function chooseFile(page: Page, name: string, content: Uint8Array, mimeType = 'text/csv'): Promise<void> {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
}

/** Waits until no load or run is in progress. */
export async function waitIdle(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as { __ls: { app: { run: { phase: string } } } }).__ls.app.run.phase === 'idle',
    undefined,
    { timeout },
  );
}

export async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Try the demo dataset' }).click();
  await page.getByTestId('shape').waitFor();
  await waitIdle(page);
}

/** Types into a number field found by its label, and commits it (change event). */
export async function setField(page: Page, label: string | RegExp, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: typeof label === 'string' });
  await field.fill(value);
  await field.dispatchEvent('change');
}

/**
 * Picks a generator in the Method list, as a user does: the choice then holds for every table loaded after it
 * (otherwise a freshly loaded table gets GenerativeMTD up to 3000 rows, kNNMTD above).
 */
export async function selectGenerator(page: Page, id: string): Promise<void> {
  await page.getByLabel('Method', { exact: true }).selectOption(id);
}

export async function openAdvanced(page: Page): Promise<void> {
  const adv = page.locator('details.advanced');
  if ((await adv.getAttribute('open')) === null) await adv.locator('summary').click();
}

/** Clicks Generate and waits for the run to end (result, error or cancel). */
export async function generate(page: Page, timeout = 120_000): Promise<void> {
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await waitIdle(page, timeout);
}

/** Clicks "Download CSV" and returns the downloaded file's name and bytes. */
export async function downloadCsv(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

/** Parses CSV text (header + rows of strings) with papaparse, independently of the app's own reader. */
export function parseCsvText(text: string): { header: string[]; rows: string[][] } {
  const res = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  if (res.errors.length) throw new Error(`CSV does not parse: ${res.errors[0]?.message}`);
  const [header, ...rows] = res.data;
  return { header: header ?? [], rows };
}
