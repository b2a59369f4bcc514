/**
 * The benchmarks' datasets: ../shared/data next to the repository (the papers' public tables; its README lists
 * target and k). A clone without that folder gets one clear message instead of a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Schema } from '../../src/core/schema.js';
import type { Table } from '../../src/core/table.js';
import { buildTable, inferSchema, parseCsv, type ParsedCsv } from '../../src/io/index.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = resolve(REPO_ROOT, '../shared');
export const DATA_DIR = join(SHARED_DIR, 'data');

/** The authors' target and kNNMTD k per dataset (../shared/data/README.md). */
export const DATASETS = {
  cryotherapy: { target: 'Result_of_Treatment', k: 6 },
  caesarian: { target: 'Caesarian', k: 6 },
  immunotherapy: { target: 'Result_of_Treatment', k: 8 },
  prostate: { target: 'lpsa', k: 4 },
  wisconsin_breast: { target: '10', k: 3 },
  pima: { target: 'diabetes', k: 3 },
  urban_land: { target: 'class', k: 10 },
} as const;
export type DatasetName = keyof typeof DATASETS;

/** `{ file, target, k }` for each name, in the order given; stops first when the dataset folder is absent. */
export function datasets(names: readonly DatasetName[]): { file: DatasetName; target: string; k: number }[] {
  requireSharedData();
  return names.map((file) => ({ file, ...DATASETS[file] }));
}

let checked = false;
/** Stops the bench with one message when ../shared/data is not there (a plain clone of the repository). */
export function requireSharedData(): void {
  if (checked) return;
  if (!existsSync(DATA_DIR)) {
    console.error(
      `The benchmarks read the papers' datasets from ${DATA_DIR}, which is not there. Put the dataset folder ` +
        '(one CSV per table, as listed in bench/README.md) at ../shared/data next to this repository. ' +
        'The tests do not need it: they use the vendored copies in test/fixtures/data.',
    );
    process.exit(2);
  }
  checked = true;
}

/** The path of a dataset's CSV. */
export function datasetPath(stem: string): string {
  requireSharedData();
  return join(DATA_DIR, `${stem}.csv`);
}

export function datasetBytes(stem: string): Uint8Array {
  return new Uint8Array(readFileSync(datasetPath(stem)));
}

export interface BenchTable {
  path: string;
  parsed: ParsedCsv;
  schema: Schema;
  table: Table;
}

/** A dataset through the real io path (parse, infer with the target, build). */
export function loadBenchTable(stem: string, target: string): BenchTable {
  const path = datasetPath(stem);
  const parsed = parseCsv(new Uint8Array(readFileSync(path)), { fileName: `${stem}.csv` });
  const { schema } = inferSchema(parsed, { target });
  return { path, parsed, schema, table: buildTable(parsed, schema) };
}
