/** The distfit generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { distfitInfo } from './info.js';

export default defineGenerator({
  info: distfitInfo,
  load: async () => {
    const { DistFit } = await import('./distfit.js');
    return (options) => new DistFit(options);
  },
});
