/** The bootstrap generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { bootstrapInfo } from './info.js';

export default defineGenerator({
  info: bootstrapInfo,
  load: async () => {
    const { Bootstrap } = await import('./bootstrap.js');
    return (options) => new Bootstrap(options);
  },
});
