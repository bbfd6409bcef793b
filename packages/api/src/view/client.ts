// The board page's only script (inline, CSP-hashed): live updates. Every POLL_MS it asks for the
// board fragment with If-None-Match (304 while nothing changed); on a change it swaps the fragment
// in, marks the jobs whose placement (technician and planned start, or "unassigned") differs from
// the board shown before, says so in the live region and lists their ids as JSON in
// main[data-moved]. The API key, when the page was opened with ?key=, goes in the Authorization
// header, never in the polled URL. Plain ES2020, no template literals (this is a TS template string).

export const CLIENT_JS = String.raw`(function () {
  'use strict';
  var main = document.getElementById('board');
  var live = document.getElementById('live');
  var checked = document.getElementById('checked');
  if (!main || !live) return;
  var url = main.getAttribute('data-poll-url');
  var every = Number(main.getAttribute('data-poll-ms')) || 2000;
  var etag = main.getAttribute('data-etag') || '';
  var key = new URLSearchParams(location.search).get('key');
  var failing = false;

  function placements(root) {
    var out = new Map();
    root.querySelectorAll('[data-placement]').forEach(function (el) {
      out.set(el.getAttribute('data-job'), el.getAttribute('data-placement'));
    });
    return out;
  }

  function say(text) {
    live.textContent = text;
  }

  function clockNow() {
    var d = new Date();
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map(function (n) { return String(n).padStart(2, '0'); }).join(':');
  }

  function swap(text, tag) {
    var before = placements(main);
    var tpl = document.createElement('template');
    tpl.innerHTML = text;
    var after = placements(tpl.content);
    var moved = [];
    after.forEach(function (p, id) {
      if (before.has(id) && before.get(id) !== p) moved.push(id);
    });
    var set = new Set(moved);
    tpl.content.querySelectorAll('[data-job]').forEach(function (el) {
      if (set.has(el.getAttribute('data-job'))) el.classList.add('moved');
    });
    var open = [];
    main.querySelectorAll('details[id]').forEach(function (el) { if (el.open) open.push(el.id); });
    main.replaceChildren(tpl.content);
    open.forEach(function (id) { var el = document.getElementById(id); if (el) el.open = true; });
    etag = tag || '';
    main.setAttribute('data-etag', etag);
    main.setAttribute('data-moved', JSON.stringify(moved));
    var shown = moved.slice(0, 12).join(', ') + (moved.length > 12 ? ' and ' + (moved.length - 12) + ' more' : '');
    say('Board updated: ' + (moved.length === 0 ? 'no job moved.' : moved.length + (moved.length === 1 ? ' job' : ' jobs') + ' moved (' + shown + '), highlighted.'));
  }

  function poll() {
    if (document.hidden) { setTimeout(poll, every); return; }
    var headers = { Accept: 'text/html' };
    if (etag) headers['If-None-Match'] = etag;
    if (key) headers.Authorization = 'Bearer ' + key;
    fetch(url, { headers: headers, cache: 'no-store', credentials: 'same-origin' })
      .then(function (res) {
        if (res.status === 304) return;
        if (!res.ok) throw new Error('HTTP ' + res.status);
        var tag = res.headers.get('ETag');
        return res.text().then(function (text) { swap(text, tag); });
      })
      .then(function () {
        if (failing) { failing = false; say('Live again.'); }
        if (checked) checked.textContent = 'Last checked ' + clockNow() + '.';
      }, function (err) {
        if (!failing) say('The board could not be refreshed (' + err.message + '); retrying every ' + every / 1000 + ' s.');
        failing = true;
      })
      .then(function () { setTimeout(poll, every); });
  }

  setTimeout(poll, every);
})();
`;
