/**
 * Every chart of a report rendered off-screen to a PNG data URL, for the HTML export. Uses the same config builders
 * and heatmap drawing as the page, so the file shows what the page shows (all columns, whatever the page's filter).
 */
import type { EvaluationReport } from '../../api/types.js';
import { chartImage } from '../charts/chart.js';
import { columnChart, dcrChart, pcaChart, utilityChart } from '../charts/configs.js';
import { heatmapImage, heatmapSpecs } from '../charts/heatmap.js';
import type { ReportImages } from './export-html.js';

/** Sizes in CSS pixels (drawn at 2× for print). */
const SIZE = { column: [360, 230], wide: [520, 320], heatmap: 420 } as const;

export function reportImages(report: EvaluationReport): ReportImages {
  return {
    columns: report.fidelity.columns.map((c) => ({ name: c.name, src: chartImage(columnChart(c), SIZE.column[0], SIZE.column[1]) })),
    heatmaps: heatmapSpecs(report.fidelity.pairs).map((s) => ({ title: s.title, src: heatmapImage(s, SIZE.heatmap) })),
    dcr: chartImage(dcrChart(report.privacy), SIZE.wide[0], SIZE.wide[1]),
    pca: report.pca ? chartImage(pcaChart(report.pca), SIZE.wide[0], SIZE.wide[0] * 0.8) : null,
    utility: report.utility ? chartImage(utilityChart(report.utility), SIZE.wide[0], SIZE.wide[1]) : null,
  };
}
