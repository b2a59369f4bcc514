import { defineInfo } from '../options.js';

/** kNNMTD (Sivakumar et al., KBS 2022): per-cell mega-trend diffusion around k nearest values. DESIGN.md §2. */
export const knnmtdInfo = defineInfo({
  id: 'knnmtd',
  label: 'kNNMTD',
  description:
    'k-nearest-neighbour mega-trend diffusion: for every real cell, draws candidates from a triangular ' +
    'membership function spread around its k nearest values (within the same class when a categorical target is ' +
    'set) and keeps the 3 closest. Fast and faithful on small tables; on all-integer tables it tends to copy real ' +
    'rows — check the privacy report.',
  minRows: 3,
  // the page's default for tables of any size (fast; the small-table default takes over below its limit)
  capabilities: {
    savable: false,
    neural: false,
    conditional: 'none',
    dp: false,
    default: { pageUpToRows: null },
    cost: {
      terms: [
        { seconds: 0.03, per: [] },
        { seconds: 3.5e-5, per: ['rows', 'columns'] },
        { seconds: 2.3e-7, per: ['rows', 'columns', 'columns'] },
      ],
    },
  },
  options: [
    {
      key: 'k',
      label: 'Neighbours k',
      type: 'int',
      default: null,
      min: 2,
      max: 50,
      help: 'Neighbourhood size; automatic tries k = 3…10 and keeps the lowest PCD against the real data.',
    },
    {
      key: 'nObs',
      label: 'Candidates per cell (÷10)',
      type: 'int',
      default: 100,
      min: 1,
      max: 1000,
      help: 'Each cell draws 10 × nObs diffusion candidates (the authors use nObs = 100, i.e. 1000 candidates).',
      advanced: true,
    },
    {
      key: 'keep',
      label: 'Surrogates per real row',
      type: 'int',
      default: 3,
      min: 1,
      max: 20,
      help: 'Candidates closest to the real value kept per cell; each real row yields this many surrogate rows.',
      advanced: true,
    },
  ],
});
