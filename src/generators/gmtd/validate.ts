/**
 * A saved GenerativeMTD model checked completely before any tensor is made from it (gmtd.ts `restore`): the column
 * transform agrees with itself (slots, one-hot blocks, levels), the networks have the shapes the transform and
 * their spec imply, every weight and every pseudo-real value is finite, and the sizes stay within MODEL_LIMITS, so a
 * damaged or hostile file is refused with one specific message instead of sampling garbage or exhausting memory.
 */
import { LocalSynthError } from '../../core/errors.js';
import type { StandardizeState } from '../../transforms/standardize.js';

/** The largest saved model we restore: a file beyond these is refused before anything is decoded. */
export const MODEL_LIMITS = { columns: 5000, width: 100_000, hidden: 4096, latent: 4096, pseudoRows: 2_000_000 };
/** Weights and pseudo-real values together, as float32 values (2 GiB of memory at most). */
const MAX_FLOATS = 2 ** 29;

type Obj = Record<string, unknown>;

const damaged = (what: string): LocalSynthError =>
  new LocalSynthError('BAD_MODEL_FILE', `This GenerativeMTD model file is damaged: ${what}.`, {});

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const finiteList = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

function intIn(v: unknown, min: number, max: number, what: string): number {
  if (!isInt(v, min, max))
    throw damaged(`${what} is ${JSON.stringify(v ?? null)}, not a whole number in ${min}…${max}`);
  return v;
}

/** The base64 float32 text `s` holding exactly `count` finite values (its length checked before decoding). */
export function checkFloats(s: unknown, count: number, what: string): void {
  if (typeof s !== 'string') throw damaged(`${what} is missing`);
  const expected = Math.ceil((count * 4) / 3) * 4;
  if (s.length !== expected)
    throw damaged(`${what} does not hold ${count} values (it is ${s.length} characters of base64)`);
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    throw damaged(`${what} is not base64 text`);
  }
  if (bin.length !== count * 4) throw damaged(`${what} has the wrong number of values (expected ${count})`);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const values = new Float32Array(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw damaged(`${what} holds NaN or infinite values (the first at index ${i})`);
  }
}

/** Checks the column transform; returns its width D. */
function checkTransformer(t: unknown): number {
  if (!isObj(t)) throw damaged('it has no column transform');
  const names = t['names'];
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
    throw damaged('its column names are not a list of names');
  const m = names.length;
  if (m < 1 || m > MODEL_LIMITS.columns) throw damaged(`it has ${m} columns (at most ${MODEL_LIMITS.columns})`);
  const width = intIn(t['width'], 1, MODEL_LIMITS.width, 'the vector width');
  const { numCols, center, scale, blocks, snap, levels } = t as Partial<Record<keyof StandardizeState, unknown>>;
  if (!Array.isArray(numCols) || !numCols.every((c) => isInt(c, 0, m - 1)))
    throw damaged('its numeric column indices are out of range');
  if (!finiteList(center) || !finiteList(scale) || center.length !== numCols.length || scale.length !== numCols.length)
    throw damaged('its numeric centres or scales are not one finite number per numeric column');
  if (scale.some((s) => s === 0)) throw damaged('a numeric scale is 0');
  if (!Array.isArray(snap) || snap.length !== m || !snap.every((s) => s === null || (finiteList(s) && s.length > 0)))
    throw damaged('its snapping levels are not a finite list (or null) per column');
  if (!Array.isArray(levels) || levels.length !== m) throw damaged('its category levels are not one entry per column');
  if (!Array.isArray(blocks)) throw damaged('its one-hot blocks are missing');
  const seen = new Set<number>(numCols);
  if (seen.size !== numCols.length) throw damaged('a numeric column appears twice');
  let next = numCols.length;
  for (const [i, b] of blocks.entries()) {
    if (!isObj(b)) throw damaged(`one-hot block ${i} is not a block`);
    const col = intIn(b['col'], 0, m - 1, `the column of one-hot block ${i}`);
    const size = intIn(b['size'], 1, width, `the size of one-hot block ${i}`);
    if (b['start'] !== next) throw damaged(`one-hot block ${i} starts at ${String(b['start'])}, not at slot ${next}`);
    const lv = levels[col];
    if (!Array.isArray(lv) || lv.length !== size || !lv.every((l) => typeof l === 'string'))
      throw damaged(`one-hot block ${i} has ${size} slots but its column has other levels`);
    if (seen.has(col)) throw damaged(`column ${col} is encoded twice`);
    seen.add(col);
    next += size;
  }
  if (next !== width) throw damaged(`its slots add up to ${next}, not its width ${width}`);
  if (seen.size !== m) throw damaged(`${m - seen.size} of its columns are encoded by no slot`);
  return width;
}

/** Checks one MLP's layer sizes against `sizes` and all its weights; returns how many floats it holds. */
function checkMlp(j: unknown, sizes: number[], what: string): number {
  if (!isObj(j) || !Array.isArray(j['sizes']) || !Array.isArray(j['weights'])) throw damaged(`its ${what} is missing`);
  const got = j['sizes'] as unknown[];
  if (got.length !== sizes.length || got.some((s, i) => s !== sizes[i]))
    throw damaged(`its ${what} has layer sizes ${JSON.stringify(got)}, not ${JSON.stringify(sizes)}`);
  const weights = j['weights'] as unknown[];
  if (weights.length !== sizes.length - 1)
    throw damaged(`its ${what} has ${weights.length} layers, not ${sizes.length - 1}`);
  if (typeof j['slope'] !== 'number' || !Number.isFinite(j['slope']) || typeof j['dropout'] !== 'number')
    throw damaged(`its ${what} has no valid slope or dropout`);
  let floats = 0;
  weights.forEach((lw, l) => {
    const fin = sizes[l]!;
    const fout = sizes[l + 1]!;
    if (!isObj(lw)) throw damaged(`layer ${l + 1} of its ${what} is missing`);
    checkFloats(lw['w'], fin * fout, `layer ${l + 1} of its ${what} (weights)`);
    checkFloats(lw['b'], fout, `layer ${l + 1} of its ${what} (biases)`);
    floats += fin * fout + fout;
  });
  return floats;
}

/** Checks the networks against width D; returns how many floats they hold. */
function checkNets(n: unknown, D: number): number {
  if (!isObj(n) || !isObj(n['spec'])) throw damaged('it has no networks');
  const spec = n['spec'];
  if (spec['width'] !== D) throw damaged(`its networks are for vectors of width ${String(spec['width'])}, not ${D}`);
  const h = intIn(spec['hidden'], 1, MODEL_LIMITS.hidden, 'the hidden width');
  const L = intIn(spec['latent'], 1, MODEL_LIMITS.latent, 'the latent width');
  const cond = spec['cond'];
  let c = 0;
  if (cond !== undefined && cond !== null) {
    if (!isObj(cond)) throw damaged('its conditioning block is not a block');
    const start = intIn(cond['start'], 0, D - 1, 'the start of the conditioning block');
    c = intIn(cond['size'], 1, D - start, 'the size of the conditioning block');
  }
  if ((D + L + c) * h * 4 > MAX_FLOATS) throw damaged('its networks are too large to restore');
  return (
    checkMlp(n['encoder'], [D, h, h, h], 'encoder') +
    checkMlp(n['heads'], [h, 2 * L], 'encoder heads') +
    checkMlp(n['decoder'], [L + c, h, h, h, D], 'decoder')
  );
}

/**
 * Returns when every part of GenerativeMTD model `j` can be used (then it is a `GmtdJSON`), else throws a
 * BAD_MODEL_FILE saying what is wrong. The format, generator and version are checked by the caller.
 */
export function validateGmtdJSON(j: Obj): void {
  const g = j['gmtd'];
  if (!isObj(g)) throw damaged('it has no GenerativeMTD block');
  intIn(g['k'], 1, 1000, 'k');
  if (!isObj(j['layout']) || !Array.isArray(j['layout']['columns'])) throw damaged('it has no column layout');
  const D = checkTransformer(g['transformer']);
  const names = (g['transformer'] as Obj)['names'] as string[];
  if ((j['layout']['columns'] as unknown[]).length !== names.length)
    throw damaged(
      `its layout has ${(j['layout']['columns'] as unknown[]).length} columns and its transform ${names.length}`,
    );
  const p = g['pseudo'];
  if (!isObj(p)) throw damaged('it has no pseudo-real set');
  const rows = intIn(p['rows'], 1, MODEL_LIMITS.pseudoRows, 'the number of pseudo-real rows');
  if (rows * D > MAX_FLOATS) throw damaged(`its pseudo-real set of ${rows} × ${D} values is too large to restore`);
  const floats = checkNets(g['nets'], D);
  if (floats + rows * D > MAX_FLOATS) throw damaged('its weights and pseudo-real set are too large to restore');
  checkFloats(p['data'], rows * D, 'the pseudo-real set');
}
