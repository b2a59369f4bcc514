/**
 * After the worker crashed or ran out of memory: an offer to run again with about half the work — half the rows,
 * and half of each option that says it `scales` (epochs, batch size, hidden width, …) — so the user's next try
 * is likely to fit, without touching anything that changes what the model means (types, target, seed).
 */
import type { OptionValues } from '../../api/types.js';
import type { OptionSpec, RunState } from './run.svelte.js';

/** What the error box offers as "Try again, smaller". */
export interface SmallerOffer {
  /** e.g. "rows 675 → 338, epochs 300 → 150". */
  summary: string;
  /** Applies the smaller settings, then runs again. */
  run(): void;
}

/** The smaller settings (pure; exported for tests): rows halved (at least 1), integer options that `scales` halved. */
export function halveSettings(
  rows: number,
  options: OptionValues,
  specs: readonly Pick<OptionSpec, 'key' | 'label' | 'type' | 'min' | 'scales'>[],
): { rows: number; options: OptionValues; changes: string[] } {
  const changes: string[] = [];
  const nextRows = Math.max(1, Math.ceil(rows / 2));
  if (nextRows !== rows) changes.push(`rows ${rows} → ${nextRows}`);
  const next: OptionValues = { ...options };
  for (const o of specs) {
    const v = options[o.key];
    if (o.type !== 'int' || typeof v !== 'number' || o.scales !== true) continue;
    const half = Math.max(o.min ?? 1, Math.ceil(v / 2));
    if (half < v) {
      next[o.key] = half;
      changes.push(`${o.label.toLowerCase()} ${v} → ${half}`);
    }
  }
  return { rows: nextRows, options: next, changes };
}

/** The offer for the current settings, or null when nothing can get smaller. */
export function smallerSettings(run: RunState, inputRows: number | null, again: () => void): SmallerOffer | null {
  const rows = run.rows ?? inputRows;
  if (rows === null) return null;
  const spec = run.generator?.options ?? [];
  const { rows: r, options, changes } = halveSettings(rows, { ...run.options }, spec);
  if (!changes.length) return null;
  return {
    summary: changes.join(', '),
    run: () => {
      run.rows = r;
      for (const [k, v] of Object.entries(options)) if (v !== undefined) run.setOption(k, v);
      again();
    },
  };
}
