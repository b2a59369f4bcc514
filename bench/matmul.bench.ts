/**
 * Why src/ml/matmul.ts exists: tfjs-backend-wasm's product with a transposed operand against the plain product and
 * an explicit transpose, at the sizes of a GenerativeMTD training step (batch 64, width 128), and one dense layer's
 * forward + backward through tf.matMul against matMul2d. Prints ms per call.
 */
import { selectBackend } from '../src/ml/backend.js';
import { matMul2d } from '../src/ml/matmul.js';
import { tf, type Tensor2D } from '../src/ml/tf.js';
import { parseBenchArgs } from './lib/args.js';
import { BENCH_BACKEND } from './lib/neural.js';
import { BenchReport, machine } from './lib/report.js';

parseBenchArgs({ usage: 'node --import tsx bench/matmul.bench.ts' });
await selectBackend(BENCH_BACKEND);
const B = 64;
const H = 128;
const x = tf.randomNormal([B, H], 0, 1, 'float32', 1) as Tensor2D;
const w = tf.variable(tf.randomNormal([H, H], 0, 1, 'float32', 2));
const dy = tf.randomNormal([B, H], 0, 1, 'float32', 3) as Tensor2D;

function time(f: () => void, reps = 400): number {
  for (let i = 0; i < 20; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t0) / reps;
}
const report = new BenchReport(import.meta.url);
const rows: [string, number][] = [
  ['X·W (64×128 · 128×128)', time(() => tf.tidy(() => tf.matMul(x, w as unknown as Tensor2D)))],
  ['dY·Wᵀ, transposeB', time(() => tf.tidy(() => tf.matMul(dy, w as unknown as Tensor2D, false, true)))],
  ['dY·transpose(W)', time(() => tf.tidy(() => tf.matMul(dy, tf.transpose(w) as Tensor2D)))],
  ['Xᵀ·dY, transposeA', time(() => tf.tidy(() => tf.matMul(x, dy, true, false)))],
  ['transpose(X)·dY', time(() => tf.tidy(() => tf.matMul(tf.transpose(x), dy)))],
  [
    'layer fwd+bwd, tf.matMul',
    time(() =>
      tf.tidy(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.matMul(a as Tensor2D, b as Tensor2D)))([x, w])),
    ),
  ],
  [
    'layer fwd+bwd, matMul2d',
    time(() => tf.tidy(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(matMul2d(a, b)))([x, w]))),
  ],
];
report.line(`backend ${tf.getBackend()} — ${machine()}`);
report.table(['operation', 'ms per call']);
for (const [name, ms] of rows) report.row([name, ms.toFixed(3)]);
report.save();
