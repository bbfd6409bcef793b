// Self-adjusting penalties (PyVRP's PenaltyManager): after every `every` registered solutions, a
// penalty rises when fewer than `target` of them were feasible in its dimension, else it falls.
import type { SearchState } from './state.ts';

export interface PenaltyOptions {
  /** wanted share of feasible solutions (default 0.5) */
  target?: number;
  /** factor when too few are feasible (default 1.3) */
  increase?: number;
  /** factor when enough are (default 0.8) */
  decrease?: number;
  /** registrations between updates (default 50) */
  every?: number;
}

export class PenaltyManager {
  private loadOk = 0;
  private timeOk = 0;
  private count = 0;
  private readonly target: number;
  private readonly increase: number;
  private readonly decrease: number;
  private readonly every: number;
  private readonly minTw: number;
  private readonly maxTw: number;
  private readonly minLoad: number;
  private readonly maxLoad: number;

  constructor(
    private readonly st: SearchState,
    { target = 0.5, increase = 1.3, decrease = 0.8, every = 50 }: PenaltyOptions = {},
  ) {
    this.target = target;
    this.increase = increase;
    this.decrease = decrease;
    this.every = every;
    this.minTw = st.twPenalty * 0.05;
    this.maxTw = st.twPenalty * 1e4;
    this.minLoad = st.loadPenalty * 0.05;
    this.maxLoad = st.loadPenalty * 1e4;
  }

  /** Records one solution's feasibility; returns true when the penalties changed (the caller reprices). */
  register(loadFeasible: boolean, timeFeasible: boolean): boolean {
    if (this.st.exact) return false;
    this.loadOk += loadFeasible ? 1 : 0;
    this.timeOk += timeFeasible ? 1 : 0;
    if (++this.count < this.every) return false;
    const st = this.st;
    const adjust = (p: number, ok: number, lo: number, hi: number) =>
      Math.min(hi, Math.max(lo, ok / this.count < this.target ? p * this.increase : p * this.decrease));
    st.twPenalty = adjust(st.twPenalty, this.timeOk, this.minTw, this.maxTw);
    st.loadPenalty = adjust(st.loadPenalty, this.loadOk, this.minLoad, this.maxLoad);
    this.loadOk = this.timeOk = this.count = 0;
    st.repriceAll();
    return true;
  }
}
