// The customer's status page (GET /v1/track/{token} for a browser): the business name, the status
// and the ETA window in plain language, and nothing else: no job id, name or address, no route,
// no technician. One small response, no script, large type, readable on a phone.
import type { TrackingView } from '../routes/track.ts';
import { windowPhrase } from './format.ts';
import { html } from './html.ts';
import { page, pageHeaders } from './page.ts';

export const TRACK_CSS = `:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:#1b1f24;font:1.25rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
.business{margin:0 0 .25rem;font-size:1.05rem;font-weight:600;color:#374151}
h1{margin:0 0 1.25rem;font-size:2rem;line-height:1.2}
.card{background:#fff;border:1px solid #c9d0d8;border-radius:12px;padding:1.25rem 1.25rem 1.4rem}
.status{margin:0 0 .75rem;font-size:1.1rem}
.badge{display:inline-block;padding:.15rem .7rem;border-radius:999px;background:#1d4ed8;color:#fff;font-weight:700}
.badge.done{background:#1e6b34}
.eta{margin:0;font-size:1.5rem;line-height:1.4;font-weight:600}
.note{margin:1.25rem 0 0;font-size:1rem;color:#374151}`;

/** The sentence under the status: what happens next and when. */
export function trackSentence(view: TrackingView): string {
  const when = view.eta ? windowPhrase(view.eta.start, view.eta.end) : undefined;
  switch (view.status) {
    case 'Done':
      return 'Your job is done. Thank you!';
    case 'On site':
      return 'Your technician is with you now.';
    case 'On the way':
      return when ? `Your technician is on the way and should arrive ${when}.` : 'Your technician is on the way.';
    case 'Waiting on parts':
      return when ? `We are waiting on parts. Your technician is scheduled to arrive ${when}.` : 'We are waiting on parts and will confirm a new time when they arrive.';
    case 'Scheduled':
      return when ? `Your technician is scheduled to arrive ${when}.` : 'We will confirm your appointment time soon.';
  }
}

/** The page and its headers. */
export function trackPage(view: TrackingView): { body: string; headers: Record<string, string> } {
  const title = view.business ? `Your appointment with ${view.business}` : 'Your appointment';
  const body = html`<main>${view.business ? html`<p class="business">${view.business}</p>` : null}<h1>Your appointment</h1><div class="card"><p class="status">Status: <strong class="badge${view.status === 'Done' ? ' done' : ''}">${view.status}</strong></p><p class="eta">${trackSentence(view)}</p></div><p class="note">Times are local. Reload this page for the latest status.</p></main>`;
  return { body: page({ title, css: TRACK_CSS, body }), headers: pageHeaders({ css: TRACK_CSS }) };
}

/** The page for a link that points nowhere. */
export function trackNotFoundPage(): { body: string; headers: Record<string, string> } {
  const body = html`<main><h1>Appointment not found</h1><div class="card"><p class="eta">We could not find an appointment for this link.</p><p class="note">Check that the whole link was copied, or contact the business that sent it.</p></div></main>`;
  return { body: page({ title: 'Appointment not found', css: TRACK_CSS, body }), headers: pageHeaders({ css: TRACK_CSS }) };
}
