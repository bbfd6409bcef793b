// The policy registry: every policy the simulator can play, by name.
import type { PolicyName } from '../scenario/schema.ts';
import { dispatcherPolicy, GREEDY_RULE, STATIC_RULE } from './dispatcher.ts';
import { enginePolicy } from './engine.ts';
import { offersPolicy } from './offers.ts';
import type { Policy, PolicyOptions } from './types.ts';

export type { MorningBoards, Policy, PolicyOptions, PolicyView } from './types.ts';

/** A fresh policy (policies keep state through a day: make one per day). */
export function makePolicy(name: PolicyName, options: PolicyOptions): Policy {
  switch (name) {
    case 'engine':
      return enginePolicy(options);
    case 'greedy':
      return dispatcherPolicy(GREEDY_RULE);
    case 'static':
      return dispatcherPolicy(STATIC_RULE);
    case 'offers':
      return offersPolicy(options);
  }
}

/** One line per policy, for help texts and reports. */
export const POLICY_DESCRIPTIONS: Record<PolicyName, string> = {
  engine: 'Truckroll: the morning board from solve(), replan() on every hand-over of events (idle technicians take over work so others can take open jobs: planning.fillIdle); holds jobs waiting on parts until they arrive',
  greedy: 'a busy dispatcher: the cheapest-insertion morning board; new work to the nearest qualified technician (free ones first) at the end of the day, emergencies next; cancellations leave gaps',
  static: 'the morning optimized board kept as it is: cancellations come off, new work goes at the end of whoever has the most room',
  offers: "Truckroll with booking: every new call is booked into the first window recommend() offers (the caller's promise), then replan() as the engine",
};
