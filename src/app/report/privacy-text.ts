/**
 * The privacy section's words (page and HTML export): the plain summary, the k-anonymity summary and, per chart,
 * what it assumes of the attacker.
 */
import type { EvaluationReport } from '../../api/types.js';
import { describeKAnonymity, privacySummary, riskBars } from '../../api/catalog.js';

export interface PrivacyText {
  summary: string;
  kAnonymity: string;
  dcrAssumes: string;
  /** one line per risk bar: "label: assumption" */
  riskAssumes: { label: string; text: string }[];
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function privacyText(p: EvaluationReport['privacy']): PrivacyText {
  const r = p.risk;
  const k = r.kAnonymity;
  const parts: string[] = [];
  if (r.enforcement) parts.push(`${describeKAnonymity(r.enforcement)}.`);
  if (k)
    parts.push(
      `Quasi-identifiers ${r.columns.quasiIdentifiers.join(', ')}: the real training table is ${k.realK}-anonymous (${k.realClasses} combinations); ${pct(k.rareShare)} of the synthetic rows repeat a combination fewer than ${k.k} real rows share, ${pct(k.unmatchedShare)} have a combination no real row has.`,
    );
  else parts.push('No quasi-identifier columns were found or chosen, so there is no k-anonymity figure.');
  return {
    summary: privacySummary(r),
    kAnonymity: parts.join(' '),
    dcrAssumes:
      'Assumes the attacker has the synthetic rows and a real person’s row and looks for a synthetic row very close to it: synthetic rows no closer to the training rows than unseen real rows (the holdout, in green) are mean nothing was copied.',
    riskAssumes: riskBars(r).map((b) => ({ label: b.label, text: b.assumption })),
  };
}
