// GET /v1/boards/{boardId}/view: the dispatcher's board as a self-contained web page (inline CSS
// and script, no external URL). Auth as GET /v1/boards/{id} (same keys, same tenant scoping: another
// tenant's board is a 404), and a browser may pass the key as ?key=. With ?part=board it answers
// only the page's <main> content, with an ETag from the board's updatedAt (304 on If-None-Match):
// the page polls that to update itself live.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Problem } from '@truckroll/solver';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../problem.ts';
import { errorResponse } from '../schemas.ts';
import type { BoardRecord, BoardStore } from '../store/boards.ts';
import { boardEtag, etagMatches } from '../etag.ts';
import { boardFragment, boardPage, boardPageHeaders, readStoredProblem } from '../view/board-page.ts';

/** The query parameter that may carry the API key on this route. */
export const VIEW_KEY_PARAM = 'key';

/** True for /v1/boards/{id}/view (which takes `?key=` besides the Authorization header). */
export const isBoardViewPath = (path: string): boolean => /^\/v1\/boards\/[^/]+\/view\/?$/.test(path);

const IdParams = z.object({ boardId: z.string().min(1).openapi({ param: { name: 'boardId', in: 'path' } }) });

/** Boards whose parsed problem and rendered fragment are kept (least recently changed dropped first). */
const VIEW_CACHE = 16;

export function registerView(app: OpenAPIHono<AppEnv>, { store }: { store: BoardStore }): void {
  // Per board, checked against updatedAt (the page polls; a change re-reads): the parsed problem,
  // and the rendered fragment (25 ms on the large sample; every open page polls it after a change).
  const views = new Map<string, { updatedAt: string; problem: Problem; fragment?: string }>();
  const viewOf = (record: BoardRecord): { updatedAt: string; problem: Problem; fragment?: string } => {
    const hit = views.get(record.id);
    if (hit && hit.updatedAt === record.updatedAt) return hit;
    const entry = { updatedAt: record.updatedAt, problem: readStoredProblem(record.problemJson) };
    views.delete(record.id);
    if (views.size >= VIEW_CACHE) views.delete(views.keys().next().value!);
    views.set(record.id, entry);
    return entry;
  };
  const fragmentOf = (record: BoardRecord): { problem: Problem; fragment: string } => {
    const v = viewOf(record);
    v.fragment ??= boardFragment({ record, problem: v.problem });
    return { problem: v.problem, fragment: v.fragment };
  };
  const notFound = (id: string) => new ApiError({ status: 404, code: 'board_not_found', title: 'Not Found', detail: `no board ${id}` });

  const route = createRoute({
    method: 'get',
    path: '/v1/boards/{boardId}/view',
    tags: ['boards'],
    summary: 'The board as a web page',
    description:
      'A self-contained page for a dispatcher: KPIs, a timeline per technician, a map of the routes, the unassigned jobs with reasons; it updates itself when the board changes and highlights the jobs that moved. A browser link may carry the API key as `?key=`.',
    security: [{ ApiKey: [] }],
    request: {
      params: IdParams,
      query: z.object({
        key: z.string().optional().openapi({ description: 'The API key, for a link opened in a browser (instead of the Authorization header).' }),
        part: z.enum(['board']).optional().openapi({ description: '`board`: only the page’s main content, with an ETag (the page polls it).' }),
      }),
    },
    responses: {
      200: { description: 'The page (or its main content with `part=board`).', content: { 'text/html': { schema: z.string() } } },
      304: { description: 'Not modified since the ETag sent in If-None-Match (`part=board`).' },
      401: errorResponse('Missing or unknown API key.'),
      404: errorResponse('No such board for this tenant.'),
    },
  });

  app.openapi(route, (c) => {
    const { boardId } = c.req.valid('param');
    const { part } = c.req.valid('query');
    const tenant = c.var.tenant;
    if (part === 'board') {
      const updatedAt = store.updatedAtOf(tenant, boardId);
      if (updatedAt === undefined) throw notFound(boardId);
      const etag = boardEtag(updatedAt);
      if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304, { ETag: etag, 'Cache-Control': 'no-store' });
    }
    const record = store.get(tenant, boardId);
    if (!record) throw notFound(boardId);
    const { problem, fragment } = fragmentOf(record);
    if (part === 'board') {
      const headers = { ...boardPageHeaders(), ETag: boardEtag(record.updatedAt) };
      return c.body(fragment, 200, headers);
    }
    const { body, headers } = boardPage({ record, problem, fragment, pollUrl: `/v1/boards/${encodeURIComponent(record.id)}/view?part=board` });
    return c.body(body, 200, headers);
  });
}
