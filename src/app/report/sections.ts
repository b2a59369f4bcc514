/**
 * The report's sections, in page order, for its table of contents (the page and the exported HTML), and the section
 * each verdict's number comes from, so a verdict links to the evidence behind it.
 */
import type { VerdictMetric } from '../../api/catalog.js';

export type ReportSection = 'columns' | 'fidelity' | 'privacy' | 'utility' | 'clustering';

export const REPORT_SECTIONS: readonly { id: ReportSection; label: string }[] = [
  { id: 'columns', label: 'Columns' },
  { id: 'fidelity', label: 'Fidelity' },
  { id: 'privacy', label: 'Privacy' },
  { id: 'utility', label: 'Utility' },
  { id: 'clustering', label: 'Clustering' },
];

/** Where each verdict's metric is shown in detail. */
export const VERDICT_SECTION: Record<VerdictMetric, ReportSection> = {
  quality: 'columns',
  pcd: 'fidelity',
  dcrShare: 'privacy',
  exactCopies: 'privacy',
  utilityRatio: 'utility',
};
