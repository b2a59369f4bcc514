/**
 * The privacy attacks as horizontal bars on one 0…1 "risk" axis, each with its 95% interval drawn as a thin dark bar
 * over it (chart.js floating bars, not grouped). The bars and their wording come from `riskBars`
 * (privacy/risk/summary.ts), so the page, the HTML export and the CLI say the same.
 */
import type { ChartConfiguration } from 'chart.js';
import type { EvaluationReport } from '../../api/types.js';
import { riskBars } from '../../api/catalog.js';
import { COLORS } from './configs.js';

/** A risk above this is drawn red (the attack clearly works), else orange above `LOW`, else green. */
const colour = (v: number): string => (v > 0.3 ? '#c0392b' : v >= 0.1 ? COLORS.synthetic : COLORS.holdout);

export function riskChart(p: EvaluationReport['privacy']): ChartConfiguration<'bar'> {
  const bars = riskBars(p.risk);
  return {
    type: 'bar',
    data: {
      labels: bars.map((b) => b.label),
      datasets: [
        {
          label: 'Risk',
          data: bars.map((b) => b.value),
          backgroundColor: bars.map((b) => colour(b.value)),
          barPercentage: 0.8,
        },
        {
          label: '95% interval',
          data: bars.map((b) => [b.lo, b.hi] as [number, number]),
          backgroundColor: 'rgba(30, 30, 30, 0.75)',
          barPercentage: 0.18,
          grouped: false,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      aspectRatio: 1.7,
      plugins: {
        title: { display: true, text: 'Attack success beyond what unseen real rows give (0 = none, 1 = full)' },
        legend: { position: 'top' },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const b = bars[ctx.dataIndex]!;
              return ctx.datasetIndex === 0
                ? `risk ${b.value.toFixed(3)} (${b.lo.toFixed(3)}–${b.hi.toFixed(3)})`
                : `interval ${b.lo.toFixed(3)}–${b.hi.toFixed(3)}`;
            },
          },
        },
      },
      scales: {
        x: { min: 0, max: 1, title: { display: true, text: 'risk' } },
        y: { ticks: { font: { size: 10 } }, grid: { display: false } },
      },
    },
  };
}
