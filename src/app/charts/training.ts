/**
 * The training view's chart: each loss term per epoch on the left axis and the validation PCD (lower is better) on
 * a second axis on the right (plain data in, plain config out, like `configs.ts`).
 */
import type { ChartConfiguration } from 'chart.js';
import type { TrainPoint } from '../state/run.svelte.js';

/** Colours of the usual GenerativeMTD terms; other terms take the spare ones in turn. */
const TERM_COLORS: Record<string, string> = {
  total: '#1d2433',
  critic: '#2f5fd0',
  sinkhorn: '#e07b39',
  mmd: '#8a4fc7',
  ce: '#c23b5a',
  adv: '#2a9bb0',
  kl: '#5b7f2a',
};
const SPARE = ['#7a8599', '#b58b00', '#a0522d', '#4d6b8a'];
export const PCD_COLOR = '#2f8f5b';

/** The loss terms in the history, `total` first, then in the order the generator reports them. */
export function lossTerms(history: readonly TrainPoint[]): string[] {
  const seen = new Set<string>();
  for (const p of history) for (const k of Object.keys(p.losses)) seen.add(k);
  return [...seen].sort((a, b) => Number(b === 'total') - Number(a === 'total'));
}

export function trainingChart(history: readonly TrainPoint[], epochs: number | null): ChartConfiguration<'line'> {
  let spare = 0;
  const losses = lossTerms(history).map((term) => {
    const color = TERM_COLORS[term] ?? SPARE[spare++ % SPARE.length]!;
    return {
      label: term,
      data: history.filter((p) => Number.isFinite(p.losses[term])).map((p) => ({ x: p.epoch, y: p.losses[term]! })),
      borderColor: color,
      backgroundColor: color,
      borderWidth: term === 'total' ? 2.2 : 1.3,
      pointRadius: history.length > 40 ? 0 : 2,
      yAxisID: 'y',
    };
  });
  const pcd = {
    label: 'validation PCD',
    data: history.filter((p) => p.pcd !== null).map((p) => ({ x: p.epoch, y: p.pcd! })),
    borderColor: PCD_COLOR,
    backgroundColor: PCD_COLOR,
    borderWidth: 2,
    borderDash: [5, 3],
    pointRadius: history.length > 40 ? 0 : 2.5,
    yAxisID: 'y1',
  };
  const last = history.at(-1)?.epoch ?? 1;
  return {
    type: 'line',
    data: { datasets: [...losses, pcd] },
    options: {
      aspectRatio: 2,
      parsing: false,
      normalized: true,
      plugins: {
        legend: {
          display: true,
          position: 'top',
          labels: { boxWidth: 10, boxHeight: 8, padding: 6, font: { size: 10 } },
        },
        tooltip: { mode: 'index', intersect: false },
      },
      scales: {
        x: {
          type: 'linear',
          min: 1,
          // the axis spans the planned epochs while training, so the lines grow left to right
          max: Math.max(last, epochs ?? last, 2),
          ticks: { precision: 0, font: { size: 9 } },
          title: { display: true, text: 'epoch', font: { size: 10 } },
        },
        y: {
          type: 'linear',
          position: 'left',
          ticks: { font: { size: 9 } },
          title: { display: true, text: 'loss', font: { size: 10 } },
        },
        y1: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: { font: { size: 9 }, color: PCD_COLOR },
          title: { display: true, text: 'PCD (lower is better)', font: { size: 10 }, color: PCD_COLOR },
        },
      },
    },
  };
}
