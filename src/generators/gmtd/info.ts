import { defineInfo } from '../options.js';

/**
 * GenerativeMTD (Sivakumar et al., KBS 2023; DESIGN.md §3): kNNMTD pseudo-real data translated towards the real data
 * by a VAE-GAN. Defaults chosen on this machine class (2 cores, wasm) so a small table trains in under a minute
 * instead of the paper's 10⁵ SGD steps; the evidence is `npm run bench -- gmtd` (bench/gmtd.bench.ts) and the
 * table in the closing note. The judge.py numbers below compare settings on the bench's former split
 * (`SPLIT=rng`); the bench now scores on BASELINES.md's split, where the same defaults' DCR share differs by up to
 * 0.15 (prostate 0.54 → 0.69, immunotherapy 0.62 → 0.55: 24–30 holdout rows; bench/privacy-splits.bench.ts shows
 * the spread over 10 splits):
 * - Adam (lr 1e-3, β 0.5/0.9) converges in a few hundred steps where SGD 2e−4 needs tens of thousands; 2e-3 reached
 *   the same PCD no sooner and sat closer to the real rows (cryotherapy DCR share 0.68 against 0.51);
 * - batch = all real rows as in the paper, at most 64: a step costs ≈ batch² in the Sinkhorn and MMD terms, and on
 *   pima / wisconsin_breast 64 scored as well as 128 (shapes 0.87 / 0.95, pairs 0.93 / 0.86) at half the step time;
 * - dropout 0 (the paper: 0.5): with 0.5 or 0.1 the categorical cross-entropy stays at its uniform-guess value for
 *   1000+ steps (cryotherapy CE 2.3 against 0.2 without);
 * - the checkpoint is the moving average of the weights (decay 0.99): the live weights' PCD swings ±50 % from epoch
 *   to epoch, the average's falls almost monotonically;
 * - PCD of 1000 sampled rows, checked every 50 steps, picks the checkpoint (not in the first 4 epochs, see
 *   train.ts `warmup`); at most 16 epochs and 5 without improvement stop it. 800 steps took 35–45 s on the six
 *   benchmark tables at 45–55 ms a step on a 2-core AMD EPYC (1000 steps up to 65 s), and 50–66 s at 62–88 ms a
 *   step on a 2-core Intel Xeon, which the wasm matrix products of ml/matmul.ts and the cost matrices on the
 *   device brought to 32–43 s at 51–64 ms a step (the KL term on);
 * - 40 pseudo rows per real row: the network sees each about ten times in 800 steps; more only costs memory (the
 *   paper's 1000 per row were never all visited in 10 epochs either);
 * - the VAE's KL term (not in the paper's loss, see train.ts) at weight 1 — the VAE's own objective — reached
 *   linearly over the first 400 steps. Without the warm-up, weight 1 made the all-categorical wisconsin_breast
 *   collapse (the decoder ignored z: pairs 0.70, PCD 3.8) in 1 of 3 fits, 1.5 in 2 of 3; with it, none of 3
 *   (pairs 0.85–0.86). Mean of 3 fits × 4 samples scored by judge.py, weight 0 → 1 with the warm-up: DCR share
 *   caesarian 0.70 → 0.55 (copies 18 % → 6 %; its real holdout rows are 8 % copies of training rows),
 *   immunotherapy 0.68 → 0.61, prostate 0.61 → 0.58, cryotherapy 0.60 → 0.61; immunotherapy pairs 0.77 → 0.81;
 *   pima shapes/pairs 0.88/0.92 → 0.90/0.95. The cost: PCD cryotherapy 0.79 → 0.86 and prostate 0.91 → 1.30,
 *   TSTR caesarian 0.67 → 0.58 and prostate R² 0.45 → 0.39. Weight 0.5 (our metrics) kept cryotherapy's PCD at
 *   0.74 but left caesarian at 0.59 with 9 % copies; weight 2 bought no further privacy (immunotherapy 0.62) and
 *   raised PCD (cryotherapy 1.13, prostate 1.62);
 * - Sinkhorn ε = 2 × the batch's mean latent cost (was 0.05; the paper's 0.01 is absolute, on its own latent scale).
 *   A sharp coupling pairs each pseudo row's code with one real row's and pulls it there; a soft one matches the two
 *   clouds at a coarser scale (the debiased divergence moves from OT towards an MMD as ε grows, Feydy et al.,
 *   AISTATS 2019). Our PCD, mean of 6 fits × 4 samples (seeds 1–6), ε 0.05 → 2: cryotherapy 0.88 → 0.82, prostate
 *   1.28 → 1.12, immunotherapy 1.05 → 1.04; caesarian (3 fits) 0.94 → 0.91; DCR share unchanged within noise
 *   (cryotherapy 0.58 → 0.57, immunotherapy 0.60 → 0.60, prostate 0.55 → 0.53); wisconsin_breast and pima as
 *   before. Seeds 1, 3, 5 only: ε 0.5 gave 0.81 / 0.94 / 1.06 / 1.17 (cryotherapy / caesarian / immunotherapy /
 *   prostate) against 0.73 / 0.91 / 1.03 / 1.14 at ε 2; ε 6 gave 0.76 / 0.94 / 1.09 / 1.55.
 * - latent size 16 (the paper: 128). The benchmark tables have 5–10 columns (at most 92 one-hot slots), and with the
 *   KL term on, a 128-wide latent's posterior noise stays at the prior's (mean σ 0.995 against 0.97 at 16). judge.py,
 *   mean of 6 fits (seeds 1–6) × 4 samples, 128 → 16:
 *
 *   | table | shapes | pairs | our PCD | DCR share | RF TSTR on the holdout |
 *   |---|---|---|---|---|---|
 *   | cryotherapy | 0.895 → 0.898 | 0.823 → 0.816 | 0.818 → 0.754 | 0.597 → 0.601 | acc 0.773 → 0.852 |
 *   | caesarian | 0.928 → 0.923 | 0.794 → 0.785 | 0.901 → 0.915 | 0.540 → 0.556 | acc 0.554 → 0.530 |
 *   | immunotherapy | 0.867 → 0.875 | 0.800 → 0.801 | 1.044 → 1.098 | 0.617 → 0.616 | acc 0.751 → 0.765 |
 *   | prostate | 0.853 → 0.853 | 0.863 → 0.865 | 1.123 → 0.982 | 0.551 → 0.542 | R² 0.358 → 0.432 |
 *
 *   wisconsin_breast and pima (seeds 1, 3, 5): PCD 0.639 → 0.373 and 0.648 → 0.548, pairs 0.858 → 0.866 and
 *   0.948 → 0.952, DCR share 0.504 → 0.502 and 0.534 → 0.536. Latent 8 scored like 16 (our metrics); 32 in between.
 *   Smaller is no free gain on the all-categorical caesarian: its DCR share and copies (6 %; its own unseen real rows
 *   are 8 % copies) rise a little, within the spread of fits (± 0.02–0.05);
 * - hidden width 128 (the paper's). Over 6 splits (`CONFIGS='{};{"hidden":64}'` in bench/settings.bench.ts, as for
 *   `conditional` below; our metrics, fit seed 1 × 2 samples), 128 → 64: prostate DCR share 0.635 → 0.543, RF TSTR R² 0.38 → 0.43, shapes / pairs 0.833 / 0.867 → 0.834 /
 *   0.862, but PCD 0.90 → 1.15; on the other tables it bought no privacy and cost correlations: cryotherapy DCR
 *   share 0.584 → 0.578 with PCD 0.91 → 1.11, caesarian 0.517 → 0.516 with PCD 0.81 → 0.93 and accuracy 0.59 →
 *   0.53, immunotherapy 0.544 → 0.562, pima (3 splits) 0.510 → 0.516 with PCD 0.53 → 1.14 and pairs 0.954 → 0.927.
 *   Width 32 on prostate: 0.538, PCD 2.03. No rule we could state picks 64 for prostate alone, so it is the user's
 *   choice (the option's help says when it pays);
 * - no class-conditional decoder by default (`conditional`). With the KL term the latent code carries nothing of
 *   the class: decoded from its own pseudo row's μ, a row of immunotherapy's minority class came out of that class
 *   22 % of the time (with KL weight 0.5 too; 99.8 % at weight 0), so the class is drawn almost independently of
 *   the features. Conditioning the decoder on the class restores the link. judge.py on BASELINES.md's split,
 *   3 fits (seeds 1–3) × 2 samples, off → on: RF TSTR accuracy / macro-F1 cryotherapy 0.803 / 0.799 → 0.895 /
 *   0.895, immunotherapy 0.784 / 0.496 → 0.815 / 0.617, caesarian 0.584 / 0.536 → 0.604 / 0.589; but DCR share
 *   0.609 → 0.645, 0.554 → 0.638 and 0.472 → 0.500, and our PCD 0.688 → 0.824 and 0.797 → 0.970 (caesarian
 *   0.828 → 0.735; its runs replaced every copy of a training row, not only of unique ones). On one split a DCR
 *   share moves by ±0.05 with the split alone, so six splits (scikit-learn seeds 0–5, fit seed 1, 2 samples each
 *   through the copies filter, our metrics: `npm run bench -- settings`, bench/settings.bench.ts), off →
 *   on: cryotherapy DCR share 0.584 → 0.579, accuracy / macro-F1 0.781 / 0.776 → 0.833 / 0.828, PCD 0.91 → 0.84;
 *   caesarian 0.517 → 0.522, 0.587 / 0.563 → 0.583 / 0.560; immunotherapy 0.544 → 0.607, 0.775 / 0.485 → 0.818 /
 *   0.629. So the cost is the imbalanced table's: its minority class has 13 training rows, and rows drawn for that
 *   class sit near them. The bar is privacy and PCD first (DCR share ≤ 0.55), so it is an option for
 *   utility-first use;
 */
export const gmtdInfo = defineInfo({
  id: 'gmtd',
  label: 'GenerativeMTD',
  description:
    'Deep generative model for very small tables: kNNMTD pseudo-real rows are translated towards the real data by ' +
    'a variational autoencoder trained with Sinkhorn, MMD, cross-entropy and a WGAN-GP critic; the checkpoint with ' +
    'the best correlation fidelity (PCD) is kept. Slower than kNNMTD, and far less prone to copying real rows.',
  minRows: 5,
  capabilities: {
    savable: true,
    neural: true,
    conditional: 'none',
    dp: false,
    // made for small tables and copying no rows; above 3000 rows its training time (which grows with the rows) makes
    // the page default to a faster generator
    default: { cli: true, pageUpToRows: 3000 },
  },
  // exact copies of unique training rows are replaced with fresh samples unless the user picks another filter (the
  // issue's "no exact copies"; caesarian gave 5.5 % copies without it, see the closing note of #3). Copies of rows
  // several training rows share stay: replacing every copy cut wisconsin_breast's shapes 0.96 → 0.80 and pairs
  // 0.87 → 0.71 (judge.py, 3 fits × 2 samples), its real rows repeat each other (39 %)
  privacyFilter: 'copies',
  options: [
    {
      key: 'k',
      label: 'Neighbours k',
      type: 'int',
      default: null,
      min: 2,
      max: 50,
      help: 'kNNMTD neighbourhood for the pseudo-real data; automatic tries k = 3…10 and keeps the lowest PCD.',
    },
    {
      key: 'epochs',
      scales: true,
      label: 'Epochs (max)',
      type: 'int',
      default: 16,
      min: 1,
      max: 1000,
      help: 'Most evaluation rounds; training stops earlier when PCD stops improving.',
    },
    {
      key: 'stepsPerEpoch',
      scales: true,
      label: 'Steps per epoch',
      type: 'int',
      default: 50,
      min: 1,
      max: 5000,
      help: 'Critic + generator updates between two PCD checks.',
      advanced: true,
    },
    {
      key: 'patience',
      label: 'Early-stopping patience',
      type: 'int',
      default: 5,
      min: 1,
      max: 1000,
      help: 'Epochs without a better PCD before training stops (the best checkpoint is kept).',
      advanced: true,
    },
    {
      key: 'batchSize',
      scales: true,
      label: 'Batch size (max)',
      type: 'int',
      default: 64,
      min: 8,
      max: 4096,
      help: 'Pseudo-real and real rows per step: all real rows as in the paper, up to this many.',
      advanced: true,
    },
    {
      key: 'learningRate',
      label: 'Learning rate',
      type: 'number',
      default: 1e-3,
      min: 1e-6,
      max: 1,
      help: 'Adam step size for the autoencoder and the critic.',
      advanced: true,
    },
    {
      key: 'pseudoPerRow',
      scales: true,
      label: 'Pseudo rows per real row',
      type: 'int',
      default: 40,
      min: 1,
      max: 1000,
      help: 'Pseudo-real rows diffused from each real row (the paper: 1000).',
      advanced: true,
    },
    {
      key: 'latent',
      scales: true,
      label: 'Latent size',
      type: 'int',
      default: 16,
      min: 2,
      max: 512,
      help: 'Width of the latent space (the paper: 128, which scored lower correlations and utility on tables of 5–10 columns).',
      advanced: true,
    },
    {
      key: 'hidden',
      scales: true,
      label: 'Hidden width',
      type: 'int',
      default: 128,
      min: 8,
      max: 1024,
      help: 'Width of every hidden layer (the paper: 128). Narrower nets sit farther from the real rows on some small all-numeric tables (prostate, 6 splits: 64 gave DCR share 0.54 instead of 0.64, at a higher PCD) and cost correlations on others.',
      advanced: true,
    },
    // the paper's 0.5 needs its 10⁵ steps: in a few hundred steps it keeps the categorical cross-entropy at its
    // uniform-guess value (cryotherapy: CE 2.3 after 1150 steps at 0.5 or 0.1, 0.2 at 0)
    {
      key: 'dropout',
      label: 'Dropout',
      type: 'number',
      default: 0,
      min: 0,
      max: 0.9,
      help: 'Dropout rate in training (the paper: 0.5, which needs far more steps); sampling never drops.',
      advanced: true,
    },
    {
      key: 'epsilon',
      label: 'Sinkhorn ε (relative)',
      type: 'number',
      default: 2,
      min: 1e-4,
      max: 10,
      help: 'Entropic regularisation as a fraction of the mean latent cost of the batch: small values pair each pseudo row with one real row, larger ones match the distributions more loosely (2 gave the best correlations).',
      advanced: true,
    },
    {
      key: 'sinkhornIters',
      scales: true,
      label: 'Sinkhorn iterations (max)',
      type: 'int',
      default: 100,
      min: 1,
      max: 1000,
      help: 'Cap on Sinkhorn iterations; they stop earlier once converged.',
      advanced: true,
    },
    {
      key: 'ema',
      label: 'Weight averaging',
      type: 'number',
      default: 0.99,
      min: 0,
      max: 0.9999,
      help: "Decay of the moving average of the weights that is evaluated and sampled (0: the last weights). Smooths the GAN's oscillation.",
      advanced: true,
    },
    {
      key: 'kl',
      label: 'KL weight',
      type: 'number',
      default: 1,
      min: 0,
      max: 10,
      help: "Weight of the VAE's KL term (0: none, as in the paper). It keeps the latent noise alive so fewer rows sit close to real ones (caesarian: DCR share 0.70 → 0.55, copies 18 % → 6 %), at some cost in correlations on some tables.",
      advanced: true,
    },
    {
      key: 'klWarmup',
      label: 'KL warm-up steps',
      type: 'int',
      default: 400,
      min: 0,
      max: 100000,
      help: 'Steps over which the KL weight rises from 0 to its value, so the decoder learns to use the latent code before the KL term presses on it (0: full weight from the start, which can make wide categorical tables collapse).',
      advanced: true,
    },
    {
      key: 'conditional',
      label: 'Condition on the class',
      type: 'boolean',
      default: false,
      help: 'With a categorical target: the decoder reads the class of each row next to its latent code, and every synthetic row keeps the class of the row it was translated from. Raises utility (mean of 6 splits: TSTR accuracy on cryotherapy 0.78 → 0.83, macro-F1 on immunotherapy 0.49 → 0.63); with a small minority class it puts rows closer to the real ones (immunotherapy: DCR share 0.54 → 0.61; cryotherapy and caesarian unchanged).',
      advanced: true,
    },
  ],
});
