/**
 * Entropic OT of two 2-point clouds with weights ½ (worked by hand): the coupling is [[p, ½−p], [½−p, p]];
 * minimising p(C11+C22) + (½−p)(C12+C21) + ε·KL(π‖a⊗b) gives log(p/(½−p)) = Δ/(2ε), Δ = C12+C21−C11−C22.
 */
export function ot2x2(C: number[][], eps: number): number {
  const delta = C[0]![1]! + C[1]![0]! - C[0]![0]! - C[1]![1]!;
  const p = 0.5 / (1 + Math.exp(-delta / (2 * eps)));
  const q = 0.5 - p;
  const kl = 2 * p * Math.log(4 * p) + (q > 0 ? 2 * q * Math.log(4 * q) : 0);
  return p * (C[0]![0]! + C[1]![1]!) + q * (C[0]![1]! + C[1]![0]!) + eps * kl;
}

/** The points x = {0, 1} and y = {0, 2} on a line: the cost matrices of the debiased divergence's three terms. */
export const LINE_2X2 = {
  xy: [
    [0, 4],
    [1, 1],
  ],
  xx: [
    [0, 1],
    [1, 0],
  ],
  yy: [
    [0, 4],
    [4, 0],
  ],
};

/** The debiased Sinkhorn divergence S = OT(x,y) − ½OT(x,x) − ½OT(y,y) of `LINE_2X2`, worked by hand. */
export function divergence2x2(eps: number): number {
  return ot2x2(LINE_2X2.xy, eps) - 0.5 * ot2x2(LINE_2X2.xx, eps) - 0.5 * ot2x2(LINE_2X2.yy, eps);
}
