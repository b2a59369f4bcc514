// Lint rules that carry architecture: seeded randomness only, and a pure core (no DOM, Node or tfjs).
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
        { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'url', 'stream', 'worker_threads'], message: 'The core runs in browsers too: take I/O as arguments.' },
        { group: ['@tensorflow/*'], message: 'tfjs only in src/ml and neural generators (capabilities.neural).' },
        { group: ['svelte', 'svelte/*', 'chart.js', 'comlink'], message: 'UI and worker plumbing stay out of the core.' },
      ],
    },
  ],
  'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'fetch', 'localStorage', 'navigator', 'require'],
};

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
    files: ['src/core/**/*.ts', 'src/io/**/*.ts', 'src/transforms/**/*.ts', 'src/metrics/**/*.ts', 'src/engine/**/*.ts', 'src/generators/**/*.ts'],
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
            { group: ['**/generators/**', '**/metrics/**', '**/ml/**', '**/engine/**', '@tensorflow/*'], message: 'The page imports no generator/metric/tfjs code: that runs in workers (src/api is the contract).' },
          ],
        },
      ],
    },
  },
);
