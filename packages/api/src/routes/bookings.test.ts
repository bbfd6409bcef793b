// Offers and bookings in-process (in-thread pool, SQLite, real store): offers for a caller, booking
// one (the job lands inside the window, a customer link comes back, the event is stored), 409 with
// fresh offers once the board can no longer keep it (nothing stored), emergencies, bad input.
import { describe, expect, it } from 'vitest';
import { checkBoard, parseIso, parseProblemText, type Board } from '@truckroll/solver';
import { liveApp, smallJson } from '../fixtures.test-helper.ts';

function setup() {
  const app = liveApp();
  const call = (path: string, body?: unknown) => app.call(path, body === undefined ? {} : { body });
  return { ...app, call };
}

const problem = JSON.parse(smallJson()) as { technicians: { id: string; shift: { start: string } }[]; jobs: { location: unknown; skills: Record<string, number> }[] };
const day = problem.technicians[0]!.shift.start;
const at = (hhmm: string) => `${day.slice(0, 11)}${hhmm}:00${day.slice(19)}`;
const caller = (id: string, extra: Record<string, unknown> = {}) => ({ id, location: problem.jobs[3]!.location, durationMin: 45, skills: problem.jobs[3]!.skills, value: 200, ...extra });

interface OffersBody {
  offers: { window: { start: string; end: string }; technicianId: string; keepsPromises: boolean; addedCost: number }[];
  emergency?: { technicianId: string | null; arrival: string | null };
}

async function solved(call: ReturnType<typeof setup>['call']): Promise<string> {
  const res = await call('/v1/boards?wait=30', JSON.parse(smallJson()));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('offers and bookings', () => {
  it('offers windows, books the first: inside the window, a customer link, the event stored, the board checked', async () => {
    const { call, store } = setup();
    const id = await solved(call);
    const res = await call(`/v1/boards/${id}/offers`, { job: caller('CALL-1'), k: 3 });
    expect(res.status).toBe(200);
    const { offers } = (await res.json()) as OffersBody;
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.length).toBeLessThanOrEqual(3);
    const chosen = offers[0]!;
    const booked = await call(`/v1/boards/${id}/bookings`, { job: caller('CALL-1'), window: chosen.window, keepPromises: chosen.keepsPromises });
    expect(booked.status).toBe(201);
    const b = (await booked.json()) as { plannedStart: string; tracking: { url: string }; board: Board; eventsApplied: number };
    expect(parseIso(b.plannedStart)).toBeGreaterThanOrEqual(parseIso(chosen.window.start));
    expect(parseIso(b.plannedStart)).toBeLessThanOrEqual(parseIso(chosen.window.end));
    expect(b.eventsApplied).toBe(1);
    const track = (await (await call(b.tracking.url)).json()) as { status: string; eta: unknown };
    expect(track.status).toBe('Scheduled');
    const r = store.get('default', id)!;
    expect(store.eventsAfter(id, 0).map((e) => e.type)).toEqual(['job_added']);
    expect(checkBoard(parseProblemText(r.liveProblemJson!), r.board!).violations).toEqual([]);
  });

  it('refuses a booking the board can no longer keep with 409 and fresh offers, storing nothing', async () => {
    const { call, store } = setup();
    const id = await solved(call);
    const { offers } = (await (await call(`/v1/boards/${id}/offers`, { job: caller('CALL-2') })).json()) as OffersBody;
    expect(offers.length).toBeGreaterThan(0);
    // meanwhile every technician goes home
    const gone = problem.technicians.map((t) => ({ type: 'technician_unavailable', at: at('06:00'), technicianId: t.id }));
    expect((await call(`/v1/boards/${id}/events`, { events: gone })).status).toBe(200);
    const before = store.eventsAfter(id, 0).length;
    const res = await call(`/v1/boards/${id}/bookings`, { job: caller('CALL-2'), window: offers[0]!.window });
    expect(res.status).toBe(409);
    expect(res.headers.get('Content-Type')).toMatch(/problem\+json/);
    const p = (await res.json()) as { type: string; offers: unknown[] };
    expect(p.type).toBe('/problems/offer_gone');
    expect(p.offers).toEqual([]);
    expect(store.eventsAfter(id, 0).length).toBe(before);
  });

  it('an emergency call gets the earliest arrival', async () => {
    const { call } = setup();
    const id = await solved(call);
    const res = await call(`/v1/boards/${id}/offers`, { job: caller('EM-1', { priority: 'emergency', calledAt: at('09:00'), responseDeadline: at('11:00') }), now: at('09:00') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as OffersBody;
    expect(body.offers).toEqual([]);
    expect(body.emergency!.technicianId).not.toBeNull();
    expect(parseIso(body.emergency!.arrival!)).toBeGreaterThanOrEqual(parseIso(at('09:00')));
  });

  it('names the bad field of a malformed job, and refuses an id the board already has', async () => {
    const { call } = setup();
    const id = await solved(call);
    const bad = await call(`/v1/boards/${id}/offers`, { job: { ...caller('X'), durationMin: -5 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { pointer: string }[] }).errors[0]!.pointer).toBe('#/job/durationMin');
    const dup = await call(`/v1/boards/${id}/offers`, { job: caller('J0001') });
    expect(dup.status).toBe(422);
  });
});
