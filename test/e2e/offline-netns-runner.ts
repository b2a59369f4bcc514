/**
 * Run by offline.test.ts inside `unshare -rn` (a network namespace where only loopback is up): serves the build on
 * 127.0.0.1, lets the service worker cache it, then "cuts" (the server drops every connection and counts them) and
 * reloads, trains and downloads. Prints one JSON line for the test to check. Not a test file itself.
 */
import { connect } from 'node:net';
import { guardedContext, launchBrowser, serveStatic, type LsHook } from '../support/browser.js';
import { demoTrainDownload, hasWasm, waitOfflineReady } from './offline-flow.js';

const dist = process.argv[2];
if (!dist) throw new Error('usage: offline-netns-runner.ts <dist>');

/** Tries an address outside the machine (TEST-NET-1): inside the namespace this must fail at once. */
function probeOutside(): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host: '192.0.2.1', port: 80, timeout: 3000 });
    s.on('connect', () => {
      s.destroy();
      resolve('CONNECTED');
    });
    s.on('timeout', () => {
      s.destroy();
      resolve('TIMEOUT');
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

let cut = false;
let reachedServerAfterCut = 0;
const server = await serveStatic(dist, (path) => {
  if (!cut) return true;
  // the browser's own update check of sw.js is allowed to try (and fail); nothing else may come here
  if (!path.endsWith('/sw.js')) reachedServerAfterCut++;
  return false;
});
const browser = await launchBrowser();
try {
  const isolated = await probeOutside();
  const g = await guardedContext(browser, server.origin);
  const page = await g.context.newPage();
  const ready = (): Promise<unknown> =>
    page.waitForFunction(
      () => ((window as unknown as { __ls?: LsHook }).__ls?.app.run.generators.length ?? 0) > 0,
      undefined,
      {
        timeout: 60_000,
      },
    );
  await page.goto(`${server.origin}/?test`);
  await ready();
  await waitOfflineReady(page);
  cut = true;
  await page.reload();
  await ready();
  const out = await demoTrainDownload(page, hasWasm(dist) ? 'wasm' : 'cpu');
  console.log(
    JSON.stringify({
      isolated,
      out: { ...out, reportJson: out.reportJson !== null },
      offOrigin: g.offOrigin,
      reachedServerAfterCut,
      pageErrors: g.pageErrors,
    }),
  );
} finally {
  await browser.close();
  await server.close();
}
