/**
 * Vite plugin (build only): once every file of the build is written, lists them all (pages, workers and their
 * chunks, every .wasm, the public folder), hashes their bytes into a version, and writes `sw.js` — the compiled
 * `workers/sw.ts` with that manifest in front. Listing the output folder itself, not Rollup's bundle, is what makes
 * "precache every file" true for files other plugins or the public folder add.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformWithOxc, type Plugin } from 'vite';
import { readPageCsp } from './csp.js';

/** The service worker's file name, at the root of the build (its scope is the whole app). */
export const SW_FILE = 'sw.js';

const SW_SOURCE = fileURLToPath(new URL('../workers/sw.ts', import.meta.url));

/** Files never precached: the SW itself, and markers test harnesses drop next to a build. */
function skipped(rel: string): boolean {
  return rel === SW_FILE || rel.startsWith('.') || rel.split('/').some((p) => p.startsWith('.'));
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.filter((f) => !skipped(f)).sort();
}

/** A 16-hex-digit hash of every listed file's path and bytes. */
export function versionOf(dir: string, files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f + '\0');
    h.update(readFileSync(join(dir, f)));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Writes `sw.js` for the build in `dir`; returns its manifest. The manifest carries the built page's CSP, which sw.js
 * adds to every response it serves (see workers/sw.ts).
 */
export async function writeServiceWorker(dir: string): Promise<{ version: string; files: string[]; csp: string }> {
  const files = listFiles(dir);
  const version = versionOf(dir, files);
  const csp = readPageCsp(dir);
  const compiled = await transformWithOxc(readFileSync(SW_SOURCE, 'utf8'), SW_SOURCE, { lang: 'ts' });
  // a classic script: the source has no imports, and `export {}` (if any) would make it a module
  const body = compiled.code.replace(/^export\s*\{\s*\};?\s*$/m, '');
  const manifest = { version, files, csp };
  writeFileSync(join(dir, SW_FILE), `self.__LS_MANIFEST__ = ${JSON.stringify(manifest)};\n${body}`);
  return manifest;
}

/** Adds `sw.js` to `vite build` (never to `vite dev`, nor to the single-file build: mode `standalone`). */
export function precacheServiceWorker(): Plugin {
  let outDir = '';
  return {
    name: 'localsynth:precache-sw',
    apply: 'build',
    configResolved(config) {
      // the single-file build (mode 'standalone') has no server to register a service worker from
      outDir = config.mode === 'standalone' ? '' : resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      if (!outDir) return;
      await writeServiceWorker(outDir);
    },
  };
}
