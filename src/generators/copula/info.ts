import { defineInfo } from '../options.js';
import { MARGINAL_MODES } from '../shared/marginals.js';

/** Gaussian copula (as SDV's GaussianCopula): marginals + a correlation matrix of normal scores. DESIGN.md §4. */
export const copulaInfo = defineInfo({
  id: 'copula',
  label: 'Gaussian copula',
  description:
    'Fits each column on its own (numbers: best of six distributions by the Kolmogorov–Smirnov test, or the ' +
    'smoothed empirical distribution; categories: frequency intervals) and ties the columns together through the ' +
    'correlation of their normal scores. Fast; rows are drawn, not copied (though on tables of a few categories ' +
    'identical rows occur by chance); keeps linear trends, misses non-linear ones. Supports exact conditional sampling (fixed values or ranges of some columns).',
  minRows: 5,
  capabilities: {
    savable: false,
    neural: false,
    conditional: 'exact',
    dp: false,
    cost: {
      terms: [
        { seconds: 0.03, per: [] },
        { seconds: 5e-6, per: ['rows', 'columns'] },
        { seconds: 3e-6, per: ['sampleRows', 'columns'] },
      ],
    },
  },
  options: [
    {
      key: 'marginals',
      label: 'Column distributions',
      type: 'enum',
      // Default 'parametric' (SDV's spirit: its default is one family, 'beta'; here the best of six by KS, which
      // includes beta): smooth marginals that do not reproduce the real values one by one. 'empirical' follows the
      // data more closely (higher column-shape scores) at the cost of sticking to the real values.
      default: 'parametric',
      choices: MARGINAL_MODES,
      help: 'parametric: best of normal, log-normal, gamma, beta, truncated normal, uniform by KS per column; empirical: the smoothed empirical CDF; or one named family for every column.',
    },
    {
      key: 'gibbsSweeps',
      label: 'Gibbs sweeps (conditional sampling)',
      type: 'int',
      default: 50,
      min: 1,
      max: 1000,
      help: 'Sweeps of the Gibbs chain run for each conditional row when two or more columns are restricted to ranges or categories.',
      advanced: true,
    },
  ],
});
