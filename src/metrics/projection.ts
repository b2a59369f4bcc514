/** 2-D PCA of real vs synthetic rows for a scatter plot (ml-pca fitted on the real design; ≤ 1000 points each). */
import { PCA } from 'ml-pca';
import { Rng } from '../core/rng.js';
import type { Prepared } from './prepare.js';
import { Encoder, range, type Design } from './models/design.js';

const MAX_POINTS = 1000;

export interface Projection {
  real: [number, number][];
  synthetic: [number, number][];
  /** share of the real variance each axis explains */
  explained: [number, number];
}

export function projection(P: Prepared, seed: number): Projection | null {
  const features = P.names.map((_, j) => j);
  const enc = new Encoder(P, P.real, range(P.real.n), features);
  if (enc.d < 2 || P.real.n < 3) return null;
  const rng = new Rng(seed);
  const rows = (D: Design): number[][] =>
    Array.from({ length: D.n }, (_, i) => Array.from(D.X.subarray(i * D.d, (i + 1) * D.d)));
  const pca = new PCA(rows(enc.transform(P.real, range(P.real.n))), { center: true, scale: false });
  const pick = (n: number) => (n > MAX_POINTS ? rng.choose(n, MAX_POINTS).sort() : range(n));
  const proj = (part: Prepared['real']): [number, number][] =>
    pca
      .predict(rows(enc.transform(part, pick(part.n))), { nComponents: 2 })
      .to2DArray()
      .map((r) => [r[0] ?? 0, r[1] ?? 0]);
  const ev = pca.getExplainedVariance();
  return { real: proj(P.real), synthetic: proj(P.synth), explained: [ev[0] ?? 0, ev[1] ?? 0] };
}
