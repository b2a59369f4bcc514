/** The smote generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { smoteInfo } from './info.js';

export default defineGenerator({
  info: smoteInfo,
  load: async () => {
    const { Smote } = await import('./smote.js');
    return (options) => new Smote(options);
  },
});
