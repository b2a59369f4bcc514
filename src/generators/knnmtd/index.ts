/** The knnmtd generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { knnmtdInfo } from './info.js';

export default defineGenerator({
  info: knnmtdInfo,
  load: async () => {
    const { KnnMtd } = await import('./knnmtd.js');
    return (options) => new KnnMtd(options);
  },
});
