/** The report says where rare levels were grouped (issue 22 item 3): in its JSON and in the page's fidelity table. */
import { describe, expect, it } from 'vitest';
import { fidelityTable } from '../../src/app/report/tables.js';
import { evaluateFiles } from '../../src/engine/evaluate-files.js';
import { manyLevelsCsv } from '../support/many-levels.js';

const bytes = (levels: number, seed: number): Uint8Array =>
  new TextEncoder().encode(manyLevelsCsv({ rows: 3_000, levels: [levels], classes: 3, seed }));

describe('grouped levels in the report', () => {
  it('a 2 000-level column is grouped and the fidelity table says so; a 10-level one is not', async () => {
    const wide = await evaluateFiles(bytes(2_000, 1), bytes(2_000, 2), null, 'y', { seed: 1, fast: true });
    const g = wide.groupedLevels!;
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ column: 'c0', kept: 20 });
    expect(g[0]!.grouped).toBe(g[0]!.levels - 20);
    const row = fidelityTable(wide).rows.find((r) => r[0] === 'Column c0: levels grouped')!;
    expect(row[1]).toBe(`${g[0]!.grouped.toLocaleString('en-US')} of ${g[0]!.levels.toLocaleString('en-US')}`);
    expect(row[2]).toContain("rare levels grouped as 'other'");
    const narrow = await evaluateFiles(bytes(10, 1), bytes(10, 2), null, 'y', { seed: 1, fast: true });
    expect('groupedLevels' in narrow).toBe(false);
    expect(fidelityTable(narrow).rows.some((r) => r[0]!.includes('levels grouped'))).toBe(false);
  }, 60_000);
});
