/**
 * `matMul` for 2-D tensors whose gradient never asks the backend for a transposed product. tfjs-backend-wasm
 * (4.22) multiplies plain A·B through XNNPACK but falls back to a naive loop when either operand is transposed,
 * several times slower than an explicit `transpose` followed by the plain product (`npm run bench -- matmul`;
 * figures in docs/generators/gmtd.md, Speed).
 * Backpropagation through a dense layer needs dY·Wᵀ and Xᵀ·dY, so with tfjs's own gradient a GenerativeMTD
 * training step spent most of its time in those two slow paths.
 * On wasm every product, forward and backward, goes through explicit transposes; the other backends handle
 * transposed operands in their own kernels and get tfjs's `matMul` unchanged. The value and gradients are the same
 * products, so they agree with `tf.matMul` to float32 rounding (test/ml/matmul.test.ts).
 */
import { tf, type Tensor2D } from './tf.js';

function plain(a: Tensor2D, b: Tensor2D, transposeA: boolean, transposeB: boolean): Tensor2D {
  return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
}

/** op(a)·op(b), op = transpose when the flag is set; differentiable in both arguments. */
export function matMul2d(a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false): Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a as Tensor2D, b as Tensor2D, transposeA, transposeB);
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y, save] = args as [Tensor2D, Tensor2D, tf.GradSaveFunc];
    save([x, y]);
    return {
      value: plain(x, y, transposeA, transposeB),
      gradFunc: (g: Tensor2D, saved: tf.Tensor[]) => {
        const [xa, yb] = saved as [Tensor2D, Tensor2D];
        // C = op(A)·op(B):  A·B → dA = dC·Bᵀ, dB = Aᵀ·dC;  Aᵀ·B → dA = B·dCᵀ, dB = A·dC;
        // A·Bᵀ → dA = dC·B, dB = dCᵀ·A;  Aᵀ·Bᵀ → dA = Bᵀ·dCᵀ, dB = dCᵀ·Aᵀ
        if (!transposeA && !transposeB) return [plain(g, yb, false, true), plain(xa, g, true, false)];
        if (transposeA && !transposeB) return [plain(yb, g, false, true), plain(xa, g, false, false)];
        if (!transposeA && transposeB) return [plain(g, yb, false, false), plain(g, xa, true, false)];
        return [plain(yb, g, true, true), plain(g, xa, true, true)];
      },
    };
  });
  return f(a, b) as Tensor2D;
}
