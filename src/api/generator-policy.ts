/**
 * Policies derived from the generators' capabilities (plain data of `listGenerators()`), shared by the page and
 * the engine/CLI so no generator is named by hand: the page's default generator by table size, and the words for
 * which generators can be saved.
 */
import type { GeneratorInfo } from '../generators/options.js';

type Listed = Pick<GeneratorInfo, 'id' | 'minRows' | 'capabilities'>;

/**
 * The generator a page preselects for a freshly loaded table of `nRows` rows (null: no table yet): among those whose
 * `capabilities.default.pageUpToRows` the table fits in (and that have the rows they need), the one with the
 * smallest limit; else the one for any size (`pageUpToRows: null`); else the first listed.
 */
export function pageDefaultGenerator(listed: readonly Listed[], nRows: number | null): string {
  const limit = (g: Listed): number | null | undefined => g.capabilities.default?.pageUpToRows;
  const fallback = listed.find((g) => limit(g) === null)?.id ?? listed[0]?.id ?? '';
  if (nRows === null) return fallback;
  let best: { id: string; upTo: number } | null = null;
  for (const g of listed) {
    const upTo = limit(g);
    if (typeof upTo !== 'number' || nRows > upTo || nRows < g.minRows) continue;
    if (!best || upTo < best.upTo) best = { id: g.id, upTo };
  }
  return best?.id ?? fallback;
}

/** "A", "A or B", "A, B or C": the labels of the generators whose models can be saved ("no generator" if none). */
export function savableLabels(listed: readonly Pick<GeneratorInfo, 'label' | 'capabilities'>[]): string {
  const names = listed.filter((g) => g.capabilities.savable).map((g) => g.label);
  if (names.length === 0) return 'no generator';
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
}
