/** The tvae generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { tvaeInfo } from './info.js';

export default defineGenerator({
  info: tvaeInfo,
  load: async () => {
    const { Tvae } = await import('./tvae.js');
    return (options) => new Tvae(options);
  },
  restore: async (json, { backend }) => (await import('./tvae.js')).Tvae.restore(json, backend),
});
