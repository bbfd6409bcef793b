// GET /v1/track/{token}: the customer status page's data, no auth. Only that job's customer-safe
// label, its ETA window (ISO and a plain phrase) and the business name; never other jobs, the
// route, the technician or addresses. Unknown or malformed tokens are a plain 404. JSON by
// default; a client that prefers text/html (a browser) gets the same as a small page (view/track-page.ts).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { offsetMinutesOf, parseIso, type Board, type JobStatus } from '@truckroll/solver';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../problem.ts';
import { errorResponse } from '../schemas.ts';
import type { BoardStore } from '../store/boards.ts';
import type { TrackingStore } from '../store/tracking.ts';
import { prefersHtml } from '../view/negotiate.ts';
import { trackNotFoundPage, trackPage } from '../view/track-page.ts';

export const CUSTOMER_LABELS = ['Scheduled', 'On the way', 'On site', 'Waiting on parts', 'Done'] as const;
export type CustomerLabel = (typeof CUSTOMER_LABELS)[number];

const LABEL: Record<JobStatus, CustomerLabel | undefined> = {
  unscheduled: 'Scheduled',
  scheduled: 'Scheduled',
  en_route: 'On the way',
  on_site: 'On site',
  waiting_on_parts: 'Waiting on parts',
  complete: 'Done',
  cancelled: undefined,
};

export const TrackingView = z
  .object({
    business: z.string().nullable(),
    status: z.enum(CUSTOMER_LABELS),
    eta: z.object({ start: z.string(), end: z.string() }).nullable(),
    etaText: z.string().openapi({ example: 'Tuesday between 10:00 and 11:00' }),
  })
  .openapi('TrackingView', { description: "One customer's appointment status; nothing about other customers or the route." });

export type TrackingView = z.infer<typeof TrackingView>;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Tuesday between 10:00 and 11:00" (local to the window's own offset). */
export function etaPhrase(start: string, end: string): string {
  const local = (iso: string) => new Date(parseIso(iso) + offsetMinutesOf(iso) * 60_000);
  const s = local(start);
  const e = local(end);
  const hm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  const day = WEEKDAYS[s.getUTCDay()]!;
  if (start === end) return `${day} at ${hm(s)}`;
  return s.getUTCDay() === e.getUTCDay() ? `${day} between ${hm(s)} and ${hm(e)}` : `between ${day} ${hm(s)} and ${WEEKDAYS[e.getUTCDay()]} ${hm(e)}`;
}

interface ProblemView {
  business?: string;
  jobs?: { id?: unknown; status?: unknown }[];
}

/** The customer view of `jobId` on a board, or undefined when there is nothing to show (cancelled, unknown). */
export function customerView(problem: string | ProblemView, board: Board | null, jobId: string): TrackingView | undefined {
  const p = typeof problem === 'string' ? (JSON.parse(problem) as ProblemView) : problem;
  const job = p.jobs?.find((j) => j.id === jobId);
  if (!job) return undefined;
  const label = LABEL[(typeof job.status === 'string' ? job.status : 'unscheduled') as JobStatus];
  if (!label) return undefined;
  const business = typeof p.business === 'string' ? p.business : null;
  if (label === 'Done') return { business, status: label, eta: null, etaText: 'Your job is done.' };
  if (label === 'On site') return { business, status: label, eta: null, etaText: 'Your technician is on site.' };
  const stop = board?.routes.flatMap((r) => r.stops).find((s) => s.kind === 'job' && s.jobId === jobId);
  if (!stop) return { business, status: label, eta: null, etaText: 'We will confirm your appointment time soon.' };
  const eta = stop.eta ?? { start: stop.start, end: stop.start };
  return { business, status: label, eta: { start: eta.start, end: eta.end }, etaText: etaPhrase(eta.start, eta.end) };
}

export function registerTrack(app: OpenAPIHono<AppEnv>, { store, tracking }: { store: BoardStore; tracking: TrackingStore }): void {
  // A small cache of parsed boards, keyed by id and checked against updatedAt (status pages are polled).
  const cache = new Map<string, { updatedAt: string; problem: ProblemView; board: Board | null }>();
  const notFound = () => new ApiError({ status: 404, code: 'tracking_not_found', title: 'Not Found', detail: 'no appointment for this link' });
  const route = createRoute({
    method: 'get',
    path: '/v1/track/{token}',
    tags: ['tracking'],
    summary: "A customer's appointment status (no auth)",
    description: 'The token comes from the board view (`tracking[]`). Answers only this job: a status label, the ETA window and the business name.',
    request: { params: z.object({ token: z.string().openapi({ param: { name: 'token', in: 'path' } }) }) },
    responses: {
      200: {
        description: 'The status: JSON by default, a page when the client prefers text/html (Accept).',
        content: { 'application/json': { schema: TrackingView }, 'text/html': { schema: z.string() } },
      },
      404: { description: 'Unknown link.', content: { ...errorResponse('Unknown link.').content, 'text/html': { schema: z.string() } } },
    },
  });
  app.openapi(route, (c) => {
    c.header('Vary', 'Accept');
    const asHtml = prefersHtml(c.req.header('Accept'));
    const notFoundFor = () => {
      if (!asHtml) throw notFound();
      const { body, headers } = trackNotFoundPage();
      return c.body(body, 404, headers);
    };
    const ref = tracking.lookup(c.req.valid('param').token);
    if (!ref) return notFoundFor();
    const updatedAt = store.updatedAtOf(ref.tenant, ref.boardId);
    if (updatedAt === undefined) return notFoundFor();
    let entry = cache.get(ref.boardId);
    if (!entry || entry.updatedAt !== updatedAt) {
      const r = store.get(ref.tenant, ref.boardId);
      if (!r) return notFoundFor();
      entry = { updatedAt: r.updatedAt, problem: JSON.parse(r.liveProblemJson ?? r.problemJson) as ProblemView, board: r.board };
      cache.delete(ref.boardId);
      if (cache.size >= 256) cache.delete(cache.keys().next().value!);
      cache.set(ref.boardId, entry);
    }
    const view = customerView(entry.problem, entry.board, ref.jobId);
    if (!view) return notFoundFor();
    if (asHtml) {
      const { body, headers } = trackPage(view);
      return c.body(body, 200, headers);
    }
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(view, 200);
  });
}
