// The board page's stylesheet (inline, CSP-hashed). Text colours hold 4.5:1 on their backgrounds;
// the "moved" highlight is a thick black outline plus a yellow halo, and pulses only when the
// reader has not asked for reduced motion.
export const BOARD_CSS = `:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:#1b1f24;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header.top{background:#1b2a41;color:#fff;padding:.9rem 1.25rem}
header.top h1{margin:0;font-size:1.35rem}
header.top p{margin:.2rem 0 0;color:#e3e8ef}
#live{font-weight:600;color:#fff}
main{padding:1rem 1.25rem 2rem;display:grid;gap:1rem}
section{background:#fff;border:1px solid #c9d0d8;border-radius:8px;padding:.9rem 1rem}
h2{margin:0 0 .6rem;font-size:1.1rem}
.status-line{margin:0;color:#374151}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(10.5rem,1fr));gap:.6rem;margin:0}
.kpis div{border:1px solid #d5dbe1;border-radius:6px;padding:.45rem .6rem}
.kpis dt{font-size:.82rem;color:#4b5563}
.kpis dd{margin:0;font-size:1.3rem;font-weight:700}
.kpis dd small{display:block;font-size:.78rem;font-weight:400;color:#4b5563}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0;margin:.2rem 0 .6rem;font-size:.85rem;color:#374151}
.legend li{display:flex;align-items:center;gap:.35rem}
.legend.techs{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))}
.scroll{overflow-x:auto}
svg.timeline{min-width:900px;display:block}
svg text{font-family:inherit}
.axis{font-size:11px;fill:#374151}
.row-label{font-size:12px;fill:#1b1f24}
.bar-label{font-size:10.5px;fill:#fff;pointer-events:none}
.map-wrap{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
@media (max-width:1000px){.map-wrap{grid-template-columns:1fr}}
svg.map{display:block;max-height:78vh}
.closest{margin:0;padding-left:1.1rem}
table{border-collapse:collapse;width:100%;font-size:.88rem}
caption{text-align:left;font-weight:600;padding:.2rem 0 .4rem}
th,td{text-align:left;padding:.3rem .45rem;border-bottom:1px solid #dde2e7;vertical-align:top}
thead th{background:#eef1f4;border-bottom:2px solid #b9c1ca}
tbody th{font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.prio{display:inline-block;padding:0 .4rem;border-radius:4px;color:#fff;font-size:.8rem;font-weight:600}
.prio.p-emergency{background:#b42318}.prio.p-urgent{background:#a04100}.prio.p-normal{background:#1d4ed8}.prio.p-low{background:#0f6e66}
details summary{cursor:pointer;font-weight:600;padding:.3rem 0}
.none{color:#374151;margin:0}
.error{color:#9b1c1c;font-weight:600}
g.tl-job.moved rect{stroke:#000;stroke-width:3;paint-order:stroke}
g.tl-job.moved,circle.map-job.moved{filter:drop-shadow(0 0 3px #ffc800) drop-shadow(0 0 2px #ffc800)}
circle.map-job.moved{stroke:#000;stroke-width:3.5;r:8}
g.map-unassigned.moved path:last-of-type{stroke:#b42318}
tr.moved>*{background:#fff3b0}
@media (prefers-reduced-motion:no-preference){g.tl-job.moved,circle.map-job.moved{animation:halo 1.2s ease-in-out 3}}
@keyframes halo{50%{filter:drop-shadow(0 0 7px #ffc800) drop-shadow(0 0 4px #ffc800)}}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}`;
