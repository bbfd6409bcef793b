// gzip of large answers over a real server (127.0.0.1, SQLite file, worker pool): a board and its
// page come compressed when the client takes gzip, with the exact Content-Length and Vary; the
// bytes unzip to the same answer; small answers and the tracking route stay plain; a compressed
// fragment's weak ETag still gets its 304.
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallJson } from '../fixtures.test-helper.ts';
import { silentLogger } from '../log.ts';
import { startServer, type RunningServer } from '../main.ts';
import { acceptsGzip } from './compress.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** GET with node:http (fetch would unzip on its own): the status, headers and raw bytes. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

let server: RunningServer;
let boardId: string;
let trackUrl: string;

beforeAll(async () => {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'truckroll-gzip-')), 'boards.db');
  server = await startServer({ host: '127.0.0.1', port: 0, dbFile, threads: 1, maxQueue: 2, logger: silentLogger });
  const res = await fetch(`${server.url}/v1/boards?wait=30&timeLimit=1`, { method: 'POST', body: smallJson(), headers: { 'Content-Type': 'application/json' } });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; tracking: { url: string }[] };
  boardId = body.id;
  trackUrl = body.tracking[0]!.url;
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('gzip of large answers', () => {
  it('a board comes gzipped when asked, with its exact length, and unzips to the plain answer', async () => {
    const plain = await get(`${server.url}/v1/boards/${boardId}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    const zipped = await get(`${server.url}/v1/boards/${boardId}`, { 'Accept-Encoding': 'br;q=1, gzip;q=0.8' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(plain.body.toString('utf8'));
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
  });

  it('the board page too; its fragment keeps answering 304 to the weak ETag it was sent', async () => {
    const page = await get(`${server.url}/v1/boards/${boardId}/view`, { 'Accept-Encoding': 'gzip' });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(page.body).toString('utf8')).toContain('<!doctype html>');
    const part = await get(`${server.url}/v1/boards/${boardId}/view?part=board`, { 'Accept-Encoding': 'gzip' });
    expect(part.status).toBe(200);
    const etag = String(part.headers.etag);
    expect(part.headers['content-encoding']).toBe('gzip');
    expect(etag).toMatch(/^W\//);
    const again = await get(`${server.url}/v1/boards/${boardId}/view?part=board`, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    // the 304 says what the 200 did
    expect(again.headers.etag).toBe(etag);
    expect(again.headers.vary).toMatch(/Accept-Encoding/i);
    // and so does a HEAD
    expect((await get(`${server.url}/v1/boards/${boardId}`, { 'Accept-Encoding': 'gzip' }, 'HEAD')).headers.vary).toMatch(/Accept-Encoding/i);
  });

  it('leaves small answers, refusals of gzip, and the tracking route plain', async () => {
    const job = (JSON.parse(smallJson()) as { jobs: { id: string }[] }).jobs[0]!.id;
    const small = await get(`${server.url}/v1/boards/${boardId}/jobs/${job}`, { 'Accept-Encoding': 'gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toMatchObject({ boardId, jobId: job });
    const refused = await get(`${server.url}/v1/boards/${boardId}`, { 'Accept-Encoding': 'gzip;q=0, deflate' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const track = await get(`${server.url}${trackUrl}`, { 'Accept-Encoding': 'gzip', Accept: 'text/html' });
    expect(track.status).toBe(200);
    expect(track.headers['content-encoding']).toBeUndefined();
    expect(String(track.headers.vary ?? '')).not.toMatch(/Accept-Encoding/i);
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding with q-values and *', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('deflate, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0')).toBe(false);
    expect(acceptsGzip('identity, br')).toBe(false);
    expect(acceptsGzip('x-gzip')).toBe(true);
  });
});
