/**
 * chart.js, registered piece by piece (only what the report draws, so the rest is tree-shaken away), and a Svelte
 * action that creates, updates and destroys one chart on a canvas. chart.js draws with the 2-D canvas API and
 * evaluates no strings, so it runs under the page's CSP (`script-src 'self'`).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Legend,
  Title,
  Tooltip,
);

/** Report charts are static pictures of a finished report: no animation (also makes `toDataURL()` immediate). */
Chart.defaults.animation = false;
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.color = '#1d2433';

/** The chart configurations this app builds (bar and scatter charts; line charts for the live training view). */
export type ReportChartConfig = ChartConfiguration<'bar'> | ChartConfiguration<'scatter'> | ChartConfiguration<'line'>;

/**
 * `use:chart={config}`: draws `config` on the canvas, redraws when the config object changes, and frees the
 * chart when the canvas leaves the page. The canvas keeps the aspect ratio given in the config's options.
 */
export function chart(
  canvas: HTMLCanvasElement,
  config: ReportChartConfig,
): { update(next: ReportChartConfig): void; destroy(): void } {
  let instance = new Chart(canvas, config as ChartConfiguration);
  let type = config.type;
  return {
    update(next) {
      // a live line chart (training) gets new points several times a second: update it in place, no flicker
      if (next.type === 'line' && type === 'line') {
        instance.data = next.data as Chart['data'];
        instance.options = (next.options ?? {}) as Chart['options'];
        instance.update('none');
        return;
      }
      // a new config object: rebuilding is simpler than diffing, and these charts are small
      instance.destroy();
      instance = new Chart(canvas, next as ChartConfiguration);
      type = next.type;
    },
    destroy() {
      instance.destroy();
    },
  };
}

/**
 * Renders a chart off-screen at a fixed size and returns it as a PNG data URL (for the HTML export).
 * @param width CSS pixels @param height CSS pixels @param scale device pixels per CSS pixel @default 2
 */
export function chartImage(config: ReportChartConfig, width: number, height: number, scale = 2): string {
  const holder = document.createElement('div');
  // attached but out of view: chart.js reads the canvas's computed size
  holder.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${height}px;`;
  const canvas = document.createElement('canvas');
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.width = width;
  canvas.height = height;
  holder.append(canvas);
  document.body.append(holder);
  const opts = {
    ...config.options,
    responsive: false,
    maintainAspectRatio: false,
    animation: false as const,
    devicePixelRatio: scale,
  };
  const instance = new Chart(canvas, { ...config, options: opts } as ChartConfiguration);
  try {
    return instance.toBase64Image('image/png');
  } finally {
    instance.destroy();
    holder.remove();
  }
}
