// The booking policy: Truckroll's live board, where every new (non-emergency) call is booked into
// the first window recommend() offers, as a caller would accept it; that window becomes the job's
// promise (adherence is measured against it, and the technician waits for it to open). A call with
// no offer today is booked first-come, like the engine policy. Compare with `engine`, which books
// each call into any free slot of its own windows.
import { recommend, type LiveEvent } from '@truckroll/solver';
import { enginePolicy } from './engine.ts';
import type { MorningBoards, Policy, PolicyOptions, PolicyView } from './types.ts';

export function offersPolicy(options: PolicyOptions): Policy {
  const inner = enginePolicy(options);
  const promised = new Map<string, { start: string; end: string }[]>();
  let view: PolicyView;
  return {
    name: 'offers',
    async start(problem, morning: MorningBoards): Promise<PolicyView> {
      view = await inner.start(problem, morning);
      return view;
    },
    async update(events: readonly LiveEvent[], nowMs: number): Promise<PolicyView> {
      let batch: LiveEvent[] = [];
      for (const e of events) {
        if (e.type !== 'job_added' || e.job.priority === 'emergency') {
          batch.push(e);
          continue;
        }
        // the caller hears the offers for the board as it stands with everything before the call
        if (batch.length) view = await inner.update(batch, nowMs);
        batch = [];
        const { offers } = await recommend(view.problem, view.board, e.job, { k: 1, now: e.at });
        const first = offers[0];
        if (first) {
          promised.set(e.job.id, [first.window]);
          batch.push({ ...e, job: { ...e.job, windows: [first.window] } });
        } else batch.push(e);
      }
      if (batch.length) view = await inner.update(batch, nowMs);
      return view;
    },
    promisedWindows: (jobId) => promised.get(jobId),
  };
}
