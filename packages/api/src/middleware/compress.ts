// gzip for the large answers (boards, the board page, the OpenAPI document and docs assets):
// when the client accepts gzip and the body is at least `threshold` bytes, it is compressed by
// zlib on libuv's thread pool, not on the event loop, and sent with its Content-Length. A large
// day's board is ~600 kB of JSON and its page ~1.6 MB of HTML; both shrink five- to tenfold.
// These answers get `Vary: Accept-Encoding` (their 304s and HEADs too); a compressed one's strong
// ETag turns weak (it names the content, not the bytes; If-None-Match compares weakly). Mounted
// only where answers are large: never on /v1/track or /healthz, whose small answers are the hot
// path under load.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const gzipAsync = promisify(gzip);

const COMPRESSIBLE = /^(?:application\/(?:json|problem\+json|javascript)|text\/(?:html|css|javascript))\b/i;

/** True when an Accept-Encoding header takes gzip (explicitly or by `*`) with q > 0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') return q > 0;
    if (name.trim() === '*') star = q;
  }
  return star !== undefined && star > 0;
}

export function compressLarge({ threshold = 8 * 1024, level = 6 }: { threshold?: number; level?: number } = {}): MiddlewareHandler {
  return async function compressLarge(c, next) {
    await next();
    const res = c.res;
    // a 304 and a HEAD say what the 200 GET would: the same Vary
    const notModified = res.status === 304;
    if (res.headers.has('Content-Encoding') || !(notModified || COMPRESSIBLE.test(res.headers.get('Content-Type') ?? ''))) return;
    if (/\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')) return;
    const vary = res.headers.get('Vary');
    if (!vary) res.headers.set('Vary', 'Accept-Encoding');
    else if (vary !== '*' && !/\baccept-encoding\b/i.test(vary)) res.headers.set('Vary', `${vary}, Accept-Encoding`);
    if (notModified || c.req.method === 'HEAD' || !res.body || !acceptsGzip(c.req.header('Accept-Encoding'))) return;
    const plain = new Uint8Array(await res.arrayBuffer());
    if (plain.byteLength < threshold) {
      c.res = new Response(plain, res);
      return;
    }
    const zipped = await gzipAsync(plain, { level });
    c.res = new Response(zipped, res);
    c.res.headers.set('Content-Encoding', 'gzip');
    c.res.headers.set('Content-Length', String(zipped.byteLength));
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}
