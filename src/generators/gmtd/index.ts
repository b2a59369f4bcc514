/** The gmtd generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { gmtdInfo } from './info.js';

export default defineGenerator({
  info: gmtdInfo,
  load: async () => {
    const { GenerativeMtd } = await import('./gmtd.js');
    return (options) => new GenerativeMtd(options);
  },
  restore: async (json, { backend }) => (await import('./gmtd.js')).GenerativeMtd.restore(json, backend),
});
