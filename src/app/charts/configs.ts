/**
 * Chart configurations built from the evaluation report (plain data in, plain config out: the same builders serve
 * the page and the HTML export). Real data is blue, synthetic orange, the holdout (unseen real rows) green.
 */
import type { ChartConfiguration } from 'chart.js';
import type { EvaluationReport } from '../../api/types.js';

export type ColumnFidelity = EvaluationReport['fidelity']['columns'][number];
export type UtilityReport = NonNullable<EvaluationReport['utility']>;

export const COLORS = {
  real: '#2f5fd0',
  synthetic: '#e07b39',
  holdout: '#2f8f5b',
} as const;

const alpha = (hex: string, a: number): string => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
};

const pct = (x: number): string => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;

function bars(label: string, data: number[], color: string): ChartConfiguration<'bar'>['data']['datasets'][number] {
  return {
    label,
    data,
    backgroundColor: alpha(color, 0.55),
    borderColor: color,
    borderWidth: 1,
    barPercentage: 1,
    categoryPercentage: 0.85,
  };
}

/** "KS 0.083 · score 0.917" (numerical) or "TV 0.041 · score 0.959" (categorical). */
export function columnScoreText(c: ColumnFidelity): string {
  const d = c.sdtype === 'numerical' ? `KS ${(c.ks ?? 0).toFixed(3)}` : `TV ${(c.tv ?? 0).toFixed(3)}`;
  return `${d} · score ${c.score.toFixed(3)}`;
}

/** Real vs synthetic shares per bin (numerical, 20 equal-width bins) or per level (categorical). */
export function columnChart(c: ColumnFidelity): ChartConfiguration<'bar'> {
  // numerical bins are labelled "lo–hi": the axis shows the lower edges, the tooltip the whole bin
  const full = c.histogram.labels;
  const ticks = c.sdtype === 'numerical' ? full.map((l) => l.split('–')[0] ?? l) : full;
  return {
    type: 'bar',
    data: {
      labels: ticks,
      datasets: [
        bars('Real', c.histogram.real, COLORS.real),
        bars('Synthetic', c.histogram.synthetic, COLORS.synthetic),
      ],
    },
    options: {
      aspectRatio: 1.5,
      plugins: {
        title: { display: true, text: [c.name, columnScoreText(c)], font: { size: 12 }, padding: 4 },
        legend: {
          display: true,
          position: 'top',
          labels: { boxWidth: 10, boxHeight: 8, padding: 6, font: { size: 10 } },
        },
        tooltip: {
          callbacks: {
            title: (items) => full[items[0]?.dataIndex ?? 0] ?? '',
            label: (ctx) => `${ctx.dataset.label}: ${pct(Number(ctx.raw))}`,
          },
        },
      },
      scales: {
        x: { ticks: { font: { size: 9 }, maxRotation: 45, autoSkip: true }, grid: { display: false } },
        y: {
          beginAtZero: true,
          ticks: { font: { size: 9 }, callback: (v) => pct(Number(v)) },
          title: { display: true, text: 'share of rows', font: { size: 10 } },
        },
      },
    },
  };
}

/** Nearest-training-row distances: synthetic rows vs unseen real (holdout) rows. */
export function dcrChart(p: EvaluationReport['privacy']): ChartConfiguration<'bar'> {
  const e = p.dcrHistogram.edges;
  const full = e.slice(0, -1).map((lo, k) => `${lo.toFixed(3)}–${(e[k + 1] ?? lo).toFixed(3)}`);
  const labels = e.slice(0, -1).map((lo) => lo.toFixed(3));
  const datasets = [bars('Synthetic → training', p.dcrHistogram.synthetic, COLORS.synthetic)];
  if (p.dcrHistogram.holdout) datasets.push(bars('Holdout → training', p.dcrHistogram.holdout, COLORS.holdout));
  return {
    type: 'bar',
    data: { labels, datasets },
    options: {
      aspectRatio: 1.7,
      plugins: {
        title: { display: true, text: 'Distance to the closest training row (Gower)' },
        legend: { position: 'top' },
        tooltip: {
          callbacks: {
            title: (items) => full[items[0]?.dataIndex ?? 0] ?? '',
            label: (ctx) => `${ctx.dataset.label}: ${pct(Number(ctx.raw))}`,
          },
        },
      },
      scales: {
        x: {
          ticks: { font: { size: 9 }, maxRotation: 45 },
          grid: { display: false },
          title: { display: true, text: 'distance (lower edge of the bin)' },
        },
        y: {
          beginAtZero: true,
          ticks: { callback: (v) => pct(Number(v)) },
          title: { display: true, text: 'share of rows' },
        },
      },
    },
  };
}

/** The first two principal components of the real data, with synthetic rows projected on them. */
export function pcaChart(pca: NonNullable<EvaluationReport['pca']>): ChartConfiguration<'scatter'> {
  const pts = (v: [number, number][]): { x: number; y: number }[] => v.map(([x, y]) => ({ x, y }));
  const n = pca.real.length + pca.synthetic.length;
  const radius = n > 2000 ? 1.5 : n > 500 ? 2 : 3;
  return {
    type: 'scatter',
    data: {
      datasets: [
        // real as open rings underneath, synthetic filled on top (lower `order` is drawn last): copies of real
        // rows then show as filled rings instead of disappearing
        {
          label: 'Real',
          data: pts(pca.real),
          backgroundColor: 'rgba(0, 0, 0, 0)',
          borderColor: COLORS.real,
          borderWidth: 1.2,
          pointRadius: radius + 1.5,
          order: 2,
        },
        {
          label: 'Synthetic',
          data: pts(pca.synthetic),
          backgroundColor: alpha(COLORS.synthetic, 0.7),
          borderColor: COLORS.synthetic,
          borderWidth: 0,
          pointRadius: radius,
          order: 1,
        },
      ],
    },
    options: {
      aspectRatio: 1.25,
      plugins: {
        title: { display: true, text: 'PCA of the real data (synthetic rows projected)' },
        legend: { position: 'top' },
      },
      scales: {
        x: { title: { display: true, text: `PC1 (${pct(pca.explained[0])} of the real variance)` } },
        y: { title: { display: true, text: `PC2 (${pct(pca.explained[1])})` } },
      },
    },
  };
}

/** The metric the utility chart compares: accuracy (classification) or R² (regression). */
export function utilityMetric(u: UtilityReport): { key: 'accuracy' | 'r2'; label: string } {
  return u.task === 'classification' ? { key: 'accuracy', label: 'accuracy' } : { key: 'r2', label: 'R²' };
}

/** TSTR vs TRTR for both models, on the holdout when there is one (as the verdict uses), else the 5-fold means. */
export function utilityChart(u: UtilityReport): ChartConfiguration<'bar'> {
  const { key, label } = utilityMetric(u);
  const src = u.holdout ?? u;
  const get = (pair: UtilityReport['tstr'], m: 'randomForest' | 'linear'): number =>
    (pair[m] as unknown as Record<string, number>)[key] ?? 0;
  const where = u.holdout ? 'tested on the holdout' : `${u.folds}-fold`;
  return {
    type: 'bar',
    data: {
      labels: ['Random forest', 'Linear model'],
      datasets: [
        bars(
          'TSTR (train synthetic, test real)',
          [get(src.tstr, 'randomForest'), get(src.tstr, 'linear')],
          COLORS.synthetic,
        ),
        bars('TRTR (train real, test real)', [get(src.trtr, 'randomForest'), get(src.trtr, 'linear')], COLORS.real),
      ],
    },
    options: {
      aspectRatio: 1.7,
      plugins: {
        title: { display: true, text: `${label} of a model predicting ${u.target} (${where})` },
        legend: { position: 'top' },
      },
      scales: { y: { beginAtZero: true, suggestedMax: 1, title: { display: true, text: label } } },
    },
  };
}
