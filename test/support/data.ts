/** Test helpers: the shared datasets (../shared/data) as parsed, typed tables through the real io path. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Schema } from '../../src/core/schema.js';
import type { Table } from '../../src/core/table.js';
import { buildTable, inferSchema, parseCsv, type ParsedCsv } from '../../src/io/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedData = resolve(repoRoot, '../shared/data');
export const fixtures = resolve(repoRoot, 'test/fixtures');

export interface LoadedTable {
  parsed: ParsedCsv;
  schema: Schema;
  table: Table;
}

/** A shared dataset by file stem (e.g. 'cryotherapy'), with an optional target. */
export function loadShared(stem: string, target: string | null = null): LoadedTable {
  const bytes = new Uint8Array(readFileSync(resolve(sharedData, `${stem}.csv`)));
  const parsed = parseCsv(bytes, { fileName: `${stem}.csv` });
  const { schema } = inferSchema(parsed, { target });
  return { parsed, schema, table: buildTable(parsed, schema) };
}
