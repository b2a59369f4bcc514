/**
 * The one implementation of `SynthApi`: parse → infer → (user edits schema) → fit → sample → write.
 * The CLI calls it in-process and `workers/synth.worker.ts` exposes it to the page through Comlink, so both hosts
 * run the same code (STYLE.md: no copy of the core).
 */
import type { DatasetInfo, GenerateRequest, GenerateResult, SynthApi } from '../api/types.js';
import { LocalSynthError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { Rng } from '../core/rng.js';
import type { Table } from '../core/table.js';
import type { Generator } from '../generators/generator.js';
import { createGenerator, listGenerators } from '../generators/registry.js';
import { buildTable, inferSchema, parseCsv, previewCsv, refreshSchema, summarizeColumns, validateSchema, writeCsv } from '../io/index.js';
import type { ParsedCsv } from '../io/index.js';

/** Rows shown in previews. */
export const PREVIEW_ROWS = 20;

export interface LoadedDataset {
  parsed: ParsedCsv;
  info: DatasetInfo;
}

/** Parses and checks a file, infers its schema. Throws CsvError/SchemaError with a user-facing message. */
export function loadDataset(data: ArrayBuffer | Uint8Array | string, fileName: string): LoadedDataset {
  const input = typeof data === 'string' ? data : data instanceof Uint8Array ? data : new Uint8Array(data);
  const parsed = parseCsv(input, { fileName });
  const { schema, warnings } = inferSchema(parsed);
  validateSchema(parsed, schema);
  const previewN = Math.min(PREVIEW_ROWS, parsed.nRows);
  const preview: string[][] = [];
  for (let i = 0; i < previewN; i++) preview.push(parsed.columns.map((c) => c[i] ?? ''));
  const info: DatasetInfo = {
    fileName,
    bytes: parsed.bytes,
    nRows: parsed.nRows,
    nCols: parsed.header.length,
    header: [...parsed.header],
    delimiter: parsed.delimiter,
    encoding: parsed.encoding,
    warnings: [...parsed.warnings, ...warnings],
    schema,
    columns: summarizeColumns(parsed, schema),
    preview,
  };
  return { parsed, info };
}

export interface RunContext {
  onProgress?: (p: Progress) => void;
  signal?: { readonly aborted: boolean };
}

/** Everything `generate` produced, including the fitted generator (the caller disposes it) and the table. */
export interface GenerateOutcome extends GenerateResult {
  table: Table;
  generator: Generator;
}

/**
 * Fits `req.generator` on the dataset under the (possibly edited) schema and samples `req.rows` rows.
 * The fit and the sample get their own seeds derived from `req.seed`, so the same seed gives the same file.
 */
export async function generateFromDataset(parsed: ParsedCsv, req: GenerateRequest, ctx: RunContext = {}): Promise<GenerateOutcome> {
  const schema = refreshSchema(parsed, req.schema);
  validateSchema(parsed, schema);
  const table = buildTable(parsed, schema);
  const rows = req.rows ?? parsed.nRows;
  if (!Number.isInteger(rows) || rows < 1) {
    throw new LocalSynthError('BAD_OPTION', `The number of rows must be a whole number ≥ 1; got ${rows}.`, { rows });
  }
  const seeds = new Rng(req.seed);
  const fitSeed = seeds.nextSeed();
  const sampleSeed = seeds.nextSeed();
  const generator = await createGenerator(req.generator, req.options);
  try {
    const fit = await generator.fit(table, schema, { seed: fitSeed, onProgress: ctx.onProgress, signal: ctx.signal });
    const t0 = performance.now();
    const out = await generator.sample(rows, { seed: sampleSeed, onProgress: ctx.onProgress, signal: ctx.signal });
    const csv = writeCsv(out, schema, { delimiter: parsed.delimiter });
    const sampleSeconds = (performance.now() - t0) / 1000;
    const pv = previewCsv(csv, PREVIEW_ROWS);
    return { csv, header: pv.header, preview: pv.rows, nRows: out.nRows, seed: req.seed, fit, sampleSeconds, table: out, generator };
  } catch (e) {
    generator.dispose();
    throw e;
  }
}

/** Stateful engine: keeps the loaded dataset between calls (the worker holds one of these). */
export class Engine implements SynthApi {
  private dataset: LoadedDataset | null = null;
  private running: { aborted: boolean } | null = null;

  async listGenerators() {
    return listGenerators();
  }

  async loadCsv(data: ArrayBuffer | string, fileName: string): Promise<DatasetInfo> {
    this.dataset = loadDataset(data, fileName);
    return this.dataset.info;
  }

  async generate(req: GenerateRequest, onProgress?: (p: Progress) => void): Promise<GenerateResult> {
    if (!this.dataset) {
      throw new LocalSynthError('NOT_FITTED', 'No dataset is loaded: open a CSV file first.');
    }
    const flag = { aborted: false };
    this.running = flag;
    try {
      const out = await generateFromDataset(this.dataset.parsed, req, { onProgress, signal: flag });
      out.generator.dispose();
      const { table: _table, generator: _generator, ...result } = out;
      return result;
    } finally {
      if (this.running === flag) this.running = null;
    }
  }

  async cancel(): Promise<void> {
    if (this.running) this.running.aborted = true;
  }
}
