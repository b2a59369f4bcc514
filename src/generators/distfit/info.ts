import { defineInfo } from '../options.js';
import { PARAMETRIC_FAMILIES } from '../../transforms/distributions.js';

/** Independent parametric marginals, best family per column by Kolmogorov–Smirnov (DESIGN.md §4). */
export const distfitInfo = defineInfo({
  id: 'distfit',
  label: 'Distribution fitting',
  description:
    'Fits every column on its own — numbers: normal, log-normal, gamma, beta, truncated normal and uniform, keeping ' +
    'the best by the Kolmogorov–Smirnov statistic; categories: their frequencies — and samples the columns ' +
    'independently. Private and simple, but it keeps no relationship between columns: a baseline.',
  minRows: 3,
  capabilities: {
    savable: false,
    neural: false,
    conditional: 'none',
    dp: false,
    cost: {
      terms: [
        { seconds: 0.008, per: ['columns'] },
        { seconds: 1e-6, per: ['rows', 'columns'] },
      ],
    },
  },
  options: [
    {
      key: 'family',
      label: 'Distribution family',
      type: 'enum',
      default: 'best',
      choices: ['best', ...PARAMETRIC_FAMILIES],
      help: 'best: the lowest KS statistic of the six families, per column; or one named family for every numerical column (where it applies).',
    },
  ],
});
