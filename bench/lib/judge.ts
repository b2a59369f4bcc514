/**
 * The executable metric reference, ../shared/tools/judge.py, and the Python that runs it (Debian's, with pandas and
 * scikit-learn). Benches that score with it call `runJudge`; a missing script or a failed run stops with its reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from './datasets.js';

export const PYTHON = '/usr/bin/python3';
export const JUDGE = join(SHARED_DIR, 'tools', 'judge.py');

export interface JudgeFiles {
  train: string;
  holdout: string;
  synth: string;
  target: string;
  /** Also write judge.py's full report (fidelity, privacy, utility blocks) to this path. */
  json?: string;
}

/** judge.py's one-line summary (`--quiet`): shapes, pairs, PCD, DCR share, copies, RF ratio, … */
export function runJudge(f: JudgeFiles): Record<string, number | null> {
  if (!existsSync(JUDGE)) {
    console.error(
      `This bench scores with ${JUDGE}, which is not there (../shared/tools/judge.py next to the repository).`,
    );
    process.exit(2);
  }
  const args = [
    JUDGE,
    '--train',
    f.train,
    '--holdout',
    f.holdout,
    '--synth',
    f.synth,
    '--target',
    f.target,
    '--quiet',
    ...(f.json ? ['--json', f.json] : []),
  ];
  const r = spawnSync(PYTHON, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`judge.py failed (${r.status}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number | null>;
}

/** The full report written by `runJudge({ …, json })`. */
export function readJudgeJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The random forest's TSTR/TRTR ratio from a summary line (accuracy for classes, R² for a number). */
export function judgeRfRatio(j: Record<string, number | null>): number | null | undefined {
  return j['rf_tstr_over_trtr_accuracy'] ?? j['rf_tstr_over_trtr_r2'];
}
