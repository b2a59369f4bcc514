/** `localsynth evaluate --real train.csv --synth synth.csv [--holdout h.csv] [--target col] [--json r.json]`. */
import { writeFileSync } from 'node:fs';
import { describeKAnonymity } from '../privacy/k-anonymity-outcome.js';
import { privacySummary } from '../privacy/risk/summary.js';
import { readInput } from './read-input.js';
import { DEFAULT_SEED } from '../index.js';
import { evaluateFiles } from '../engine/evaluate-files.js';
import type { EvaluationReport } from '../metrics/evaluate.js';
import { groupingNote } from '../metrics/levels.js';
import { EXIT, UsageError, interruptible } from './exit.js';

export const EVALUATE_HELP = `localsynth evaluate --real <train.csv> --synth <synth.csv> [options]

Scores a synthetic file against the real rows it was made from (fidelity, privacy, utility, clustering).
  --real <file>       the real (training) rows the generator saw
  --synth <file>      the synthetic rows
  --holdout <file>    real rows the generator never saw: enables the DCR share and holdout TSTR (recommended)
  --target <column>   column to predict for the utility scores (default: none)
  --json <file>       write the full report as JSON
  --seed <n>          seed of the subsamples and models (default: ${DEFAULT_SEED})
  --quasi-identifiers <a,b,…>
                      columns an attacker may know about a person, for the k-anonymity and disclosure figures
                      (default: columns named like age, sex, gender, postcode, dates, race, marital status or place)
Files are read under the real file's inferred schema; columns are matched by name.`;

const fmt = (x: number | null | undefined, d = 3): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d);

/** The attack figures, each followed by what it assumes of the attacker. */
function riskLines(r: EvaluationReport): string[] {
  const k = r.privacy.risk;
  const out = [`attacks:  quasi-identifiers ${k.columns.quasiIdentifiers.join(', ') || 'none'} (${k.columns.rule})`];
  if (k.kAnonymity)
    out.push(
      `  k-anonymity: ${fmt(100 * k.kAnonymity.rareShare, 1)}% of synthetic rows reproduce a combination fewer than ${k.kAnonymity.k} real rows share (the real table is ${k.kAnonymity.realK}-anonymous)`,
      `    ${k.assumptions.kAnonymity}`,
    );
  if (k.disclosure)
    out.push(
      `  disclosure protection (CAP) of ${k.columns.sensitive.join(', ')}: ${fmt(k.disclosure.score)} (protection ${fmt(k.disclosure.protection)}, random-guess baseline ${fmt(k.disclosure.baseline)})`,
      `    ${k.assumptions.disclosure}`,
    );
  if (k.inference)
    out.push(
      `  attribute inference risk of ${k.inference.secret} (anonymeter): ${fmt(k.inference.risk.value)} (${fmt(k.inference.risk.lo)}–${fmt(k.inference.risk.hi)}; right for ${k.inference.attack.successes}/${k.inference.attack.trials} training rows, ${k.inference.control.successes}/${k.inference.control.trials} holdout rows)`,
      `    ${k.assumptions.inference}`,
    );
  const anonymeter = (label: string, a: NonNullable<typeof k.linkability>['risk'], c: string, why: string): void => {
    out.push(`  ${label} risk (anonymeter): ${fmt(a.value)} (${fmt(a.lo)}–${fmt(a.hi)}; ${c})`, `    ${why}`);
  };
  const counts = (x: {
    attack: { successes: number; trials: number };
    control: { successes: number; trials: number };
  }): string =>
    `${x.attack.successes}/${x.attack.trials} on training rows, ${x.control.successes}/${x.control.trials} on holdout rows`;
  for (const so of [k.singlingOut.univariate, k.singlingOut.multivariate])
    if (so) anonymeter(`singling out (${so.mode})`, so.risk, counts(so), k.assumptions.singlingOut);
  if (k.linkability)
    anonymeter(
      `linkability (${k.linkability.columnsA.join(', ')} | ${k.linkability.columnsB.join(', ')})`,
      k.linkability.risk,
      counts(k.linkability),
      k.assumptions.linkability,
    );
  if (k.enforcement) out.push(`  ${describeKAnonymity(k.enforcement)}`);
  if (k.membership)
    out.push(
      `  membership inference AUC (DOMIAS): ${fmt(k.membership.auc)} (95% interval ${fmt(k.membership.lo)}–${fmt(k.membership.hi)})`,
      `    ${k.assumptions.membership}`,
    );
  out.push(`  in short: ${privacySummary(k)}`);
  return out;
}

/** A readable summary of a report (also used by `generate --report`). */
export function summarize(r: EvaluationReport): string {
  const out: string[] = [];
  out.push(
    `rows: real ${r.rows.real}, synthetic ${r.rows.synthetic}, holdout ${r.rows.holdout ?? '–'}  (${r.seconds.toFixed(1)} s)`,
  );
  for (const g of r.groupedLevels ?? []) out.push(`note: ${groupingNote(g)}`);
  out.push('');
  for (const v of r.verdicts)
    out.push(`${v.level.toUpperCase().padEnd(12)}  ${v.label.padEnd(14)} ${fmt(v.value)}  ${v.text}`);
  const f = r.fidelity;
  out.push('');
  out.push(
    `fidelity: column shapes ${fmt(f.columnShapes)} · pair trends ${fmt(f.columnPairTrends)} · quality ${fmt(f.quality)} · PCD ${fmt(f.pcd)} (one-hot ${fmt(f.pcdOneHot)}) · detection AUC ${fmt(f.detectionAuc)}`,
  );
  if (f.pcdReference)
    out.push(
      `          (holdout→train: PCD ${fmt(f.pcdReference.holdout)}, about ${fmt(f.pcdReference.atSynthSize)} at the synthetic table's size${f.pcdReference.spread ? `; halves of train: median ${fmt(f.pcdReference.spread.median)}, 97.5% ${fmt(f.pcdReference.spread.hi)} over ${f.pcdReference.spread.splits} splits` : ''})`,
    );
  const p = r.privacy;
  out.push(
    `privacy:  DCR share ${fmt(p.dcrShare)} · exact copies ${fmt(p.exactCopyRate)} · DCR median ${fmt(p.dcr.median, 4)} p5 ${fmt(p.dcr.p5, 4)} · NNDR median ${fmt(p.nndr.median)} p5 ${fmt(p.nndr.p5)}`,
  );
  if (p.dcrShareInterval)
    out.push(
      `          DCR share ${Math.round(100 * p.dcrShareInterval.level)}% interval ${fmt(p.dcrShareInterval.lo)}–${fmt(p.dcrShareInterval.hi)} (${p.dcrShareInterval.method})`,
    );
  if (p.holdoutReference)
    out.push(
      `          (holdout→train: DCR median ${fmt(p.holdoutReference.dcr.median, 4)} p5 ${fmt(p.holdoutReference.dcr.p5, 4)}, copies ${fmt(p.holdoutReference.exactCopyRate)})`,
    );
  out.push(...riskLines(r));
  if (r.utility) {
    const u = r.utility;
    const keys = u.task === 'classification' ? ['accuracy', 'f1', 'auc'] : ['r2', 'rmse', 'mae'];
    out.push(`utility (${u.task}, target "${u.target}", ${u.folds}-fold):`);
    out.push(`  ${'protocol'.padEnd(14)}${['random forest', 'linear'].map((m) => m.padEnd(34)).join('')}`);
    const row = (name: string, pair: { randomForest: object; linear: object }) => {
      const cell = (s: object) => keys.map((k) => `${k} ${fmt((s as Record<string, number | null>)[k])}`).join(' ');
      out.push(`  ${name.padEnd(14)}${cell(pair.randomForest).padEnd(34)}${cell(pair.linear)}`);
    };
    row('TSTR', u.tstr);
    row('TRTS', u.trts);
    row('TRTR', u.trtr);
    row('TSTS', u.tsts);
    if (u.holdout) {
      row('holdout TSTR', u.holdout.tstr);
      row('holdout TRTR', u.holdout.trtr);
    }
  }
  if (r.clustering) {
    const c = r.clustering;
    out.push(
      `clustering (k-means, k=${c.k}): silhouette real ${fmt(c.silhouette.real)} / synthetic ${fmt(c.silhouette.synthetic)} · Calinski–Harabasz ${fmt(c.calinskiHarabasz.real, 1)} / ${fmt(c.calinskiHarabasz.synthetic, 1)}`,
    );
  }
  return out.join('\n');
}

/** `a,b,c` → names; an empty list is refused (leave the flag out for the automatic choice). */
export function quasiList(text: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.length) throw new UsageError('--quasi-identifiers needs column names, e.g. --quasi-identifiers age,sex');
  return names;
}

export async function runEvaluate(values: Record<string, string | boolean | undefined>): Promise<number> {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const real = str('real');
  const synth = str('synth');
  if (!real || !synth) throw new UsageError('evaluate needs --real <train.csv> and --synth <synth.csv>');
  const seedText = str('seed');
  const seed = seedText === undefined ? DEFAULT_SEED : Number(seedText);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new UsageError(`--seed must be a whole number ≥ 0, got "${seedText}".`);
  const read = (f: string): Uint8Array => readInput(f);
  const holdout = str('holdout');
  const quasi = str('quasi-identifiers');
  const quasiIdentifiers = quasi !== undefined ? quasiList(quasi) : undefined;
  const files = [read(real), read(synth), holdout ? read(holdout) : null] as const;
  const report = await interruptible((signal) =>
    evaluateFiles(files[0], files[1], files[2], str('target') ?? null, {
      seed,
      signal,
      ...(quasiIdentifiers ? { quasiIdentifiers } : {}),
    }),
  );
  process.stdout.write(summarize(report) + '\n');
  const json = str('json');
  if (json) {
    writeFileSync(json, JSON.stringify(report, null, 1));
    process.stderr.write(`wrote the report to ${json}\n`);
  }
  return EXIT.ok;
}
