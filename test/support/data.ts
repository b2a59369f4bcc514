/**
 * Test helpers: the vendored datasets (test/fixtures/data, see its README) as parsed, typed tables through the real
 * io path. Tests read only these, so a clone passes on its own; ../shared/data is the benchmarks' folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Schema } from '../../src/core/schema.js';
import type { Table } from '../../src/core/table.js';
import { buildTable, inferSchema, parseCsv, type ParsedCsv } from '../../src/io/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = resolve(repoRoot, 'test/fixtures');
/** The vendored copies of the public datasets the tests use. */
export const dataDir = resolve(fixtures, 'data');
/**
 * The full dataset folder next to the repository (benchmarks' data). Absent in a plain clone: only the cross-checks
 * against it (test/io/datasets.test.ts) read it, and they say so when they skip.
 */
export const sharedDataDir = resolve(repoRoot, '../shared/data');
export const hasSharedData = existsSync(sharedDataDir);

export interface LoadedTable {
  parsed: ParsedCsv;
  schema: Schema;
  table: Table;
}

/** The bytes of a vendored dataset by file stem (e.g. 'cryotherapy'). */
export function dataBytes(stem: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(dataDir, `${stem}.csv`)));
}

/** A vendored dataset by file stem (e.g. 'cryotherapy'), with an optional target. */
export function loadData(stem: string, target: string | null = null): LoadedTable {
  const parsed = parseCsv(dataBytes(stem), { fileName: `${stem}.csv` });
  const { schema } = inferSchema(parsed, { target });
  return { parsed, schema, table: buildTable(parsed, schema) };
}
