import { defineInfo } from '../options.js';

/** MST (McKenna, Miklau, Sheldon 2021): differentially private marginals on a maximum spanning tree (DESIGN.md §7). */
export const mstInfo = defineInfo({
  id: 'mst',
  label: 'MST (differentially private marginals)',
  description:
    'Differentially private: numbers are binned on bounds measured with noise, then noisy one-way counts of every ' +
    'column, a tree of column pairs chosen by the exponential mechanism (the pairs least explained by independence), ' +
    'and noisy two-way counts of its edges; rows are sampled along the tree. The (ε, δ) budget covers these ' +
    'measurements; the category lists, the row count and the real min/max the output is clipped to come from the ' +
    'data outside the budget (see the fit notes).',
  minRows: 2,
  // not offered in the page's list or --help while the category lists and clipping bounds are read outside the
  // budget (issue 18's "no side channel"; docs/generators/mst.md)
  experimental: true,
  capabilities: {
    savable: false,
    neural: false,
    conditional: 'none',
    dp: true,
    cost: {
      terms: [
        { seconds: 0.05, per: [] },
        { seconds: 2e-6, per: ['rows', 'columns', 'columns'] },
        { seconds: 1e-6, per: ['sampleRows', 'columns'] },
      ],
    },
  },
  options: [
    {
      key: 'epsilon',
      label: 'Privacy budget ε',
      type: 'number',
      default: 1,
      min: 0.001,
      max: 1e6,
      help: 'The ε of the (ε, δ) guarantee: smaller is more private and noisier (1 is a common choice).',
    },
    {
      key: 'delta',
      label: 'δ',
      type: 'number',
      default: null,
      min: 1e-300,
      max: 0.1,
      help: 'The δ of the guarantee; auto: the smaller of 1e-5 and 1/rows².',
    },
    {
      key: 'bins',
      label: 'Bins per number column',
      type: 'int',
      default: 32,
      min: 2,
      max: 256,
      help: 'Numbers are modelled as this many equal-width bins between their private bounds (uniform within a bin).',
      advanced: true,
    },
  ],
});
