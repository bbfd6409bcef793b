// Swap (1–1): exchange u and v; and the 2–1 / 2–2 segment swaps.
import { Exchange } from './exchange.ts';

export const swap11 = new Exchange('swap-1-1', 1, 1);
export const swap21 = new Exchange('swap-2-1', 2, 1);
export const swap22 = new Exchange('swap-2-2', 2, 2);
