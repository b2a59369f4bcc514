/**
 * The report's attack figures (DESIGN.md §8), each with a sentence saying what it assumes of the attacker: k-anonymity
 * support and CAP disclosure protection on the quasi-identifiers, the DOMIAS membership AUC and anonymeter's three
 * attacks (singling out, linkability, attribute inference; each needs a holdout as its control).
 * Columns the caller does not name are chosen by `suggestColumns` (./keys.ts), which states its rule.
 */
import type { Prepared } from '../../metrics/prepare.js';
import { disclosureProtection, type DisclosureProtection } from './cap.js';
import { domias, type MembershipAuc } from './domias.js';
import { inferenceRisk, type InferenceRisk } from './inference.js';
import { kAnonymity, type KAnonymityReport } from './k-anonymity.js';
import type { KAnonymityOutcome } from '../k-anonymity-outcome.js';
import { encodeRows, generalisedKeys, levelCounts, rowKeys, suggestColumns, type AttackColumns } from './keys.js';
import { linkabilityRisk, NEIGHBOURS, type LinkabilityRisk } from './linkability.js';
import { MULTI_COLUMNS, singlingOutRisk, type SinglingOutRisk } from './singling-out.js';

/** The k the k-anonymity figure counts rare combinations against. */
export const K_ANONYMITY = 5;

export interface RiskReport {
  columns: AttackColumns;
  /** null without quasi-identifiers */
  kAnonymity: KAnonymityReport | null;
  /** what k-anonymity enforcement did to the synthetic rows (its generalisation is then the figure's); else null */
  enforcement: KAnonymityOutcome | null;
  /** null without quasi-identifiers or a sensitive column */
  disclosure: DisclosureProtection | null;
  /** null without a holdout of at least 4 rows */
  membership: MembershipAuc | null;
  /** anonymeter's attribute inference of the sensitive column; null without a holdout or a sensitive column */
  inference: InferenceRisk | null;
  /** anonymeter's singling out, by single-column and by multi-column predicates; null without a holdout */
  singlingOut: { univariate: SinglingOutRisk | null; multivariate: SinglingOutRisk | null };
  /** anonymeter's linkability between two halves of the columns; null without a holdout or with one column */
  linkability: LinkabilityRisk | null;
  /** what each figure assumes of the attacker, in plain words */
  assumptions: {
    kAnonymity: string;
    disclosure: string;
    membership: string;
    inference: string;
    singlingOut: string;
    linkability: string;
  };
}

const list = (names: string[]): string => (names.length ? names.join(', ') : 'none');

export function riskReport(
  P: Prepared,
  seed: number,
  quasi: readonly string[] | null = null,
  enforced: KAnonymityOutcome | null = null,
): RiskReport {
  const columns = suggestColumns(P, quasi);
  const qi = columns.quasiIdentifiers.map((n) => P.names.indexOf(n));
  const sens = columns.sensitive.map((n) => P.names.indexOf(n));
  const realKeys = qi.length ? rowKeys(P, P.real, qi) : null;
  const synthKeys = qi.length ? rowKeys(P, P.synth, qi) : null;
  const kAnon =
    enforced && enforced.k > 1
      ? kAnonymity(generalisedKeys(P, P.real, enforced), generalisedKeys(P, P.synth, enforced), enforced.k)
      : realKeys && synthKeys
        ? kAnonymity(realKeys, synthKeys, K_ANONYMITY)
        : null;
  const disclosure =
    realKeys && synthKeys && sens.length
      ? disclosureProtection(
          realKeys,
          rowKeys(P, P.real, sens),
          synthKeys,
          rowKeys(P, P.synth, sens),
          levelCounts(P, sens),
          'cap',
        )
      : null;
  const membership = P.holdout
    ? domias(encodeRows(P, P.real), encodeRows(P, P.synth), encodeRows(P, P.holdout), seed)
    : null;
  const inference = columns.sensitive.length ? inferenceRisk(P, columns.sensitive[0]!, (seed + 1) >>> 0) : null;
  const singlingOut = {
    univariate: singlingOutRisk(P, 'univariate', (seed + 3) >>> 0),
    multivariate: singlingOutRisk(P, 'multivariate', (seed + 4) >>> 0),
  };
  const linkability = linkabilityRisk(P, (seed + 5) >>> 0);
  return {
    columns,
    kAnonymity: kAnon,
    enforcement: enforced,
    disclosure,
    membership,
    inference,
    singlingOut,
    linkability,
    assumptions: {
      kAnonymity: `Assumes the attacker knows a person's quasi-identifiers (${list(columns.quasiIdentifiers)}) and that the person is in the training data: a synthetic row with a combination fewer than ${K_ANONYMITY} real rows share points at those few people.`,
      disclosure: `Assumes the attacker knows a real person's ${list(columns.quasiIdentifiers)} and guesses their ${list(columns.sensitive)} from the synthetic rows with the same values (numbers in 10 bins; real rows without such synthetic rows are skipped, SDMetrics' "cap"); 1 = no better than a random guess.`,
      inference: `Assumes the attacker knows every column of a person's row except ${list(columns.sensitive)} and guesses it from the nearest synthetic row; the risk is the success on training rows beyond the success on holdout rows (anonymeter), 0 = nothing learnt about the training rows.`,
      singlingOut: `Assumes the attacker only has the synthetic rows and writes rules that fit exactly one of them (one column, e.g. "age = 83" or "the lowest dose"; or ${MULTI_COLUMNS} columns at once), betting each fits exactly one real person; the risk is the success on the training rows beyond the success on the holdout rows (anonymeter), 0 = no better than on unseen people.`,
      linkability: linkability
        ? `Assumes the attacker holds two separate records of the same people, one with ${list(linkability.columnsA)}, the other with ${list(linkability.columnsB)}, and joins them through the nearest synthetic row (${NEIGHBOURS} neighbour) of each; the risk is the share of training people joined correctly beyond holdout people (anonymeter).`
        : 'Assumes the attacker joins two records of the same person (two halves of the columns) through the nearest synthetic rows; needs a holdout and at least two columns.',
      membership: `Assumes the attacker has the synthetic rows and real rows from the same population (half of the holdout) and wants to tell whether a given person's row was used for training (DOMIAS density ratio); 0.5 = chance.`,
    },
  };
}
