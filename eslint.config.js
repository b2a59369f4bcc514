// Lint rules that carry architecture: seeded randomness only, a pure core (no DOM, Node or tfjs), no import cycles,
// layer boundaries between folders, and size limits on files and functions in src/.
import { readdirSync } from 'node:fs';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { neuralGeneratorGlobs } from './scripts/neural-generators.mjs';

const noRandom = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use a seeded Rng (src/core/rng.ts): same seed → same output.' },
  ],
};
const pureCore = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['node:*', 'fs', 'path', 'os', 'child_process', 'url', 'stream', 'worker_threads'],
          message: 'The core runs in browsers too: take I/O as arguments.',
        },
        { group: ['@tensorflow/*'], message: 'tfjs only in src/ml and neural generators (capabilities.neural).' },
        {
          group: ['svelte', 'svelte/*', 'chart.js', 'comlink'],
          message: 'UI and worker plumbing stay out of the core.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    'window',
    'document',
    'process',
    'Buffer',
    'fetch',
    'localStorage',
    'navigator',
    'require',
  ],
};

// Imports are written with .js and resolve to the .ts (or .svelte.ts) source, as TypeScript's bundler resolution does.
const resolver = createNodeResolver({
  extensions: ['.ts', '.js', '.mjs', '.json'],
  extensionAlias: { '.js': ['.ts', '.js'] },
});

// Each generator folder may import the shared generator code (generator.ts, options.ts, entry.ts, shared/) but no other
// generator and no metric: what two generators share goes to src/generators/shared/. The folders are read from disk
// so that adding a generator needs no edit here.
const generatorIds = readdirSync(new URL('./src/generators/', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'shared')
  .map((e) => e.name);
const layerZones = [
  ...generatorIds.map((id) => ({
    target: `./src/generators/${id}`,
    from: './src/generators',
    except: [`./${id}`, './shared', './generator.ts', './options.ts', './entry.ts'],
    message: 'A generator imports no other generator: move the shared code to src/generators/shared/.',
  })),
  {
    target: './src/generators/shared',
    from: './src/generators',
    except: ['./shared', './generator.ts', './options.ts'],
    message: 'Shared generator code imports no generator.',
  },
  {
    target: './src/generators',
    from: './src/metrics',
    message: 'Generators do not import metrics/: shared statistics live in src/stats/ (e.g. stats/association.ts).',
  },
  {
    target: './src/io',
    from: './src/api',
    message: 'io/ does not import the API layer: types that both need live in src/io/types.ts.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-standalone/**', '**/*.svelte'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      ...noRandom,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'src/core/**/*.ts',
      'src/io/**/*.ts',
      'src/transforms/**/*.ts',
      'src/metrics/**/*.ts',
      'src/engine/**/*.ts',
      'src/generators/**/*.ts',
    ],
    // the neural generators (their entries say `neural: true`) may use tfjs
    ignores: neuralGeneratorGlobs(),
    rules: pureCore,
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/generators/**',
                '**/metrics/**',
                '**/ml/**',
                '**/engine/**',
                '**/privacy/**',
                '**/timeseries/**',
                '@tensorflow/*',
              ],
              message:
                'The page imports no generator/metric/tfjs code: that runs in workers (src/api is the contract).',
            },
          ],
        },
      ],
    },
  },
  // src/stats/ (shared by generators and metrics) is part of the pure core too
  { files: ['src/stats/**/*.ts', 'src/privacy/**/*.ts', 'src/timeseries/**/*.ts'], rules: pureCore },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [resolver], 'import-x/extensions': ['.ts', '.js', '.mjs'] },
    rules: {
      // type-only imports are erased at compile time and are not followed (the rule's default)
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      // counted as `wc -l` counts them: the limit is on what a reader scrolls through
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      // comments and blank lines do not count: a function should not have to drop its explanation to fit
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
);
