/**
 * The single-file build (`npm run build:standalone`): one HTML file with the app's JS and CSS, the synth worker
 * (inlined as a string, started from a blob: URL), every asset (wasm included, as data: URLs) and the demo CSV in
 * it, that works when opened from `file://` in Chromium, Firefox or Safari.
 *
 * A small custom step rather than vite-plugin-singlefile: that plugin inlines the page's JS and CSS, but the worker
 * swap (module workers from a `new URL()` cannot be inlined), the demo swap and the CSP rewrite (a hash for the one
 * inline script) would be ours anyway — what is left is ~40 lines, without a dependency.
 *
 * What does not work from a file, and degrades (the header says so): no service worker (nothing to install or
 * update: the file *is* the offline copy), no cross-origin isolation (wasm runs on one thread).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Modules the single file replaces with an inlined variant: `<name>.ts` → `<name>.standalone.ts`. */
const SWAPPED = ['src/app/bridge/worker-factory.ts', 'src/app/bridge/demo-source.ts'].map((p) => resolve(ROOT, p));

/**
 * The page's policy in the single file. Nothing can be fetched from anywhere: `connect-src data:` only lets tfjs read
 * its inlined wasm (data: URLs never touch a network); scripts are the one inline module (by hash) and workers
 * made from inlined code (blob:, or data: where a browser refuses blob workers).
 */
export function standaloneCsp(scriptHashes: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.map((h) => `'sha256-${h}'`).join(' ')} 'wasm-unsafe-eval'`,
    'worker-src blob: data:',
    'connect-src data:',
    'img-src data: blob:',
    "style-src 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "manifest-src 'none'",
  ].join('; ');
}

/** JS as the text of an inline `<script>`: `</script` would end the element early. */
function inlineJs(code: string, file: string): string {
  if (/<script/i.test(code)) throw new Error(`${file}: contains "<script", which an inline script cannot hold safely`);
  return code.replace(/<\/script/gi, '<\\/script');
}

/** Inlines the page's JS and CSS into index.html, rewrites its CSP, and fails if any other file would be left. */
export function singleFilePlugin(): Plugin {
  return {
    name: 'localsynth:single-file',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, opts) {
      if (!importer || !/worker-factory|demo-source/.test(source)) return null;
      const r = await this.resolve(source, importer, { ...opts, skipSelf: true });
      if (r && SWAPPED.includes(r.id)) return r.id.replace(/\.ts$/, '.standalone.ts');
      return null;
    },
    generateBundle: {
      order: 'post',
      handler(_opts, bundle) {
        const html = bundle['index.html'];
        if (!html || html.type !== 'asset') throw new Error('single-file build: no index.html in the bundle');
        let page = String(html.source);
        const hashes: string[] = [];
        const take = (name: string): Rolldown.OutputChunk | Rolldown.OutputAsset => {
          const out = bundle[name];
          if (!out) throw new Error(`single-file build: index.html names ${name}, which is not in the bundle`);
          delete bundle[name];
          return out;
        };
        page = page.replace(/<script type="module" crossorigin src="\/([^"]+)"><\/script>/g, (_m, name: string) => {
          const chunk = take(name);
          if (chunk.type !== 'chunk') throw new Error(`${name} is not a JS chunk`);
          const code = inlineJs(chunk.code, name);
          hashes.push(createHash('sha256').update(code).digest('base64'));
          return `<script type="module">${code}</script>`;
        });
        page = page.replace(/<link rel="stylesheet" crossorigin href="\/([^"]+)">/g, (_m, name: string) => {
          const css = take(name);
          return `<style>${css.type === 'asset' ? String(css.source) : css.code}</style>`;
        });
        // no manifest or touch icon for a file; the favicon travels inside it
        page = page.replace(/\s*<link rel="(manifest|apple-touch-icon)"[^>]*>/g, '');
        const svg = readFileSync(join(ROOT, 'public/icons/icon.svg')).toString('base64');
        page = page.replace(
          /<link rel="icon" href="[^"]*"/,
          `<link rel="icon" href="data:image/svg+xml;base64,${svg}"`,
        );
        const csp = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/;
        if (!csp.test(page)) throw new Error('single-file build: index.html has no CSP meta');
        page = page.replace(csp, `$1${standaloneCsp(hashes)}$2`);
        html.source = page;
        const left = Object.keys(bundle).filter((k) => k !== 'index.html');
        if (left.length) throw new Error(`single-file build: these files were not inlined: ${left.join(', ')}`);
      },
    },
  };
}

/** Builds the single file into `outDir` (default `dist-standalone/`); returns the HTML file's path. */
export async function buildStandalone(outDir = resolve(ROOT, 'dist-standalone')): Promise<string> {
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'standalone',
    logLevel: 'warn',
    publicDir: false,
    plugins: [singleFilePlugin()],
    build: {
      outDir,
      emptyOutDir: true,
      // every asset (wasm, images) as a data: URL; one JS chunk; no preload helper
      assetsInlineLimit: () => true,
      cssCodeSplit: false,
      modulePreload: false,
      rolldownOptions: { output: { codeSplitting: false } },
    },
    // a classic worker: Chromium refuses *module* workers from blob: URLs of a file:// page (opaque origin, and
    // module scripts are fetched in CORS mode); classic blob workers work there and in Firefox and Safari
    worker: { format: 'iife', rolldownOptions: { output: { codeSplitting: false } } },
  });
  return join(outDir, 'index.html');
}
