// The generator folders whose entry says `neural: true` in its capabilities (src/generators/<id>/info.ts or
// index.ts): the one list of exceptions to the pure core's "no tfjs", read by eslint.config.js and by
// scripts/tsc-core.mjs, so no generator is named by hand there. A text scan: ESLint's config cannot load TypeScript.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder names under src/generators whose info declares `neural: true`. */
export function neuralGenerators(root = '.') {
  const dir = join(root, 'src/generators');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .filter((id) =>
      ['info.ts', 'index.ts'].some((f) => {
        const p = join(dir, id, f);
        return existsSync(p) && /\bneural:\s*true\b/.test(readFileSync(p, 'utf8'));
      }),
    )
    .sort();
}

/** Globs of the neural generators' folders, e.g. `src/generators/<id>/**`. */
export function neuralGeneratorGlobs(root = '.') {
  return neuralGenerators(root).map((id) => `src/generators/${id}/**`);
}
