/**
 * The CLI's progress: one line on stderr, rewritten in place (`\r`, erase to the end) while a terminal watches;
 * nothing at all when stderr is a file or a pipe (logs keep only the summary lines) or with --quiet.
 */
import type { Progress, ProgressFn } from '../index.js';

/** The part of `process.stderr` the progress line uses. */
export interface ProgressStream {
  isTTY?: boolean;
  /** Terminal width; the line is cut to fit so that `\r` can rewrite it (a wrapped line cannot be). */
  columns?: number;
  write(s: string): unknown;
}

const num = (x: number): string => (Math.abs(x) >= 1000 ? x.toExponential(2) : x.toFixed(3));

function eta(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The text of one progress report, e.g. `training  45%  epoch 18/40  critic -0.120 … · PCD 0.812 · cpu · ETA 12 s`. */
export function progressLine(p: Progress): string {
  const pct = `${Math.round(p.fraction * 100)}%`.padStart(4);
  switch (p.stage) {
    case 'tune':
      return `choosing ${p.option} ${pct}  (${p.option} = ${p.value}${p.scores.length ? `, best ${p.metric} so far ${Math.min(...p.scores.map((s) => s.score)).toFixed(3)}` : ''})`;
    case 'train': {
      const losses = Object.entries(p.losses)
        .map(([k, v]) => `${k} ${num(v)}`)
        .join(' ');
      const parts = [`training ${pct}  epoch ${p.epoch}/${p.epochs}  ${losses}`];
      if (p.validation !== undefined) parts.push(`PCD ${p.validation.toFixed(3)}`);
      if (p.backend) parts.push(p.backend);
      if (p.etaMs !== undefined) parts.push(`ETA ${eta(p.etaMs)}`);
      return parts.join(' · ');
    }
    case 'fit':
    case 'evaluate':
      return `${p.stage} ${pct}${p.message ? `  ${p.message}` : ''}`;
    default:
      return `${p.stage} ${pct}`;
  }
}

/**
 * A progress callback that keeps one line updated on a terminal (`onProgress` is undefined when `stream` is not a
 * TTY or `quiet`), and `clear()` to erase that line before the summary is printed.
 */
export function progressPrinter(
  stream: ProgressStream,
  quiet: boolean,
): { onProgress: ProgressFn | undefined; clear(): void } {
  if (quiet || stream.isTTY !== true) return { onProgress: undefined, clear: () => {} };
  let shown = false;
  return {
    onProgress: (p) => {
      const width = stream.columns && stream.columns > 10 ? stream.columns - 1 : 0;
      const text = progressLine(p);
      stream.write(`\r${width && text.length > width ? text.slice(0, width - 1) + '…' : text}\u001b[K`);
      shown = true;
    },
    clear: () => {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
