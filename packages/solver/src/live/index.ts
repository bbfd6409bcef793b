// Live boards: re-plan a day's board for what happened (cancellations, emergencies, overruns, sick calls).
export { replan, type ReplanOptions, type ReplanResult, type EmergencyOutcome } from './replan.ts';
export { applyEvents, type ApplyOptions, type LiveState, type PlanItem } from './apply.ts';
export { boardChanges, type ChangeKind, type JobChange, type JobPlacement, type Disruption } from './changes.ts';
export * from './events.ts';
export { nextStormEvent, type StormState } from './storm.ts';
export { timePlans, routeOrders, type TimedPlans, type RouteOrders, type PickupOrder } from './plans.ts';
export { recommend, type Offer, type Offers, type OfferOptions, type EmergencyOffer } from './offers.ts';
