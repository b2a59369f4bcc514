/**
 * Every generator of the registry is offered in the app's Method list and runs once on a tiny table (the demo,
 * 90 × 7) in the built app: result shown, right shape, no off-origin request. The neural generator (gmtd) has its own
 * e2e test with a tiny epoch count.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listGenerators } from '../../src/generators/registry.js';
import { generate, loadDemo, setField } from '../support/app-driver.js';
import { browserSkipReason, openApp, startApp, type AppHarness } from '../support/browser.js';

const skip = browserSkipReason();

describe.skipIf(skip !== null)('every generator in the web app', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists every registered generator, and each classic one generates 40 rows of the demo', async () => {
    const g = await openApp(h);
    const page: Page = g.page;
    await loadDemo(page);
    const offered = await page
      .locator('#generator option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered.sort()).toEqual(
      listGenerators()
        .map((x) => x.id)
        .sort(),
    );
    await page.getByLabel('Evaluate the result').uncheck();
    for (const info of listGenerators().filter((x) => !x.capabilities.neural)) {
      await page.locator('#generator').selectOption(info.id);
      await setField(page, 'Rows to generate', '40');
      await generate(page);
      await expect
        .poll(() => page.getByTestId('result-rows').textContent(), { timeout: 60_000 })
        .toBe('40 rows × 7 columns');
      expect(await page.getByTestId('result').textContent()).toContain(info.id);
      expect(await page.locator('[role=alert]').count()).toBe(0);
    }
    expect(g.offOrigin).toEqual([]);
    expect(g.pageErrors).toEqual([]);
  });
});
