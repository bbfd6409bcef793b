// ETags of stored boards: a board row's updatedAt moves strictly forward on every change
// (store/boards.ts), so W/"<updatedAt>" names a state of the board (weak: the same state goes
// out plain or gzipped, as JSON or as the page's fragment). If-None-Match compares weakly.

/** The ETag of a board's state. */
export const boardEtag = (updatedAt: string): string => `W/"${updatedAt}"`;

/** True when an If-None-Match header lists `etag` (weak comparison, RFC 9110 §13.1.2). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(/,(?=\s*(?:W\/)?")/).some((t) => bare(t) === bare(etag));
}
