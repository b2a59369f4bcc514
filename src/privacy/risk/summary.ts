/**
 * The attack figures in plain words (the report's privacy summary, the CLI and the HTML export share it), and the
 * figures as bars with their intervals for the chart: every bar reads "higher = more risk" on 0…1, so DOMIAS's AUC is
 * shown as 2·(AUC − ½) and CAP's protection score as 1 − score.
 */
import type { RiskReport } from './report.js';

export interface RiskBar {
  label: string;
  value: number;
  lo: number;
  hi: number;
  /** what the attacker is assumed to know */
  assumption: string;
}

const clip = (x: number): number => Math.min(1, Math.max(0, x));

export function riskBars(r: RiskReport): RiskBar[] {
  const bars: RiskBar[] = [];
  const a = r.assumptions;
  const so = r.singlingOut;
  if (so.univariate) bars.push({ label: 'Singling out (1 column)', ...so.univariate.risk, assumption: a.singlingOut });
  if (so.multivariate)
    bars.push({ label: 'Singling out (several columns)', ...so.multivariate.risk, assumption: a.singlingOut });
  if (r.linkability) bars.push({ label: 'Linkability', ...r.linkability.risk, assumption: a.linkability });
  if (r.inference)
    bars.push({ label: `Inference of ${r.inference.secret}`, ...r.inference.risk, assumption: a.inference });
  if (r.membership) {
    const m = r.membership;
    const t = (x: number): number => clip(2 * (x - 0.5));
    bars.push({
      label: 'Membership (DOMIAS, 2·AUC − 1)',
      value: t(m.auc),
      lo: t(m.lo),
      hi: t(m.hi),
      assumption: a.membership,
    });
  }
  if (r.disclosure) {
    const v = clip(1 - r.disclosure.score);
    bars.push({ label: 'Disclosure (1 − CAP score)', value: v, lo: v, hi: v, assumption: a.disclosure });
  }
  return bars;
}

/** Above this a risk is called high (the attack clearly works); below `LOW` low. */
export const HIGH = 0.3;
export const LOW = 0.1;

/** Two or three sentences: which attacks work, and what k-anonymity found or enforced. */
export function privacySummary(r: RiskReport): string {
  const bars = riskBars(r);
  if (!bars.length)
    return 'No attack could be simulated: hold out real rows (a holdout) to measure the attacks against.';
  const high = bars.filter((b) => b.lo > HIGH).map((b) => b.label.toLowerCase());
  const some = bars.filter((b) => b.value >= LOW && !(b.lo > HIGH)).map((b) => b.label.toLowerCase());
  const parts: string[] = [];
  if (high.length) parts.push(`These attacks clearly work on the training rows: ${high.join(', ')}.`);
  if (some.length) parts.push(`Some risk (${LOW} or more, or an interval that reaches it): ${some.join(', ')}.`);
  if (!high.length && !some.length)
    parts.push('No simulated attack learns noticeably more about the training rows than about unseen real rows.');
  const k = r.kAnonymity;
  if (r.enforcement && r.enforcement.k > 1)
    parts.push(
      `k-anonymity was enforced (k = ${r.enforcement.k} on ${r.enforcement.quasiIdentifiers.join(', ')}): ${k ? `${(100 * k.rareShare).toFixed(1)}% of rows` : 'no row'} left with fewer than ${r.enforcement.k} real rows.`,
    );
  else if (k)
    parts.push(
      `${(100 * k.rareShare).toFixed(1)}% of the synthetic rows repeat a quasi-identifier combination that fewer than ${k.k} real rows share.`,
    );
  return parts.join(' ');
}
