// The operator registry: the list the local search and the benchmarks loop over, in trial order.
import { orOpt2, orOpt3, relocate } from './relocate.ts';
import { swap11, swap21, swap22 } from './swap.ts';
import { swapTails } from './swap-tails.ts';
import { twoOpt } from './two-opt.ts';
import type { Operator } from './types.ts';

export type { Operator } from './types.ts';

export const OPERATORS: readonly Operator[] = [relocate, orOpt2, orOpt3, swap11, swap21, swap22, swapTails, twoOpt];
