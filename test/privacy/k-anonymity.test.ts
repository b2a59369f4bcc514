import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../src/api/types.js';
import { getColumn, type Table } from '../../src/core/table.js';
import { generateFromDataset, loadDataset } from '../../src/engine/pipeline.js';
import { buildTable } from '../../src/io/index.js';
import { cutPoints, describeKAnonymity, type KAnonymityOutcome } from '../../src/privacy/k-anonymity.js';

const dataDir = resolve(__dirname, '../fixtures/data');
const QI = ['Age', 'Gender', 'Ejection.Fraction', 'Sodium'];

/** Support of each output row counted directly: training rows in the same bin / the same level group on every QI. */
function supports(out: Table, train: Table, o: KAnonymityOutcome): number[] {
  const cls = (t: Table, name: string, i: number): string => {
    const g = o.columns.find((c) => c.column === name);
    const c = getColumn(t, name);
    if (c.kind === 'num') {
      const v = c.values[i]!;
      return g?.kind === 'bins' ? String(g.cuts.filter((x) => x <= v).length) : String(v);
    }
    if (c.kind !== 'cat') throw new Error('text QI');
    const label = c.codes[i]! < 0 ? 'NA' : c.levels[c.codes[i]!]!;
    if (g?.kind !== 'levels') return label;
    const grp = g.groups.findIndex(
      (m) => m.includes(label) || m.join(' | ') === label || `other (${m.length} levels)` === label,
    );
    return grp >= 0 ? `group ${grp}` : label;
  };
  return Array.from({ length: out.nRows }, (_, i) => {
    let n = 0;
    for (let r = 0; r < train.nRows; r++) if (o.quasiIdentifiers.every((q) => cls(out, q, i) === cls(train, q, r))) n++;
    return n;
  });
}

describe('k-anonymity enforcement', () => {
  it('equal-frequency cut points over the training values, each above the minimum', () => {
    const v = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(cutPoints(v, 4)).toEqual([3, 5, 7]);
    expect(cutPoints(v, 1)).toEqual([]);
    expect(cutPoints(Float64Array.from([1, 1, 1, 2]), 0)).toEqual([2]);
    expect(cutPoints(Float64Array.from([1, 1, 1, 2]), 2)).toEqual([]);
  });

  const { parsed, info } = loadDataset(
    new Uint8Array(readFileSync(resolve(dataDir, 'heartfail.csv'))),
    'heartfail.csv',
  );
  const req: GenerateRequest = { schema: info.schema, generator: 'copula', options: {}, rows: null, seed: 3 };

  it('heartfail, k = 5 on age, gender, ejection fraction, sodium: every output row has ≥ 5 real rows', async () => {
    const plain = await generateFromDataset(parsed, req);
    const r = await generateFromDataset(parsed, { ...req, kAnonymity: { k: 5, quasiIdentifiers: QI } });
    const o = r.kAnonymity!;
    expect(o.k).toBe(5);
    expect(r.table.nRows).toBe(plain.table.nRows);
    expect(o.rows).toBe(r.table.nRows);
    // the copula's numbers are new values: they were generalised, so the counts are not zero
    expect(o.generalisedValues).toBeGreaterThan(0);
    // before: many rows have fewer than 5 real rows with the same exact values
    const train = buildTable(parsed, info.schema);
    const before = supports(plain.table, train, { ...o, columns: [] });
    expect(before.filter((n) => n < 5).length).toBeGreaterThan(100);
    const s = supports(r.table, train, o);
    expect(Math.min(...s)).toBeGreaterThanOrEqual(5);
    expect(describeKAnonymity(o)).toMatch(/^k-anonymity \(k = 5\): .*generalised, \d+ rows? replaced/);
    plain.generator.dispose();
    r.generator.dispose();
  }, 60_000);

  it('the report counts k-anonymity under the same generalisation: no rare or new combination left', async () => {
    const r = await generateFromDataset(parsed, {
      ...req,
      holdoutFraction: 0.3,
      evaluate: true,
      kAnonymity: { k: 5, quasiIdentifiers: QI },
    });
    const risk = r.report!.privacy.risk;
    expect(risk.enforcement).toEqual(r.kAnonymity);
    expect(risk.columns.quasiIdentifiers.sort()).toEqual([...QI].sort());
    expect(risk.kAnonymity).toMatchObject({ k: 5, rareRows: 0, unmatchedShare: 0 });
    r.generator.dispose();
  }, 60_000);

  it('k = 1 leaves the output unchanged', async () => {
    const plain = await generateFromDataset(parsed, req);
    const r = await generateFromDataset(parsed, { ...req, kAnonymity: { k: 1, quasiIdentifiers: QI } });
    expect(r.csvParts.join('')).toBe(plain.csvParts.join(''));
    expect(r.kAnonymity).toMatchObject({ k: 1, generalisedValues: 0, replaced: 0 });
    plain.generator.dispose();
    r.generator.dispose();
  });

  it('refuses unknown columns and a bad k', async () => {
    await expect(
      generateFromDataset(parsed, { ...req, kAnonymity: { k: 5, quasiIdentifiers: ['age'] } }),
    ).rejects.toThrow(/Unknown quasi-identifier column/);
    await expect(generateFromDataset(parsed, { ...req, kAnonymity: { k: 0, quasiIdentifiers: QI } })).rejects.toThrow(
      /k ≥ 1/,
    );
  });
});
