import { defineInfo } from '../options.js';

/** Per-class multivariate Gaussian kernel density (Scott 1992; Silverman 1986) with an Aitchison–Aitken kernel for categories. */
export const kdeInfo = defineInfo({
  id: 'kde',
  label: 'Kernel density (KDE)',
  description:
    'Per class (the categorical target, if any), a Gaussian kernel density on the standardised numerical columns: ' +
    'a synthetic row is a real row of that class plus Gaussian noise of the rule-of-thumb bandwidth; categories come ' +
    'from that row, switched to another level with a small probability. Smooth and fast; rows stay near real ones.',
  minRows: 2,
  capabilities: {
    savable: false,
    neural: false,
    conditional: 'none',
    dp: false,
    cost: {
      terms: [
        { seconds: 0.002, per: [] },
        { seconds: 4e-7, per: ['rows', 'columns'] },
        { seconds: 4e-7, per: ['sampleRows', 'columns'] },
      ],
    },
  },
  options: [
    {
      key: 'bandwidth',
      label: 'Bandwidth rule',
      type: 'enum',
      default: 'scott',
      choices: ['scott', 'silverman'],
      help: 'Scott: h = n^(−1/(d+4)); Silverman: h = (4/(d+2))^(1/(d+4)) · n^(−1/(d+4)), in standard deviations (n rows of the class, d numerical columns).',
    },
    {
      key: 'kernel',
      label: 'Kernel shape',
      type: 'enum',
      default: 'diagonal',
      choices: ['diagonal', 'full'],
      help:
        'diagonal: noise N(0, h²·I) on the standardised numbers (independent per column; shrinks correlations by about 1/(1 + h²)). ' +
        "full: noise N(0, h²·Σ) with Σ the class's covariance (as scipy's gaussian_kde), which keeps correlations.",
    },
    {
      key: 'bandwidthScale',
      label: 'Bandwidth × ',
      type: 'number',
      default: 1,
      min: 0,
      max: 10,
      help: 'Multiplies the rule-of-thumb bandwidth (0 copies real rows; larger values add privacy and blur).',
      advanced: true,
    },
    {
      key: 'categoryNoise',
      label: 'Category switch probability',
      type: 'number',
      default: 0.05,
      min: 0,
      max: 0.5,
      help: "Aitchison–Aitken kernel λ: probability that a categorical cell takes another level (uniformly) instead of the picked row's.",
      advanced: true,
    },
  ],
});
