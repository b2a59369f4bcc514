/** `writeCsvChunks`: the CSV of `writeCsv` in row-aligned parts, byte for byte (issue 22: output written in chunks). */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTable, type Column } from '../../src/core/table.js';
import { buildTable } from '../../src/io/build.js';
import { parseCsv } from '../../src/io/csv.js';
import { inferSchema } from '../../src/io/infer.js';
import { DEFAULT_ROWS_PER_CHUNK, writeCsv, writeCsvChunks } from '../../src/io/write.js';
import { fixturesDir } from './helpers.js';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** sha256 of `writeCsv`'s text on each contract fixture, taken before the writer was chunked. */
const BEFORE: Record<string, string> = {
  'caesarian.csv': 'f94793e70289ce91df5da40d7a37ea1e3581700b1d8db93655809fe0655124a0',
  'cleveland_heart.csv': '1093d6c15ff84fd673833c54a5686f7b21fdb017e61636a6444572f7a6aad624',
  'cryotherapy.csv': '5dd6fba1a780630c82c518f6d2339631a5fd7ed62a222f1f0c2c316eda96d5d8',
  'fertility.csv': '9d245ad8129743085f1b647befbeb318b4a65a391c1897da449d18c30b4e9f8c',
  'heartfail.csv': 'f5bfbeb45aeb4e4704e4982451442f2b085307e11802e105973097e3f638a0bc',
  'prostate.csv': '789dc86fd42def449393526c634a017102493486e5abc7037af32246b4cb034d',
  'urban_land.csv': '861a6ffc5ace8303f53c710adabfb03a285f242574ecb9d0a147fb98686e3728',
  'wisconsin_breast.csv': '2a3570eaf222d933934a6d30ef7b6ca295e069101011efd97d8306e4f263dcfc',
};

function load(text: string | Uint8Array) {
  const parsed = parseCsv(text);
  const { schema } = inferSchema(parsed);
  return { table: buildTable(parsed, schema), schema, delimiter: parsed.delimiter };
}

describe('writeCsvChunks', () => {
  const dir = resolve(fixturesDir, 'data');
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));

  it.each(files)('%s: the parts joined are the bytes writeCsv wrote before chunking', (file) => {
    const { table, schema, delimiter } = load(new Uint8Array(readFileSync(resolve(dir, file))));
    const whole = writeCsv(table, schema, { delimiter });
    expect(sha(whole)).toBe(BEFORE[file]);
    for (const rowsPerChunk of [1, 7, table.nRows - 1, table.nRows]) {
      const parts = [...writeCsvChunks(table, schema, { delimiter, rowsPerChunk })];
      expect(parts).toHaveLength(Math.ceil(table.nRows / rowsPerChunk));
      expect(parts.join('')).toBe(whole);
    }
  });

  it('a table larger than one part, with quoted cells and formula-like headers and cells, no BOM', () => {
    const header = '=HYPERLINK("x"),+cmd|a,@SUM(1),-2+3,"a,b",note';
    const lines = Array.from({ length: 2 * DEFAULT_ROWS_PER_CHUNK + 5 }, (_, i) =>
      [i, i % 3 ? 'x' : 'y', `=A${i}`, '"q ""uoted"", here"', `"line\nbreak ${i}"`, `-${i}+1 text`].join(','),
    );
    const { table, schema, delimiter } = load(`${header}\n${lines.join('\n')}\n`);
    const parts = [...writeCsvChunks(table, schema, { delimiter })];
    expect(parts).toHaveLength(3);
    const whole = writeCsv(table, schema, { delimiter });
    expect(parts.join('')).toBe(whole);
    expect(whole.charCodeAt(0)).not.toBe(0xfeff);
    expect(parts[0]!.split('\n')[0]).toBe(`"'=HYPERLINK(""x"")",'+cmd|a,'@SUM(1),'-2+3,"a,b",note`);
    expect(parts[0]!.split('\n')[1]).toBe(`0,y,'=A0,"q ""uoted"", here","line`);
    // every part is whole rows: the second starts at row DEFAULT_ROWS_PER_CHUNK, each ends with a line break
    expect(parts[1]!.startsWith(`${DEFAULT_ROWS_PER_CHUNK},`)).toBe(true);
    for (const p of parts) expect(p.endsWith('\n')).toBe(true);
    expect(parts[2]!.split('\n').filter((l) => l.startsWith('"line') === false && /^\d+,/.test(l))).toHaveLength(5);
  });

  it('an empty table is one part: the header (and the blank line Papa has always written after it)', () => {
    const { schema } = load('a,b\n1,2\n');
    const none = (): Column => ({ kind: 'num', values: new Float64Array(0) });
    const empty = makeTable(['a', 'b'], [none(), none()]);
    expect([...writeCsvChunks(empty, schema)]).toEqual(['a,b\n\n']);
  });
});
