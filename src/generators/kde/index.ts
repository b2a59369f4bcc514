/** The kde generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { kdeInfo } from './info.js';

export default defineGenerator({
  info: kdeInfo,
  load: async () => {
    const { Kde } = await import('./kde.js');
    return (options) => new Kde(options);
  },
});
