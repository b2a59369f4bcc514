/** The ctgan generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { ctganInfo } from './info.js';

export default defineGenerator({
  info: ctganInfo,
  load: async () => {
    const { Ctgan } = await import('./ctgan.js');
    return (options) => new Ctgan(options);
  },
  restore: async (json, { backend }) => (await import('./ctgan.js')).Ctgan.restore(json, backend),
});
