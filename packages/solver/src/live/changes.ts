// What moved between two boards of the same day, per job, so that a caller can notify exactly the
// customers affected: the technician and the customer-facing ETA window before and after.
import type { Board } from '../model/board.ts';
import type { Problem } from '../model/problem.ts';
import type { LiveEvent } from './events.ts';

export type ChangeKind = 'scheduled' | 'unassigned' | 'reassigned' | 'eta_moved' | 'cancelled';

export interface JobPlacement {
  technicianId: string | null;
  /** Planned start (ISO), null when unassigned. */
  start: string | null;
  eta: { start: string; end: string } | null;
}

export interface JobChange {
  jobId: string;
  kind: ChangeKind;
  before: JobPlacement | null;
  after: JobPlacement | null;
  /** The customer should hear about it (the ETA window they were given changed, or the visit is off or newly booked). */
  notify: boolean;
}

export interface Disruption {
  /** Jobs planned before (still open, not named by an event) whose technician or ETA window changed. */
  jobsMoved: number;
  reassigned: number;
  etaMoved: number;
  /** Technicians whose planned jobs changed (any job added, removed or moved). */
  techniciansTouched: number;
}

function placements(board: Board): Map<string, JobPlacement> {
  const out = new Map<string, JobPlacement>();
  for (const r of board.routes) {
    for (const s of r.stops) {
      if (s.kind !== 'job' || s.jobId === undefined) continue;
      out.set(s.jobId, { technicianId: r.technicianId, start: s.start, eta: s.eta ? { start: s.eta.start, end: s.eta.end } : null });
    }
  }
  for (const u of board.unassigned) out.set(u.jobId, { technicianId: null, start: null, eta: null });
  return out;
}

const sameEta = (a: JobPlacement['eta'], b: JobPlacement['eta']) => (a === null ? b === null : b !== null && a.start === b.start && a.end === b.end);

export function boardChanges(before: Board, after: Board, problem: Problem, events: readonly LiveEvent[]): { changes: JobChange[]; disruption: Disruption } {
  const a = placements(before);
  const b = placements(after);
  const named = new Set<string>();
  for (const e of events) if ('jobId' in e) named.add(e.jobId);
  const status = new Map(problem.jobs.map((j) => [j.id, j.status]));
  const changes: JobChange[] = [];
  const touched = new Set<string>();
  let reassigned = 0;
  let etaMoved = 0;
  let moved = 0;
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id) ?? null;
    const y = b.get(id) ?? null;
    const st = status.get(id);
    if (st === 'cancelled') {
      if (x?.technicianId) {
        changes.push({ jobId: id, kind: 'cancelled', before: x, after: null, notify: false });
        touched.add(x.technicianId);
      }
      continue;
    }
    if (st === 'complete' || st === 'on_site') continue; // history, reported by the caller's own events
    if (!y) continue;
    const wasOn = x?.technicianId != null;
    const isOn = y.technicianId !== null;
    let kind: ChangeKind | null = null;
    if (!wasOn && isOn) kind = 'scheduled';
    else if (wasOn && !isOn) kind = 'unassigned';
    else if (wasOn && isOn && x!.technicianId !== y.technicianId) kind = 'reassigned';
    else if (wasOn && isOn && !sameEta(x!.eta, y.eta)) kind = 'eta_moved';
    if (!kind) continue;
    const etaChanged = !sameEta(x?.eta ?? null, y.eta);
    changes.push({ jobId: id, kind, before: x, after: y, notify: kind === 'scheduled' || kind === 'unassigned' || etaChanged });
    if (x?.technicianId) touched.add(x.technicianId);
    if (y.technicianId) touched.add(y.technicianId);
    if (wasOn && !named.has(id)) {
      moved++;
      if (kind === 'reassigned' || kind === 'unassigned') reassigned++;
      if (etaChanged) etaMoved++;
    }
  }
  changes.sort((p, q) => (p.jobId < q.jobId ? -1 : p.jobId > q.jobId ? 1 : 0));
  return { changes, disruption: { jobsMoved: moved, reassigned, etaMoved, techniciansTouched: touched.size } };
}
