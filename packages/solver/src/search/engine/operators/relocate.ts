// Relocate and or-opt: move 1, 2 or 3 consecutive stops starting at u to just after v.
import { Exchange } from './exchange.ts';

export const relocate = new Exchange('relocate', 1, 0);
export const orOpt2 = new Exchange('or-opt-2', 2, 0);
export const orOpt3 = new Exchange('or-opt-3', 3, 0);
