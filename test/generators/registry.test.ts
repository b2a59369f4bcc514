/**
 * The registry is derived from the entries (`generators/<id>/index.ts`): the list, the CLI default, which can be
 * saved, and the entries' own consistency (a savable generator restores; ids match their folders).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { neuralGenerators } from '../../scripts/neural-generators.mjs';
import { defineGenerator } from '../../src/generators/entry.js';
import { defineInfo } from '../../src/generators/options.js';
import {
  createGenerator,
  DEFAULT_GENERATOR,
  generatorInfo,
  listGenerators,
  restoreGenerator,
  savableGenerators,
} from '../../src/generators/registry.js';

const folders = readdirSync('src/generators', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'shared')
  .map((d) => d.name);

describe('the generator registry', () => {
  it('lists one entry per generator folder, each id its folder name, every folder with an index.ts entry', () => {
    expect(
      listGenerators({ all: true })
        .map((g) => g.id)
        .sort(),
    ).toEqual([...folders].sort());
    for (const id of folders)
      expect(readFileSync(`src/generators/${id}/index.ts`, 'utf8')).toMatch(/export default defineGenerator\(/);
  });

  it('lists the page defaults first (smallest table limit first), then the rest by id', () => {
    const ids = listGenerators({ all: true }).map((g) => g.id);
    expect(ids.slice(0, 2)).toEqual(['gmtd', 'knnmtd']);
    expect(ids.slice(2)).toEqual([...ids.slice(2)].sort());
  });

  it('derives the CLI default, the savable ids and the neural ones from the capabilities', () => {
    expect(DEFAULT_GENERATOR).toBe('gmtd');
    expect(
      listGenerators({ all: true })
        .filter((g) => g.capabilities.default?.cli)
        .map((g) => g.id),
    ).toEqual([DEFAULT_GENERATOR]);
    expect(savableGenerators()).toEqual(['gmtd', 'ctgan', 'tvae']);
    expect(
      listGenerators({ all: true })
        .filter((g) => g.capabilities.neural)
        .map((g) => g.id),
    ).toEqual(['gmtd', 'ctgan', 'tvae']);
    expect(generatorInfo('copula').capabilities.conditional).toBe('exact');
    expect(
      listGenerators({ all: true })
        .filter((g) => g.capabilities.dp)
        .map((g) => g.id),
    ).toEqual(['mst']);
  });

  it('the lint/tsconfig purity exceptions (a text scan of the entries) are exactly the neural generators', () => {
    expect(neuralGenerators()).toEqual(
      listGenerators({ all: true })
        .filter((g) => g.capabilities.neural)
        .map((g) => g.id)
        .sort(),
    );
  });

  it('infos are plain data (they cross to the page by structured clone / JSON)', () => {
    const list = listGenerators({ all: true });
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    expect(structuredClone(list)).toEqual(list);
  });

  it('creates each generator with its own info, and no longer knows the backend as an option', async () => {
    for (const info of listGenerators({ all: true })) {
      const g = await createGenerator(info.id);
      expect(g.info).toBe(info);
      g.dispose();
    }
    await expect(createGenerator('gmtd', { backend: 'cpu' })).rejects.toThrow(/no option "backend"/);
    await expect(createGenerator('nope')).rejects.toMatchObject({ code: 'UNKNOWN_GENERATOR' });
  });

  it('restores only savable generators', async () => {
    await expect(restoreGenerator({ format: 'localsynth-model', generator: 'knnmtd' })).rejects.toMatchObject({
      code: 'BAD_MODEL_FILE',
      message: expect.stringMatching(/"knnmtd" cannot be restored/),
    });
  });

  it('an entry must agree with its capabilities', () => {
    const info = (savable: boolean, id = 'x') =>
      defineInfo({
        id,
        label: 'X',
        description: '',
        minRows: 1,
        options: [],
        capabilities: { savable, neural: false, conditional: 'none', dp: false, cost: { terms: [] } },
      });
    const load = async () => () => {
      throw new Error('unused');
    };
    expect(() => defineGenerator({ info: info(true), load })).toThrow(/savable is true but restore is missing/);
    expect(() => defineGenerator({ info: info(false), load, restore: async () => load().then((f) => f()) })).toThrow(
      /savable is false but restore is given/,
    );
    expect(() => defineGenerator({ info: info(false, 'Bad Id'), load })).toThrow(/lower-case/);
    expect(defineGenerator({ info: info(false), load }).info.id).toBe('x');
  });
});
