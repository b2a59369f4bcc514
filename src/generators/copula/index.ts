/** The copula generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { copulaInfo } from './info.js';

export default defineGenerator({
  info: copulaInfo,
  load: async () => {
    const { GaussianCopula } = await import('./copula.js');
    return (options) => new GaussianCopula(options);
  },
});
