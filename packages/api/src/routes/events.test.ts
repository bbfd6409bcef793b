// POST/GET /v1/boards/{id}/events in-process (in-thread pool, SQLite, the real store and runner):
// events stored append-only before the answer, the re-planned board checked against the problem
// the events leave behind, changes per job, 404/409/422/400, tenancy, and catching up after a
// crash between storing events and saving the board.
import { describe, expect, it } from 'vitest';
import { checkBoard, parseProblemText, timePlans, type Board } from '@truckroll/solver';
import { liveApp, smallJson, KEY_A, KEY_B, twoTenants } from '../fixtures.test-helper.ts';

const keys = twoTenants();

function setup() {
  const app = liveApp({ keys });
  const call = (path: string, o: { key?: string; method?: string; body?: unknown } = {}) => app.call(path, { key: KEY_A, ...o });
  return { ...app, call };
}

interface EventsAnswer {
  seqs: number[];
  eventsApplied: number;
  board: Board;
  changes: { jobId: string; kind: string; notify: boolean }[];
  emergencies: { jobId: string; onTime: boolean; technicianId: string | null }[];
  tracking?: { jobId: string; url: string }[];
}

const day = JSON.parse(smallJson()).technicians[0].shift.start as string;
const at = (hhmm: string) => `${day.slice(0, 11)}${hhmm}:00${day.slice(19)}`;

async function solvedBoard(call: ReturnType<typeof setup>['call']): Promise<{ id: string; board: Board }> {
  const res = await call('/v1/boards?wait=30', { method: 'POST', body: smallJson() });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; board: Board };
  return body;
}

describe('/v1/boards/{id}/events', () => {
  it('re-plans for a cancellation and an emergency, stores both, and the board passes the checker against the updated problem', async () => {
    const { call, store } = setup();
    const { id, board } = await solvedBoard(call);
    const route = board.routes.find((r) => r.stops.filter((s) => s.kind === 'job').length >= 3)!;
    const victim = route.stops.filter((s) => s.kind === 'job')[2]!.jobId!;
    const near = route.stops.find((s) => s.kind === 'job')!.location;
    const res = await call(`/v1/boards/${id}/events`, {
      method: 'POST',
      body: {
        events: [
          { type: 'job_cancelled', at: at('07:30'), jobId: victim },
          { type: 'job_added', at: at('07:40'), job: { id: 'EM-9', location: near, durationMin: 45, priority: 'emergency', calledAt: at('07:40'), responseDeadline: at('10:30') } },
        ],
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as EventsAnswer;
    expect(body.seqs).toEqual([1, 2]);
    expect(body.eventsApplied).toBe(2);
    expect(body.changes.find((c) => c.jobId === victim)!.kind).toBe('cancelled');
    expect(body.emergencies[0]).toMatchObject({ jobId: 'EM-9', onTime: true });
    expect(body.tracking?.find((t) => t.jobId === 'EM-9')?.url).toMatch(/^\/v1\/track\//);
    const record = store.get('A', id)!;
    expect(record.eventsApplied).toBe(2);
    const check = checkBoard(parseProblemText(record.liveProblemJson!), record.board!);
    expect(check.violations).toEqual([]);
    expect(record.board).toEqual(body.board);

    const log = (await (await call(`/v1/boards/${id}/events`)).json()) as { items: { seq: number; type: string }[]; eventsApplied: number };
    expect(log.items.map((e) => [e.seq, e.type])).toEqual([
      [1, 'job_cancelled'],
      [2, 'job_added'],
    ]);
    // where the job stands now
    const standing = (await (await call(`/v1/boards/${id}/jobs/${victim}`)).json()) as { state: string };
    expect(standing.state).toBe('cancelled');
  });

  it('follows a job through started and finished; the customer link says On site, then Done', async () => {
    const { call } = setup();
    const { id, board } = await solvedBoard(call);
    const route = board.routes.find((r) => r.stops.some((s) => s.kind === 'job'))!;
    const first = route.stops.find((s) => s.kind === 'job')!;
    const view = (await (await call(`/v1/boards/${id}`)).json()) as { tracking: { jobId: string; url: string }[] };
    const link = view.tracking.find((t) => t.jobId === first.jobId)!.url;
    const started = await call(`/v1/boards/${id}/events`, { method: 'POST', body: { events: [{ type: 'job_started', at: first.start, jobId: first.jobId, technicianId: route.technicianId }] } });
    expect(started.status).toBe(200);
    expect(((await (await call(link)).json()) as { status: string }).status).toBe('On site');
    const finished = await call(`/v1/boards/${id}/events`, { method: 'POST', body: { events: [{ type: 'job_finished', at: first.end, jobId: first.jobId }] } });
    expect(finished.status).toBe(200);
    const body = (await finished.json()) as EventsAnswer & { eventsApplied: number };
    expect(body.eventsApplied).toBe(2);
    expect(body.board.routes.find((r) => r.technicianId === route.technicianId)!.done![0]).toMatchObject({ jobId: first.jobId, status: 'complete' });
    expect(((await (await call(link)).json()) as { status: string }).status).toBe('Done');
  });

  it('refuses bad events with the field path and stores nothing', async () => {
    const { call, store } = setup();
    const { id } = await solvedBoard(call);
    const unknown = await call(`/v1/boards/${id}/events`, { method: 'POST', body: { events: [{ type: 'job_cancelled', at: at('09:00'), jobId: 'NOPE' }] } });
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('Content-Type')).toMatch(/application\/problem\+json/);
    const p = (await unknown.json()) as { errors: { pointer: string }[] };
    expect(p.errors[0]!.pointer).toBe('#/events/0/jobId');
    const malformed = await call(`/v1/boards/${id}/events`, { method: 'POST', body: { events: [{ type: 'job_teleported', at: at('09:00') }] } });
    expect(malformed.status).toBe(400);
    const finishing = await call(`/v1/boards/${id}/events`, { method: 'POST', body: { events: [{ type: 'job_finished', at: at('09:00'), jobId: 'J0001' }] } });
    expect(finishing.status).toBe(422);
    expect(store.eventsAfter(id, 0)).toEqual([]);
  });

  it('is 404 for another tenant and 409 before the board is solved', async () => {
    const { call, store } = setup();
    const { id } = await solvedBoard(call);
    const other = await call(`/v1/boards/${id}/events`, { key: KEY_B, method: 'POST', body: { events: [{ type: 'job_cancelled', at: at('09:00'), jobId: 'J0001' }] } });
    expect(other.status).toBe(404);
    expect((await call(`/v1/boards/${id}/events`, { key: KEY_B })).status).toBe(404);
    const queued = store.insert({ tenant: 'A', date: day.slice(0, 10), problemJson: smallJson() });
    const early = await call(`/v1/boards/${queued.id}/events`, { method: 'POST', body: { events: [{ type: 'job_cancelled', at: at('09:00'), jobId: 'J0001' }] } });
    expect(early.status).toBe(409);
  });

  it('catches up on events stored before a crash: the next start applies them', async () => {
    const { call, store, live } = setup();
    const { id, board } = await solvedBoard(call);
    const victim = board.routes.flatMap((r) => r.stops).find((s) => s.kind === 'job')!.jobId!;
    // the process died after storing the event, before saving the board
    store.appendEvents(id, [{ type: 'job_cancelled', at: at('07:00'), jobId: victim } as never]);
    expect(store.withPendingEvents().map((r) => r.id)).toEqual([id]);
    expect(await live.recover()).toBe(1);
    const r = store.get('A', id)!;
    expect(r.eventsApplied).toBe(1);
    expect(r.board!.routes.flatMap((x) => x.stops).some((s) => s.jobId === victim)).toBe(false);
    expect(checkBoard(parseProblemText(r.liveProblemJson!), r.board!).violations).toEqual([]);
    expect(store.withPendingEvents()).toEqual([]);
  });

  it('fillIdle (opt-in): an idle apprentice takes a planned simple job so the senior can take the open hard one', async () => {
    const { call, store } = setup();
    const d = (hhmm: string) => `2026-03-02T${hhmm}:00-07:00`;
    const loc = (i: number) => ({ lat: 39.7 + i / 100, lon: -105 });
    const morning = [{ start: d('08:00'), end: d('12:00') }];
    const shop = JSON.stringify({
      technicians: [
        { id: 'SENIOR', start: loc(0), shift: { start: d('08:00'), end: d('12:00'), maxOvertimeMin: 0 }, skills: { hvac: 3 } },
        { id: 'APPRENTICE', start: loc(0), shift: { start: d('08:00'), end: d('12:00'), maxOvertimeMin: 0 }, skills: { hvac: 1 } },
      ],
      // only one of the two fits in the senior's morning
      jobs: [
        { id: 'SIMPLE', location: loc(1), durationMin: 150, windows: morning, skills: { hvac: 1 } },
        { id: 'HARD', location: loc(2), durationMin: 150, windows: morning, skills: { hvac: 3 }, value: 500 },
      ],
    });
    // the board a dispatcher made by hand: the senior has the simple job, the hard one waits
    const { board } = await timePlans(parseProblemText(shop), { SENIOR: ['SIMPLE'], APPRENTICE: [] });
    const where = (b: Board, jobId: string) => b.routes.find((r) => r.stops.some((s) => s.jobId === jobId))?.technicianId ?? null;
    const nothingHappened = { type: 'technician_position', at: d('07:30'), technicianId: 'SENIOR', location: loc(0) };
    const replanned = async (fillIdle?: boolean) => {
      const record = store.insert({ tenant: 'A', date: '2026-03-02', problemJson: shop });
      store.markSolved(record.id, board);
      const res = await call(`/v1/boards/${record.id}/events`, { method: 'POST', body: { events: [nothingHappened], ...(fillIdle === undefined ? {} : { fillIdle }) } });
      expect(res.status).toBe(200);
      const b = ((await res.json()) as EventsAnswer).board;
      expect(checkBoard(parseProblemText(store.get('A', record.id)!.liveProblemJson!), b).violations).toEqual([]);
      return b;
    };
    const plain = await replanned();
    expect(where(plain, 'HARD')).toBeNull();
    expect(where(plain, 'SIMPLE')).toBe('SENIOR');
    const filled = await replanned(true);
    expect(where(filled, 'HARD')).toBe('SENIOR');
    expect(where(filled, 'SIMPLE')).toBe('APPRENTICE');
    const bad = await call(`/v1/boards/${store.insert({ tenant: 'A', date: '2026-03-02', problemJson: shop }).id}/events`, { method: 'POST', body: { events: [nothingHappened], fillIdle: 'yes' } });
    expect(bad.status).toBe(400);
  });
});
