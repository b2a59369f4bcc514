import { defineInfo } from '../options.js';

/**
 * TVAE (Xu et al., NeurIPS 2019; DESIGN.md §4): a variational autoencoder on CTGAN's mode-specific normalisation.
 * The networks, loss and optimiser are the reference's; the epochs and early stopping are chosen for small tables
 * (docs/generators/tvae.md).
 */
export const tvaeInfo = defineInfo({
  id: 'tvae',
  label: 'TVAE',
  description:
    'Variational autoencoder for tables (Xu et al. 2019): each number is split into the mode of a Gaussian mixture ' +
    'and its position in that mode, categories are one-hot; the decoder learns a noise level per number. New rows ' +
    'are decoded from random latent codes. Training stops when the loss on held-out rows stops falling.',
  minRows: 10,
  // not offered in the page's list or --help until it meets its issue's bar (docs/generators/tvae.md)
  experimental: true,
  capabilities: {
    savable: true,
    neural: true,
    conditional: 'none',
    dp: false,
    cost: {
      terms: [
        { seconds: 0.5, per: [] },
        { seconds: 1e-5, per: ['rows', 'columns'] },
      ],
      training: {
        epochs: 'epochs',
        stepsPerEpoch: [],
        msPerStep: [
          { seconds: 5, per: [] },
          { seconds: 2e-6, per: ['rows', { option: 'hidden' }, { option: 'hidden' }] },
        ],
      },
    },
  },
  options: [
    {
      key: 'epochs',
      scales: true,
      label: 'Epochs (max)',
      type: 'int',
      default: 300,
      min: 1,
      max: 10000,
      help: 'Most passes over the training rows; training stops earlier when the held-out loss stops improving.',
    },
    {
      key: 'patience',
      label: 'Early-stopping patience',
      type: 'int',
      default: 30,
      min: 1,
      max: 10000,
      help: 'Epochs without a lower held-out loss before training stops (the best weights are kept).',
      advanced: true,
    },
    {
      key: 'validationShare',
      label: 'Held-out share',
      type: 'number',
      default: 0.1,
      min: 0,
      max: 0.5,
      help: 'Share of the rows held out to score each epoch (0: no early stopping, train all epochs on all rows).',
      advanced: true,
    },
    {
      key: 'batchSize',
      scales: true,
      label: 'Batch size (max)',
      type: 'int',
      default: 500,
      min: 2,
      max: 8192,
      help: 'Rows per update (all rows when fewer).',
      advanced: true,
    },
    {
      key: 'learningRate',
      label: 'Learning rate',
      type: 'number',
      default: 1e-3,
      min: 1e-6,
      max: 1,
      help: 'Adam step size.',
      advanced: true,
    },
    {
      key: 'weightDecay',
      label: 'Weight decay',
      type: 'number',
      default: 1e-5,
      min: 0,
      max: 1,
      help: "L2 penalty on the weights (Adam's weight_decay, as in the reference).",
      advanced: true,
    },
    {
      key: 'lossFactor',
      label: 'Reconstruction weight',
      type: 'number',
      default: 2,
      min: 0.01,
      max: 100,
      help: 'Weight of the reconstruction terms against the KL term (the reference: 2).',
      advanced: true,
    },
    {
      key: 'hidden',
      scales: true,
      label: 'Hidden width',
      type: 'int',
      default: 128,
      min: 4,
      max: 2048,
      help: 'Width of the two hidden layers of the encoder and of the decoder.',
      advanced: true,
    },
    {
      key: 'latent',
      scales: true,
      label: 'Latent size',
      type: 'int',
      default: 128,
      min: 2,
      max: 2048,
      help: 'Width of the latent code.',
      advanced: true,
    },
  ],
});
