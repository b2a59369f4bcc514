import { defineInfo } from '../options.js';

/** synthpop's sequential CART (Reiter 2005; Nowok, Raab & Dibben 2016). */
export const cartInfo = defineInfo({
  id: 'cart',
  label: 'Sequential CART',
  description:
    'synthpop-style: the first column is drawn from its real values; each next column is predicted from the columns ' +
    'before it by a decision tree, and its value is drawn from the real rows in the same leaf. Keeps non-linear ' +
    'relations and interactions; the leaf draws reuse real values, so check the privacy report.',
  minRows: 2,
  capabilities: {
    savable: false,
    neural: false,
    conditional: 'none',
    dp: false,
    cost: {
      terms: [
        { seconds: 0.04, per: [] },
        { seconds: 2.6e-7, per: ['rows', 'columns', 'columns'] },
        { seconds: 2e-7, per: ['sampleRows', 'columns'] },
      ],
    },
  },
  options: [
    {
      key: 'minLeaf',
      label: 'Minimum leaf size',
      type: 'int',
      default: 5,
      min: 1,
      max: 1000,
      help: "Fewest real rows in a tree leaf (synthpop's minbucket = 5); larger leaves mix more rows: more privacy, less detail.",
    },
    {
      key: 'smoothing',
      label: 'Smoothing of numbers',
      type: 'enum',
      default: 'none',
      choices: ['none', 'density'],
      help:
        "synthpop's smoothing: none keeps the real values drawn from the leaves; density adds Gaussian noise of Silverman's bandwidth " +
        'to each numerical column (its dominant or top-coded value left alone), so numbers are no longer copies of real ones.',
      advanced: true,
    },
    {
      key: 'order',
      label: 'Column order',
      type: 'string',
      default: null,
      help: 'Comma-separated column names in the order they are synthesised (others follow in schema order); automatic: schema order with the target last.',
    },
  ],
});
