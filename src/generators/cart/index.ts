/** The cart generator's entry: its info (options, capabilities) and its code, loaded on demand. */
import { defineGenerator } from '../entry.js';
import { cartInfo } from './info.js';

export default defineGenerator({
  info: cartInfo,
  load: async () => {
    const { SequentialCart } = await import('./cart.js');
    return (options) => new SequentialCart(options);
  },
});
