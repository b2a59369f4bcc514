/**
 * The app's Content-Security-Policy has one source: the `<meta http-equiv>` tag in index.html. The page reads it
 * there on every way of serving; the dev and preview servers send the same text as a header (vite.config.ts), and
 * the build writes it into sw.js, which adds it to every response it serves (workers/sw.ts). A header is what gives a
 * policy to a context that no `<meta>` reaches: the service worker (from sw.js's own response, so only where the
 * server sends it) and any worker started from a URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CSP meta tag; group 1 is the policy. */
export const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/;

/** The policy in an HTML page's CSP meta tag (whitespace collapsed: a header is one line). */
export function cspOf(html: string, file = 'index.html'): string {
  const m = CSP_META.exec(html);
  if (!m) throw new Error(`${file} has no Content-Security-Policy meta tag`);
  return m[1]!.replace(/\s+/g, ' ').trim();
}

/** The policy of `index.html` in `dir` (the project root, or a build's output folder). */
export function readPageCsp(dir: string): string {
  const file = join(dir, 'index.html');
  return cspOf(readFileSync(file, 'utf8'), file);
}
