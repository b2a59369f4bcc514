/**
 * Result assembly: what a run (`pipeline.ts`) and a sample from a saved model (`sample-model.ts`) both do once the
 * rows are sampled and filtered: write the CSV, score it if asked, and give back a `GenerateResult`.
 */
import type { GenerateResult } from '../api/types.js';
import type { Progress } from '../core/progress.js';
import type { Schema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import { previewCsv, writeCsvChunks } from '../io/index.js';
import { evaluate } from '../metrics/evaluate.js';

/** Rows shown in previews. */
export const PREVIEW_ROWS = 20;

export interface RunContext {
  onProgress?: (p: Progress) => void;
  signal?: { readonly aborted: boolean };
}

/** The tables the report compares the synthetic rows with, under the schema it evaluates. */
export interface ReportInput {
  real: Table;
  holdout: Table | null;
  schema: Schema;
}

export interface ResultParts extends Pick<
  GenerateResult,
  'seed' | 'fit' | 'split' | 'privacyFilter' | 'kAnonymity' | 'modelSavable'
> {
  /** The sampled (and filtered) rows. */
  table: Table;
  /** The schema the generator wrote `table` under, and the input's delimiter: what the CSV writer needs. */
  schema: Schema;
  delimiter: string;
  /** `performance.now()` when sampling started: `sampleSeconds` counts sampling, filtering and writing the CSV. */
  sampleStart: number;
  /** The report's other tables (built once the CSV is written); null: no report. */
  report: (() => ReportInput) | null;
}

/** The first parts of the CSV that hold at least PREVIEW_ROWS rows (parts are whole rows; usually the first alone). */
function previewText(parts: readonly string[]): string {
  let text = '';
  for (const p of parts) {
    text += p;
    if (text.split('\n', PREVIEW_ROWS + 2).length > PREVIEW_ROWS + 1) break;
  }
  return text;
}

/** Writes the CSV, evaluates `parts.table` against `parts.report` (if given) and assembles the result. */
export async function assembleResult(parts: ResultParts, ctx: RunContext): Promise<GenerateResult> {
  const { table } = parts;
  const csvParts = [...writeCsvChunks(table, parts.schema, { delimiter: parts.delimiter })];
  const sampleSeconds = (performance.now() - parts.sampleStart) / 1000;
  const r = parts.report?.() ?? null;
  const report = r
    ? await evaluate(r.real, table, r.holdout, r.schema, {
        seed: parts.seed,
        ...(parts.kAnonymity
          ? { quasiIdentifiers: parts.kAnonymity.quasiIdentifiers, kAnonymity: parts.kAnonymity }
          : {}),
        onProgress: ctx.onProgress,
        signal: ctx.signal,
      })
    : null;
  const pv = previewCsv(previewText(csvParts), PREVIEW_ROWS);
  return {
    csvParts,
    header: pv.header,
    preview: pv.rows,
    nRows: table.nRows,
    seed: parts.seed,
    fit: parts.fit,
    sampleSeconds,
    split: parts.split,
    privacyFilter: parts.privacyFilter,
    ...(parts.kAnonymity ? { kAnonymity: parts.kAnonymity } : {}),
    report,
    modelSavable: parts.modelSavable,
  };
}
