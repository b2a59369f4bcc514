/**
 * The report's tables as plain rows of text, built once from the report and rendered twice: by the Svelte
 * components on the page and by the HTML export (so the two always show the same numbers).
 */
import type { EvaluationReport } from '../../api/types.js';

export interface TextTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** indices of the columns that hold numbers (right-aligned) */
  numeric: number[];
  /** optional test id for the page */
  id: string;
}

type Utility = NonNullable<EvaluationReport['utility']>;
type ModelPair = Utility['tstr'];

/** Fixed decimals, or "—" for a missing value. */
export function num(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

/** A share as a percentage with one decimal, or "—". */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(1)}%`;
}

/** Up to 4 significant digits, for values in the data's own units (means, Wasserstein, RMSE). */
export function sig(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : String(Number(x.toPrecision(4)));
}

export function fidelityTable(r: EvaluationReport): TextTable {
  const f = r.fidelity;
  const rows: string[][] = [
    ['Quality score', num(f.quality), 'mean of column shapes and pair trends (1 = identical)'],
    ['Column shapes', num(f.columnShapes), 'mean of 1 − KS (numerical) and 1 − TV (categorical)'],
    ['Column pair trends', num(f.columnPairTrends), 'numerical pairs: 1 − |Δρ|/2; others: contingency similarity'],
    ['  numerical–numerical', num(f.pairTrendsByKind.numNum), ''],
    ['  categorical–categorical', num(f.pairTrendsByKind.catCat), ''],
    ['  mixed', num(f.pairTrendsByKind.mixed), ''],
    ['PCD (mixed association)', num(f.pcd), 'Frobenius norm of assoc(real) − assoc(synthetic); lower is better'],
    ...(f.pcdReference
      ? [
          [
            '  unseen real rows (holdout)',
            num(f.pcdReference.holdout),
            `PCD of the holdout against the real data; about ${num(f.pcdReference.atSynthSize)} at the synthetic table's size`,
          ],
          ...(f.pcdReference.spread
            ? [
                [
                  '  real halves (spread)',
                  num(f.pcdReference.spread.hi),
                  `97.5% of the PCD between disjoint halves of the real rows over ${f.pcdReference.spread.splits} splits, at the compared sizes (median ${num(f.pcdReference.spread.median)}); a PCD up to this is within real-data noise`,
                ],
              ]
            : []),
        ]
      : []),
    ['PCD (Pearson, one-hot)', num(f.pcdOneHot), 'as in BASELINES.md (judge.py); lower is better'],
    ['Detection ROC-AUC', num(f.detectionAuc), 'a classifier telling real from synthetic; 0.5 = indistinguishable'],
    ...(r.groupedLevels ?? []).map((g) => [
      `Column ${g.column}: levels grouped`,
      `${g.grouped.toLocaleString('en-US')} of ${g.levels.toLocaleString('en-US')}`,
      `rare levels grouped as 'other' for the one-hot PCD, detection, utility, clustering and PCA (the ${g.kept} most frequent kept)`,
    ]),
  ];
  return { caption: 'Fidelity', head: ['Measure', 'Value', 'Meaning'], rows, numeric: [1], id: 'fidelity-table' };
}

export function columnTable(r: EvaluationReport): TextTable {
  const rows = r.fidelity.columns.map((c) => [
    c.name,
    c.sdtype,
    num(c.score),
    c.sdtype === 'numerical' ? `KS ${num(c.ks)}` : `TV ${num(c.tv)}`,
    sig(c.wasserstein),
    sig(c.meanReal),
    sig(c.meanSynthetic),
    sig(c.stdReal),
    sig(c.stdSynthetic),
  ]);
  return {
    caption: 'Per column',
    head: ['Column', 'Type', 'Score', 'KS / TV', 'Wasserstein', 'Mean real', 'Mean synth.', 'SD real', 'SD synth.'],
    rows,
    numeric: [2, 3, 4, 5, 6, 7, 8],
    id: 'column-table',
  };
}

export function privacyTable(r: EvaluationReport): TextTable {
  const p = r.privacy;
  const h = p.holdoutReference;
  const rows: string[][] = [
    ['Distance to closest record (DCR), median', num(p.dcr.median), num(h?.dcr.median)],
    ['DCR, 5th percentile', num(p.dcr.p5), num(h?.dcr.p5)],
    ['Nearest / 2nd nearest (NNDR), median', num(p.nndr.median), num(h?.nndr.median)],
    ['NNDR, 5th percentile', num(p.nndr.p5), num(h?.nndr.p5)],
    ['Exact copies of a training row', percent(p.exactCopyRate), percent(h?.exactCopyRate)],
    [
      'DCR share (closer to training than to holdout)',
      p.dcrShare === null ? '—' : `${percent(p.dcrShare)} ± ${percent(p.dcrShareStd)} over subsamples`,
      '50% (ideal)',
    ],
    ...(p.dcrShareInterval
      ? [
          [
            `  ${Math.round(100 * p.dcrShareInterval.level)}% interval (${p.dcrShareInterval.method})`,
            `${percent(p.dcrShareInterval.lo)} – ${percent(p.dcrShareInterval.hi)}`,
            '',
          ],
        ]
      : []),
  ];
  return {
    caption: 'Privacy (Gower distance: numbers scaled by the real range, categories 0/1)',
    head: ['Measure', 'Synthetic → training', 'Holdout → training'],
    rows,
    numeric: [1, 2],
    id: 'privacy-table',
  };
}

function scoreCells(u: Utility, pair: ModelPair, model: 'randomForest' | 'linear'): string[] {
  const s = pair[model] as unknown as Record<string, number | null>;
  return u.task === 'classification'
    ? [num(s['accuracy']), num(s['f1']), num(s['auc'])]
    : [num(s['r2']), sig(s['rmse']), sig(s['mae'])];
}

const SETTINGS: [keyof Pick<Utility, 'tstr' | 'trts' | 'trtr' | 'tsts'>, string][] = [
  ['tstr', 'TSTR — train synthetic, test real'],
  ['trts', 'TRTS — train real, test synthetic'],
  ['trtr', 'TRTR — train real, test real'],
  ['tsts', 'TSTS — train synthetic, test synthetic'],
];

export function utilityTable(u: Utility): TextTable {
  const rows: string[][] = [];
  for (const [key, label] of SETTINGS) {
    rows.push([`${label} (${u.folds}-fold)`, 'Random forest', ...scoreCells(u, u[key], 'randomForest')]);
    rows.push(['', 'Linear', ...scoreCells(u, u[key], 'linear')]);
  }
  if (u.holdout) {
    rows.push(['TSTR on the holdout', 'Random forest', ...scoreCells(u, u.holdout.tstr, 'randomForest')]);
    rows.push(['', 'Linear', ...scoreCells(u, u.holdout.tstr, 'linear')]);
    rows.push(['TRTR on the holdout', 'Random forest', ...scoreCells(u, u.holdout.trtr, 'randomForest')]);
    rows.push(['', 'Linear', ...scoreCells(u, u.holdout.trtr, 'linear')]);
  }
  const head =
    u.task === 'classification'
      ? ['Setting', 'Model', 'Accuracy', 'Macro-F1', 'ROC-AUC']
      : ['Setting', 'Model', 'R²', 'RMSE', 'MAE'];
  return {
    caption: `Utility: predicting ${u.target} (${u.task}; ${u.trees}-tree random forest and a ${u.task === 'classification' ? 'logistic' : 'ridge'} model)`,
    head,
    rows,
    numeric: [2, 3, 4],
    id: 'utility-table',
  };
}

export function clusteringTable(c: NonNullable<EvaluationReport['clustering']>): TextTable {
  return {
    caption: `Clustering (k-means, k = ${c.k})`,
    head: ['Measure', 'Real', 'Synthetic'],
    rows: [
      ['Silhouette (−1 … 1, higher = better separated)', num(c.silhouette.real), num(c.silhouette.synthetic)],
      [
        'Calinski–Harabasz (higher = better separated)',
        sig(c.calinskiHarabasz.real),
        sig(c.calinskiHarabasz.synthetic),
      ],
    ],
    numeric: [1, 2],
    id: 'clustering-table',
  };
}

type Anonymeter = { risk: { value: number; lo: number; hi: number } } & Record<
  'attack' | 'control',
  { successes: number; trials: number }
>;

/** anonymeter's singling out (both modes) and linkability: risk (interval), counts, assumption. */
function anonymeterRows(k: EvaluationReport['privacy']['risk']): string[][] {
  const row = (label: string, a: Anonymeter | null, why: string): string[] => [
    label,
    a ? `${num(a.risk.value)} (${num(a.risk.lo)}–${num(a.risk.hi)})` : '—',
    a
      ? `${a.attack.successes} of ${a.attack.trials} on training rows, ${a.control.successes} of ${a.control.trials} on holdout rows. ${why}`
      : 'needs a holdout',
  ];
  const l = k.linkability;
  return [
    row('Singling out risk, one column (anonymeter)', k.singlingOut.univariate, k.assumptions.singlingOut),
    row('Singling out risk, several columns (anonymeter)', k.singlingOut.multivariate, k.assumptions.singlingOut),
    row(
      `Linkability risk${l ? ` (${l.columnsA.join(', ')} | ${l.columnsB.join(', ')})` : ''} (anonymeter)`,
      l,
      k.assumptions.linkability,
    ),
  ];
}

/** The attack figures (k-anonymity, CAP, anonymeter's attacks, membership inference), each with its assumption. */
export function riskTable(r: EvaluationReport): TextTable {
  const k = r.privacy.risk;
  const rows: string[][] = [
    ['Quasi-identifiers', k.columns.quasiIdentifiers.join(', ') || 'none found', k.columns.rule],
    [
      `k-anonymity: synthetic rows with a real combination shared by fewer than ${k.kAnonymity?.k ?? 5} real rows`,
      percent(k.kAnonymity?.rareShare),
      k.kAnonymity
        ? `the real table itself is ${k.kAnonymity.realK}-anonymous (${k.kAnonymity.realClasses} combinations). ${k.assumptions.kAnonymity}`
        : 'no quasi-identifiers',
    ],
    [
      `Disclosure protection (CAP) of ${k.columns.sensitive.join(', ') || '—'}`,
      num(k.disclosure?.score),
      k.disclosure
        ? `protection ${num(k.disclosure.protection)} against a random-guess baseline of ${num(k.disclosure.baseline)}. ${k.assumptions.disclosure}`
        : 'no quasi-identifiers or no sensitive column',
    ],
    [
      `Attribute inference risk of ${k.inference?.secret ?? '—'} (anonymeter)`,
      k.inference ? `${num(k.inference.risk.value)} (${num(k.inference.risk.lo)}–${num(k.inference.risk.hi)})` : '—',
      k.inference
        ? `guessed right for ${percent(k.inference.attack.successes / k.inference.attack.trials)} of ${k.inference.attack.trials} training rows, ${percent(k.inference.control.successes / k.inference.control.trials)} of ${k.inference.control.trials} holdout rows. ${k.assumptions.inference}`
        : 'needs a holdout and a sensitive column',
    ],
    ...anonymeterRows(k),
    [
      'Membership inference ROC-AUC (DOMIAS)',
      k.membership ? `${num(k.membership.auc)} (${num(k.membership.lo)}–${num(k.membership.hi)})` : '—',
      k.membership
        ? `${k.membership.members} members vs ${k.membership.nonMembers} non-members, 95% interval. ${k.assumptions.membership}`
        : 'needs a holdout of at least 4 rows',
    ],
  ];
  return {
    caption: 'Privacy attacks (what each figure assumes of the attacker is in its row)',
    head: ['Attack', 'Value', 'Meaning'],
    rows,
    numeric: [1],
    id: 'risk-table',
  };
}
