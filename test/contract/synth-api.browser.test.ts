// The SynthApi contract in Chromium: the page's worker bridge (`window.__ls.bridge`, the `?test` hook of
// src/app/main.ts), each call made inside the page and its outcome returned as plain data.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import type { SynthApi } from '../../src/api/types.js';
import { browserSkipReason, openApp, startApp, type AppHarness } from '../support/browser.js';
import { synthApiSuite, type Outcome, type SynthHost } from './synth-api.suite.js';

const skip = browserSkipReason();

type Call = 'listGenerators' | 'loadCsv' | 'generate';

function call<T>(page: Page, method: Call, args: unknown[]): Promise<Outcome<T>> {
  return page.evaluate(
    async ({ method, args }) => {
      const bridge = (window as unknown as { __ls: { bridge: Record<Call, (...a: unknown[]) => Promise<unknown>> } })
        .__ls.bridge;
      // the bridge takes the file's bytes, as the page reads them
      const a = method === 'loadCsv' ? [new TextEncoder().encode(args[0] as string).buffer, args[1]] : args;
      try {
        return { ok: true as const, value: (await bridge[method](...a)) as T };
      } catch (e) {
        const err = e as { name: string; code: string; message: string; details: Record<string, unknown> };
        return {
          ok: false as const,
          error: { name: err.name, code: err.code, message: err.message, details: err.details },
        };
      }
    },
    { method, args },
  ) as Promise<Outcome<T>>;
}

describe.skipIf(skip !== null)('worker bridge in Chromium', () => {
  let h: AppHarness;
  const pages: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    h = await startApp();
  }, 300_000);
  afterAll(async () => {
    for (const p of pages) await p.close();
    await h?.close();
  });

  // a fresh page (and worker) per test, as a fresh engine per test in Node
  synthApiSuite(
    'browser, worker bridge',
    async () => {
      const g = await openApp(h);
      pages.push(g.context);
      return {
        listGenerators: () => call<Awaited<ReturnType<SynthApi['listGenerators']>>>(g.page, 'listGenerators', []),
        loadCsv: (text, name) => call(g.page, 'loadCsv', [text, name]),
        generate: (req) => call(g.page, 'generate', [req]),
      } satisfies SynthHost;
    },
    { timeout: 240_000 },
  );
});
