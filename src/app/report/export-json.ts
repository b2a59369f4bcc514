/**
 * The report as a JSON download: the worker's `EvaluationReport` unchanged at the top level (so `rows.real`,
 * `fidelity.columnShapes`, `privacy.dcrShare`, … are where the CLI's `--json` puts them), plus `run`: what made it.
 */
import type { EvaluationReport, GenerateResult } from '../../api/types.js';

export interface ReportRun {
  input: string;
  generator: string;
  seed: number;
  /** synthetic rows written */
  rows: number;
  split: GenerateResult['split'];
  privacyFilter: GenerateResult['privacyFilter'];
  /** what k-anonymity enforcement did (null: not asked) */
  kAnonymity: NonNullable<GenerateResult['kAnonymity']> | null;
  fitSeconds: number;
  sampleSeconds: number;
  backend: string | null;
  notes: string[];
}

export function reportRun(result: GenerateResult, input: string): ReportRun {
  return {
    input,
    generator: result.fit.generator,
    seed: result.seed,
    rows: result.nRows,
    split: result.split,
    privacyFilter: result.privacyFilter,
    kAnonymity: result.kAnonymity ?? null,
    fitSeconds: result.fit.seconds,
    sampleSeconds: result.sampleSeconds,
    backend: result.fit.backend ?? null,
    notes: result.fit.notes,
  };
}

/** `data.csv` → `data.report.json` / `data.report.html`. */
export function reportFileName(input: string, ext: 'json' | 'html'): string {
  const base = input.replace(/\.(csv|tsv|txt)$/i, '') || 'data';
  return `${base}.report.${ext}`;
}

export function reportJson(report: EvaluationReport, run: ReportRun): string {
  return `${JSON.stringify({ ...report, run }, null, 2)}\n`;
}
