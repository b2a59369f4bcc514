import { defineInfo } from '../options.js';

/** Gaussian mixture fitted by EM (Dempster, Laird & Rubin 1977), the number of components chosen by BIC (Schwarz 1978). */
export const gmmInfo = defineInfo({
  id: 'gmm',
  label: 'Gaussian mixture',
  description:
    'A mixture of multivariate normals with full covariances, fitted by EM on the standardised numbers and one-hot ' +
    'categories; the number of components is chosen by BIC. Samples are drawn from the mixture and mapped back ' +
    '(categories by the largest one-hot value). Captures clusters and linear trends within them.',
  minRows: 4,
  capabilities: {
    savable: false,
    neural: false,
    conditional: 'none',
    dp: false,
    cost: {
      terms: [
        { seconds: 0.1, per: [] },
        { seconds: 9e-8, per: ['rows', 'width', { option: 'maxComponents' }, { option: 'iterations' }] },
      ],
    },
  },
  options: [
    {
      key: 'maxComponents',
      label: 'Most components',
      type: 'int',
      default: 10,
      min: 1,
      max: 30,
      help: 'BIC is computed for 1…this many components (fewer when there are too few rows) and the lowest wins.',
    },
    {
      key: 'iterations',
      scales: true,
      label: 'EM iterations',
      type: 'int',
      default: 200,
      min: 5,
      max: 2000,
      help: 'Most EM iterations per fit; EM stops earlier when the mean log-likelihood per row gains less than 1e-4.',
      advanced: true,
    },
    {
      key: 'ridge',
      label: 'Covariance ridge',
      type: 'number',
      default: 1e-3,
      min: 0,
      max: 1,
      help: 'Added to every covariance diagonal (in standardised units) so components never collapse onto a point.',
      advanced: true,
    },
  ],
});
