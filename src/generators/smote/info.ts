import { defineInfo } from '../options.js';

/** SMOTE-style interpolation between same-class nearest neighbours (Chawla et al. 2002; SMOTE-NC for categories). */
export const smoteInfo = defineInfo({
  id: 'smote',
  label: 'SMOTE',
  description:
    'Each synthetic row lies on the segment between a real row and one of its k nearest neighbours of the same ' +
    'class (numbers interpolated, categories taken from one of the two rows). Very faithful and useful for ' +
    'prediction, but the rows sit close to real ones: check the privacy report before sharing.',
  minRows: 2,
  capabilities: {
    savable: false,
    neural: false,
    conditional: 'none',
    dp: false,
    cost: {
      terms: [
        { seconds: 0.01, per: [] },
        { seconds: 5.5e-7, per: ['rows', 'rows'] },
        { seconds: 1e-7, per: ['sampleRows', 'columns'] },
      ],
    },
  },
  options: [
    {
      key: 'k',
      label: 'Neighbours k',
      type: 'int',
      default: 5,
      min: 1,
      max: 50,
      help: "How many nearest neighbours of the same class each row may be interpolated towards (SMOTE's default is 5).",
    },
    {
      key: 'classColumn',
      label: 'Class column',
      type: 'string',
      default: null,
      help: 'Categorical column whose classes are kept apart; automatic: the target when it is categorical, otherwise all rows form one group.',
      cli: 'class-column',
    },
  ],
});
