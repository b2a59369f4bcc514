/**
 * Damaged model files made from a real saved GenerativeMTD model (a tiny one a test trains): each is one defect a
 * hostile or broken file can have, with the specific message loading it must give (BAD_MODEL_FILE, exit 3).
 * Shared by the engine, CLI and page tests, so no big fixture files are committed.
 */
import { base64ToFloat32, float32ToBase64 } from '../../src/ml/weights.js';

type Json = Record<string, unknown>;

const filled = (b64: unknown, value: number): string =>
  float32ToBase64(new Float32Array(base64ToFloat32(String(b64)).length).fill(value));

/** The object at `path` inside `j` (each step a key or an array index). */
function at(j: unknown, ...path: (string | number)[]): Json {
  let v = j;
  for (const k of path) v = (v as Json)[k];
  return v as Json;
}

/** A deep copy of `good` changed by `edit`, as file text. */
function edited(good: Json, edit: (j: Json) => void): string {
  const j = structuredClone(good);
  edit(j);
  return JSON.stringify(j);
}

/** [name, file text, the message it must give] for each defect. */
export function damagedModels(good: Json): [string, string, RegExp][] {
  const layer = (j: Json, net: string, l: number): Json => at(j, 'gmtd', 'nets', net, 'weights', l);
  const tr = (j: Json): Json => at(j, 'gmtd', 'transformer');
  return [
    [
      'all-NaN encoder weights',
      edited(good, (j) => (layer(j, 'encoder', 0)['w'] = filled(layer(j, 'encoder', 0)['w'], NaN))),
      /damaged: layer 1 of its encoder \(weights\) holds NaN or infinite values \(the first at index 0\)/,
    ],
    [
      'an infinite decoder bias',
      edited(good, (j) => (layer(j, 'decoder', 3)['b'] = filled(layer(j, 'decoder', 3)['b'], Infinity))),
      /layer 4 of its decoder \(biases\) holds NaN or infinite values/,
    ],
    [
      'a NaN pseudo-real set',
      edited(good, (j) => (at(j, 'gmtd', 'pseudo')['data'] = filled(at(j, 'gmtd', 'pseudo')['data'], NaN))),
      /the pseudo-real set holds NaN or infinite values/,
    ],
    [
      'a decoder of the wrong shape',
      edited(good, (j) => {
        const d = at(j, 'gmtd', 'nets', 'decoder');
        const sizes = d['sizes'] as number[];
        d['sizes'] = [...sizes.slice(0, -1), sizes.at(-1)! + 2];
      }),
      /its decoder has layer sizes \[[\d,]+\], not \[[\d,]+\]/,
    ],
    [
      'decoder weights of another width',
      edited(good, (j) => (layer(j, 'decoder', 3)['w'] = layer(j, 'decoder', 2)['w'])),
      /layer 4 of its decoder \(weights\) does not hold \d+ values/,
    ],
    [
      'a one-hot block of an out-of-range column',
      edited(good, (j) => (at(tr(j), 'blocks', 0)['col'] = 99)),
      /the column of one-hot block 0 is 99, not a whole number in 0…\d+/,
    ],
    [
      'overlapping one-hot blocks',
      edited(good, (j) => (at(tr(j), 'blocks', 0)['start'] = 0)),
      /one-hot block 0 starts at 0, not at slot \d+/,
    ],
    [
      'a NaN scale (null in JSON)',
      edited(good, (j) => ((tr(j)['scale'] as unknown[])[0] = null)),
      /numeric centres or scales are not one finite number per numeric column/,
    ],
    [
      'an absurd pseudo-real row count',
      edited(good, (j) => (at(j, 'gmtd', 'pseudo')['rows'] = 1e12)),
      /the number of pseudo-real rows is 1000000000000, not a whole number in 1…2000000/,
    ],
    [
      'an absurd vector width',
      edited(good, (j) => (tr(j)['width'] = 2 ** 31)),
      /the vector width is 2147483648, not a whole number in 1…100000/,
    ],
    [
      'a bad option',
      edited(good, (j) => (at(j, 'options')['epochs'] = -5)),
      /GenerativeMTD model file has an invalid saved option: .*epochs/i,
    ],
  ];
}

/** `text` as UTF-16 little-endian bytes with a byte-order mark (Windows' "Unicode"). */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}
