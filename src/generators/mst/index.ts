/** The mst generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { mstInfo } from './info.js';

export default defineGenerator({
  info: mstInfo,
  load: async () => {
    const { Mst } = await import('./mst.js');
    return (options) => new Mst(options);
  },
});
