/** The gmm generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { gmmInfo } from './info.js';

export default defineGenerator({
  info: gmmInfo,
  load: async () => {
    const { Gmm } = await import('./gmm.js');
    return (options) => new Gmm(options);
  },
});
