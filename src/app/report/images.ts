/**
 * Every chart of a report rendered off-screen to a PNG data URL, for the HTML export. Uses the same config builders
 * and heatmap drawing as the page, so the file shows what the page shows (all columns, whatever the page's filter).
 * Drawing is synchronous canvas work on the page's thread, so it yields between charts: a 148-column table takes a
 * few seconds to export, and the page keeps painting meanwhile.
 */
import type { EvaluationReport } from '../../api/types.js';
import { chartImage } from '../charts/chart.js';
import { columnChart, dcrChart, pcaChart, utilityChart } from '../charts/configs.js';
import { heatmapImage, heatmapSpecs } from '../charts/heatmap.js';
import { riskChart } from '../charts/risk.js';
import { riskBars } from '../../api/catalog.js';
import type { ReportImages } from './export-html.js';

/** Sizes in CSS pixels (drawn at 2× for print). */
const SIZE = { column: [360, 230], wide: [520, 320], heatmap: 420 } as const;
/** Above this many columns the per-column charts are drawn at 1.25× (a 148-column file: 12 MB at 2×, 5 MB at 1.25×). */
const MANY_COLUMNS = 30;
const YIELD_EVERY = 6;

const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export async function reportImages(report: EvaluationReport): Promise<ReportImages> {
  const cols = report.fidelity.columns;
  const scale = cols.length > MANY_COLUMNS ? 1.25 : 2;
  const columns: ReportImages['columns'] = [];
  for (const [i, c] of cols.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await nextTask();
    columns.push({ name: c.name, src: chartImage(columnChart(c), SIZE.column[0], SIZE.column[1], scale) });
  }
  await nextTask();
  const heatmaps = heatmapSpecs(report.fidelity.pairs).map((s) => ({
    title: s.title,
    src: heatmapImage(s, SIZE.heatmap),
  }));
  await nextTask();
  return {
    columns,
    heatmaps,
    dcr: chartImage(dcrChart(report.privacy), SIZE.wide[0], SIZE.wide[1]),
    risk: riskBars(report.privacy.risk).length
      ? chartImage(riskChart(report.privacy), SIZE.wide[0], 60 + 34 * riskBars(report.privacy.risk).length)
      : null,
    pca: report.pca ? chartImage(pcaChart(report.pca), SIZE.wide[0], SIZE.wide[0] * 0.8) : null,
    utility: report.utility ? chartImage(utilityChart(report.utility), SIZE.wide[0], SIZE.wide[1]) : null,
  };
}
