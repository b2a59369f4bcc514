/**
 * Association heatmaps drawn on a plain canvas (chart.js has no matrix chart): a p × p grid with the column names
 * on both axes, the value in each cell when there is room, and a colour-scale legend underneath. The same drawing
 * serves the page and the HTML export (`heatmapImage`).
 */

export interface HeatmapSpec {
  title: string;
  names: string[];
  /** p × p, row-major */
  values: ArrayLike<number>;
  /** value mapped to the left end of the scale (blue) @default -1 */
  min: number;
  /** value mapped to the right end of the scale (red); 0 is white @default 1 */
  max: number;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const NEG = [47, 95, 208]; // #2f5fd0
const POS = [192, 57, 43]; // #c0392b

/** Diverging colour: `min` blue → 0 white → `max` red; values outside [min, max] take the end colours. */
export function heatColor(v: number, min: number, max: number): string {
  if (!Number.isFinite(v)) return '#dddddd';
  const t = v >= 0 ? Math.min(1, max > 0 ? v / max : 0) : Math.min(1, min < 0 ? v / min : 0);
  const end = v >= 0 ? POS : NEG;
  const c = end.map((e) => Math.round(255 + (e - 255) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

const short = (s: string, n = 16): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function fmt(x: number): string {
  return Math.abs(x) >= 10 || x === Math.round(x) ? String(x) : x.toFixed(2);
}

/** Where the parts of a heatmap go, in CSS pixels. */
interface Layout {
  p: number;
  /** Font size of the axis labels. */
  labelPx: number;
  /** Axis labels are drawn only when the cells leave room for a readable font. */
  showLabels: boolean;
  /** Top-left corner of the grid. */
  left: number;
  top: number;
  /** Side of a cell, and of the whole grid. */
  cell: number;
  grid: number;
  height: number;
}

const labelFont = (px: number): string => `${px}px ${FONT}`;

/** The layout for `spec` at `width`; `probe` only measures the labels (the canvas is resized after). */
function heatmapLayout(probe: CanvasRenderingContext2D, spec: HeatmapSpec, width: number): Layout {
  const p = spec.names.length;
  const cellGuess = Math.min(40, (width - 60) / Math.max(1, p));
  const labelPx = Math.max(0, Math.min(11, Math.floor(cellGuess)));
  const showLabels = labelPx >= 7;
  probe.font = labelFont(labelPx);
  const labelW = showLabels ? Math.max(...spec.names.map((n) => probe.measureText(short(n)).width)) + 6 : 0;
  const titleH = 20;
  const left = labelW + 4;
  // the column labels are rotated 45°: their height is their width × √½
  const topLabels = showLabels ? labelW * Math.SQRT1_2 + labelPx : 0;
  const top = titleH + topLabels + 4;
  const cell = Math.max(1, Math.min(40, (width - left - 8) / Math.max(1, p)));
  const grid = cell * p;
  const legendH = 38;
  const height = Math.ceil(top + grid + 10 + legendH);
  return { p, labelPx, showLabels, left, top, cell, grid, height };
}

/** White background and the title in the top-left corner. */
function drawTitle(ctx: CanvasRenderingContext2D, title: string, width: number, height: number): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1d2433';
  ctx.font = `600 13px ${FONT}`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, 2, 2);
}

/** The p × p coloured cells, each with its value when the cell is large enough to read it, and the grid's border. */
function drawCells(ctx: CanvasRenderingContext2D, spec: HeatmapSpec, l: Layout): void {
  const { p, left, top, cell } = l;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const v = spec.values[i * p + j] ?? NaN;
      ctx.fillStyle = heatColor(v, spec.min, spec.max);
      ctx.fillRect(left + j * cell, top + i * cell, Math.ceil(cell), Math.ceil(cell));
      if (cell >= 26 && Number.isFinite(v)) {
        // white text on the darker cells, dark text on the pale ones
        const strong = Math.abs(v) / Math.max(Math.abs(spec.min), Math.abs(spec.max)) > 0.55;
        ctx.fillStyle = strong ? '#ffffff' : '#1d2433';
        ctx.font = labelFont(Math.min(11, Math.floor(cell / 3.2)));
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(v.toFixed(2), left + (j + 0.5) * cell, top + (i + 0.5) * cell);
      }
    }
  }
  ctx.strokeStyle = '#c9cfd9';
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, l.grid, l.grid);
}

/** The column names left of the rows and, rotated, above the columns. */
function drawAxisLabels(ctx: CanvasRenderingContext2D, names: string[], l: Layout): void {
  const { left, top, cell } = l;
  ctx.fillStyle = '#1d2433';
  ctx.font = labelFont(l.labelPx);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  names.forEach((n, i) => ctx.fillText(short(n), left - 4, top + (i + 0.5) * cell));
  ctx.textAlign = 'left';
  names.forEach((n, j) => {
    ctx.save();
    ctx.translate(left + (j + 0.5) * cell, top - 4);
    ctx.rotate(-Math.PI / 4);
    ctx.fillText(short(n), 0, 0);
    ctx.restore();
  });
}

/** The legend under the grid: the colour scale with its ends and zero. */
function drawLegend(ctx: CanvasRenderingContext2D, spec: HeatmapSpec, l: Layout): void {
  const ly = l.top + l.grid + 12;
  const lw = Math.min(240, Math.max(120, l.grid));
  const lx = l.left;
  for (let k = 0; k < lw; k++) {
    const v = spec.min + ((spec.max - spec.min) * k) / (lw - 1);
    ctx.fillStyle = heatColor(v, spec.min, spec.max);
    ctx.fillRect(lx + k, ly, 1.5, 10);
  }
  ctx.strokeStyle = '#c9cfd9';
  ctx.strokeRect(lx, ly, lw, 10);
  ctx.fillStyle = '#5c667a';
  ctx.font = labelFont(10);
  ctx.textBaseline = 'top';
  // ticks at the ends are aligned inwards, so that their text stays within the scale
  const tick = (v: number, text: string): void => {
    const x = lx + ((v - spec.min) / (spec.max - spec.min)) * lw;
    ctx.textAlign = x <= lx + 1 ? 'left' : x >= lx + lw - 1 ? 'right' : 'center';
    ctx.fillText(text, x, ly + 13);
  };
  tick(spec.min, `≤ ${fmt(spec.min)}`);
  if (spec.min < 0 && spec.max > 0) tick(0, '0');
  tick(spec.max, `≥ ${fmt(spec.max)}`);
}

/**
 * Draws `spec` into `canvas`, `width` CSS pixels wide (the height follows from the number of columns), at `scale`
 * device pixels per CSS pixel.
 */
export function drawHeatmap(canvas: HTMLCanvasElement, spec: HeatmapSpec, width: number, scale = 2): void {
  const probe = canvas.getContext('2d');
  if (!probe) return;
  const layout = heatmapLayout(probe, spec, width);
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(layout.height * scale);
  canvas.style.aspectRatio = `${width} / ${layout.height}`;
  // resizing the canvas resets its context's state (transform, font): all drawing state is set from here on
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  drawTitle(ctx, spec.title, width, layout.height);
  drawCells(ctx, spec, layout);
  if (layout.showLabels) drawAxisLabels(ctx, spec.names, layout);
  drawLegend(ctx, spec, layout);
}

/** The heatmap as a PNG data URL (for the HTML export). */
export function heatmapImage(spec: HeatmapSpec, width: number): string {
  const canvas = document.createElement('canvas');
  drawHeatmap(canvas, spec, width);
  return canvas.toDataURL('image/png');
}

/** The three heatmaps of the report: real, synthetic, and synthetic − real. */
export function heatmapSpecs(pairs: { names: string[]; real: number[]; synthetic: number[] }): HeatmapSpec[] {
  const diff = pairs.synthetic.map((s, k) => s - (pairs.real[k] ?? 0));
  return [
    { title: 'Real', names: pairs.names, values: pairs.real, min: -1, max: 1 },
    { title: 'Synthetic', names: pairs.names, values: pairs.synthetic, min: -1, max: 1 },
    { title: 'Difference (synthetic − real)', names: pairs.names, values: diff, min: -0.5, max: 0.5 },
  ];
}
