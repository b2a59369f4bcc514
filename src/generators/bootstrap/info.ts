import { defineInfo } from '../options.js';

/** Row resampling with optional Gaussian noise: the "what copying looks like" baseline (DESIGN.md §4). */
export const bootstrapInfo = defineInfo({
  id: 'bootstrap',
  label: 'Bootstrap (copy rows)',
  description:
    'Draws real rows with replacement, optionally adding Gaussian noise to numerical columns. With no noise every ' +
    'synthetic row is a real row: perfect fidelity and no privacy — a yardstick for the other generators, not ' +
    'data to share.',
  minRows: 1,
  capabilities: {
    savable: false,
    neural: false,
    conditional: 'none',
    dp: false,
    cost: {
      terms: [
        { seconds: 0.002, per: [] },
        { seconds: 5e-7, per: ['sampleRows', 'columns'] },
      ],
    },
  },
  options: [
    {
      key: 'noise',
      label: 'Noise (× column SD)',
      type: 'number',
      // 0 by default: this generator exists to show what plain copying scores (fidelity ceiling, privacy floor);
      // noise is an explicit choice whose effect the privacy report then shows.
      default: 0,
      min: 0,
      max: 5,
      help: "Standard deviation of the Gaussian noise added to each numerical value, as a fraction of that column's standard deviation; 0 copies rows exactly.",
    },
  ],
});
