// The HTML reports: one self-contained page (inline CSS and SVG, no script, no network) per
// simulation run — KPIs side by side per policy, the engine's targets, utilization and drive share
// per technician, events and KPIs over the hours of the day, every seed — and per what-if sweep.
import { POLICY_DESCRIPTIONS } from '../policies/index.ts';
import type { PolicyName } from '../scenario/schema.ts';
import { engineTargets, type KpiKey, type SimResult } from '../replay/aggregate.ts';
import type { HourEventKind } from '../replay/kpis.ts';
import type { SweepResult } from '../replay/sweep.ts';
import { barChart, esc, lineChart, stackedBarChart, type Series } from './svg.ts';

export const POLICY_COLORS: Record<PolicyName, string> = { engine: '#1f6fb4', greedy: '#e67e22', static: '#27ae60', offers: '#8e44ad' };

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

interface KpiView {
  key: KpiKey;
  label: string;
  kind: 'share' | 'min' | 'count' | 'money';
}

const KPI_VIEWS: readonly KpiView[] = [
  { key: 'utilization', label: 'Utilization (service + drive) / paid', kind: 'share' },
  { key: 'driveShare', label: 'Drive share', kind: 'share' },
  { key: 'wrenchTime', label: 'Wrench time', kind: 'share' },
  { key: 'adherence', label: 'Schedule adherence (arrival window)', kind: 'share' },
  { key: 'etaAdherence', label: 'ETA adherence (first ETA given)', kind: 'share' },
  { key: 'firstTimeFix', label: 'First-time fix', kind: 'share' },
  { key: 'partsFailures', label: 'First visits failed for parts', kind: 'count' },
  { key: 'emergencyResponseP50Min', label: 'Emergency response, median (min)', kind: 'min' },
  { key: 'emergencyResponseP90Min', label: 'Emergency response, p90 (min)', kind: 'min' },
  { key: 'emergenciesUnserved', label: 'Emergencies unserved', kind: 'count' },
  { key: 'emergenciesLate', label: 'Emergencies after deadline', kind: 'count' },
  { key: 'jobsDone', label: 'Jobs done', kind: 'count' },
  { key: 'jobsOpen', label: 'Jobs left open', kind: 'count' },
  { key: 'noAccess', label: 'No-access visits', kind: 'count' },
  { key: 'revenue', label: 'Revenue (USD)', kind: 'money' },
  { key: 'overtimeMin', label: 'Overtime (min, all technicians)', kind: 'min' },
  { key: 'idleMin', label: 'Idle (min)', kind: 'min' },
];

const show = (kind: KpiView['kind'], v: number | null | undefined) => (kind === 'share' ? pct(v) : kind === 'money' ? `$${num(v)}` : num(v, kind === 'count' ? 1 : 0));

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;margin:24px auto;max-width:1320px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f4f6f8}td:first-child,th:first-child{text-align:left}
.muted{color:#666}.ok{color:#1e8449;font-weight:600}.bad{color:#c0392b;font-weight:600}.charts{display:flex;flex-wrap:wrap;gap:12px}
.chart{border:1px solid #e5e5e5;border-radius:4px}pre{background:#f7f7f7;padding:8px;overflow:auto;max-height:320px;font-size:12px}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}`;

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head><body>${body}</body></html>\n`;
}

const EVENT_COLORS: Record<HourEventKind, string> = {
  call: '#5dade2',
  emergency: '#c0392b',
  cancellation: '#7f8c8d',
  sick: '#8e44ad',
  parts: '#f1c40f',
  started: '#2e86c1',
  finished: '#28b463',
  noAccess: '#a04000',
  failedVisit: '#d35400',
};

/** The report of one simulation run. `notes` are lines printed under the title (e.g. run time). */
export function simReportHtml(r: SimResult, notes: readonly string[] = []): string {
  const names = Object.keys(r.policies) as PolicyName[];
  const pol = (n: PolicyName) => r.policies[n]!;
  const seriesOf = (keys: readonly KpiKey[], scale = 1): Series[] =>
    names.map((n) => ({
      name: n,
      color: POLICY_COLORS[n],
      values: keys.map((k) => (pol(n).kpis[k] === null ? null : pol(n).kpis[k]! * scale)),
      range: keys.map((k) => {
        const s = pol(n).spread[k];
        return s.min === null || s.max === null ? null : [s.min * scale, s.max * scale];
      }),
    }));
  const checked = names.reduce((a, n) => a + pol(n).boardsChecked, 0);
  let b = `<h1>Truckroll simulation: ${esc(r.scenario.name)}</h1>`;
  if (r.scenario.description) b += `<p>${esc(r.scenario.description)}</p>`;
  b += `<p class="muted">${r.scenario.technicians} technicians · ${r.seeds.length} seed(s) (${r.seeds[0]}–${r.seeds[r.seeds.length - 1]}) · events handed over ${esc(r.scenario.delivery)} · ${num(checked)} boards checked by the independent checker, no violation</p>`;
  for (const n of notes) b += `<p class="muted">${esc(n)}</p>`;
  b += `<ul>${names.map((n) => `<li><span class="swatch" style="background:${POLICY_COLORS[n]}"></span><b>${n}</b>: ${esc(POLICY_DESCRIPTIONS[n])}</li>`).join('')}</ul>`;

  const targets = engineTargets(r);
  if (targets.length) {
    b += `<h2>Engine targets</h2><table><tr><th>target</th><th>wanted</th><th>measured (mean over seeds)</th><th></th></tr>`;
    for (const t of targets) {
      const measured = t.kpi.includes('every seed') ? `${t.measured}/${r.seeds.length} seeds` : t.kpi === 'partsFailures' ? num(t.measured, 1) : pct(t.measured);
      b += `<tr><td>${esc(t.kpi)}</td><td>${esc(t.target)}</td><td>${measured}</td><td class="${t.met ? 'ok' : 'bad'}">${t.met ? 'met' : 'not met'}</td></tr>`;
    }
    b += `</table>`;
  }

  b += `<h2>KPIs side by side</h2><p class="muted">Mean over seeds (sd; min–max). Every paid minute is service, drive (counter time included), buffer (wrap-up after a job) or idle; breaks are not paid.</p><table><tr><th>KPI</th>${names.map((n) => `<th>${n}</th>`).join('')}</tr>`;
  for (const v of KPI_VIEWS) {
    b += `<tr><td>${esc(v.label)}</td>${names
      .map((n) => {
        const s = pol(n).spread[v.key];
        return `<td>${show(v.kind, s.mean)} <span class="muted">(${show(v.kind, s.sd)}; ${show(v.kind, s.min)}–${show(v.kind, s.max)})</span></td>`;
      })
      .join('')}</tr>`;
  }
  b += `</table>`;
  b += `<div class="charts">`;
  b += barChart({
    title: 'Shares of paid time and service quality (whiskers: min–max over seeds)',
    categories: ['utilization', 'drive share', 'wrench time', 'adherence', 'first-time fix'],
    series: seriesOf(['utilization', 'driveShare', 'wrenchTime', 'adherence', 'firstTimeFix']),
    yMax: 1,
    yFormat: (v) => `${Math.round(v * 100)}%`,
    refLines: [
      { value: 0.85, label: 'utilization target 85%' },
      { value: 0.2, label: 'drive share target < 20%', color: '#7d3c98' },
    ],
    valueLabels: true,
    width: 700,
  });
  b += barChart({ title: 'Emergency response: minutes from call to on site', categories: ['median', 'p90'], series: seriesOf(['emergencyResponseP50Min', 'emergencyResponseP90Min']), valueLabels: true, width: 520 });
  b += barChart({ title: 'Jobs done and left open per day', categories: ['done', 'open'], series: seriesOf(['jobsDone', 'jobsOpen']), valueLabels: true, width: 520 });
  b += barChart({ title: 'Overtime and idle: minutes per day, all technicians', categories: ['overtime', 'idle'], series: seriesOf(['overtimeMin', 'idleMin']), valueLabels: true, width: 520 });
  b += `</div>`;

  const firstSeed = r.seeds[0]!;
  b += `<h2>Per technician (seed ${firstSeed})</h2><div class="charts">`;
  for (const n of names) {
    const techs = pol(n).technicians[0]?.technicians ?? [];
    b += barChart({
      title: `${n}: utilization and drive share per technician`,
      categories: techs.map((t) => `${t.technicianId}${t.sick ? '*' : ''}`),
      series: [
        { name: 'utilization', color: POLICY_COLORS[n], values: techs.map((t) => t.utilization) },
        { name: 'drive share', color: '#7f8c8d', values: techs.map((t) => t.driveShare) },
      ],
      yMax: 1,
      yFormat: (v) => `${Math.round(v * 100)}%`,
      refLines: [{ value: 0.85, label: '85%' }],
      width: Math.max(560, 40 + techs.length * 22),
    });
  }
  b += `</div><p class="muted">* went home sick. Figures for every seed are in the JSON output (<code>policies.&lt;name&gt;.technicians</code>).</p>`;

  // hours with some paid time; the ratios of hours with very little (a few technicians in overtime) are left out of the lines
  const peak = Math.max(...names.flatMap((n) => pol(n).hours.map((x) => x.paidMin)));
  const hours = Array.from({ length: 24 }, (_, h) => h).filter((h) => names.some((n) => pol(n).hours[h]!.paidMin > 0));
  const ratioAt = (n: PolicyName, h: number, v: number | null) => (pol(n).hours[h]!.paidMin >= 0.1 * peak ? v : null);
  const first = names[0];
  if (first && hours.length) {
    const ev = pol(first).hours;
    const kinds: HourEventKind[] = ['call', 'emergency', 'cancellation', 'sick', 'parts'];
    b += `<h2>Over the hours of the day</h2><div class="charts">`;
    b += stackedBarChart({
      title: 'What came in, per hour (mean per day)',
      categories: hours.map((h) => `${h}:00`),
      series: kinds.map((k) => ({ name: k, color: EVENT_COLORS[k], values: hours.map((h) => ev[h]!.events[k] ?? 0) })),
      width: 640,
    });
    b += lineChart({
      title: 'Utilization per hour (hours with ≥ 10% of the peak paid time)',
      x: hours,
      xFormat: (h) => `${h}:00`,
      series: names.map((n) => ({ name: n, color: POLICY_COLORS[n], values: hours.map((h) => ratioAt(n, h, pol(n).hours[h]!.utilization)) })),
      yMin: 0,
      yMax: 1,
      yFormat: (v) => `${Math.round(v * 100)}%`,
      refLines: [{ value: 0.85, label: '85%' }],
      width: 640,
    });
    b += lineChart({
      title: 'Drive share per hour (hours with ≥ 10% of the peak paid time)',
      x: hours,
      xFormat: (h) => `${h}:00`,
      series: names.map((n) => ({ name: n, color: POLICY_COLORS[n], values: hours.map((h) => ratioAt(n, h, pol(n).hours[h]!.driveShare)) })),
      yMin: 0,
      yMax: 1,
      yFormat: (v) => `${Math.round(v * 100)}%`,
      refLines: [{ value: 0.2, label: '20%', color: '#7d3c98' }],
      width: 640,
    });
    b += lineChart({
      title: 'Jobs started per hour (mean per day)',
      x: hours,
      xFormat: (h) => `${h}:00`,
      series: names.map((n) => ({ name: n, color: POLICY_COLORS[n], values: hours.map((h) => pol(n).hours[h]!.events.started ?? 0) })),
      yMin: 0,
      width: 640,
    });
    b += `</div>`;
  }

  b += `<h2>Every seed</h2><table><tr><th>seed</th><th>booked / calls / emergencies / cancelled / sick</th><th>demand ÷ capacity</th>${names.map((n) => `<th>${n}: util · drive · adherence · FTF · done</th>`).join('')}${r.engineVsGreedy ? '<th>engine beats greedy (util, drive)</th>' : ''}</tr>`;
  r.seeds.forEach((seed, i) => {
    const d = r.days[i]!;
    b += `<tr><td>${seed}</td><td>${d.counts.booked} / ${d.counts.serviceCalls} / ${d.counts.emergencyCalls} / ${d.counts.cancellations} / ${d.counts.sick}</td><td>${d.demandRatio.toFixed(2)}</td>`;
    for (const n of names) {
      const p = pol(n).perSeed;
      b += `<td>${pct(p.utilization[i])} · ${pct(p.driveShare[i])} · ${pct(p.adherence[i])} · ${pct(p.firstTimeFix[i])} · ${num(p.jobsDone[i])}</td>`;
    }
    if (r.engineVsGreedy) {
      const u = r.engineVsGreedy.utilization[i];
      const dr = r.engineVsGreedy.driveShare[i];
      b += `<td class="${u && dr ? 'ok' : 'bad'}">${u ? 'yes' : 'no'}, ${dr ? 'yes' : 'no'}</td>`;
    }
    b += `</tr>`;
  });
  b += `</table>`;
  b += `<h2>Scenario</h2><pre>${esc(JSON.stringify(r.scenario.parameters, null, 2))}</pre>`;
  return page(`Truckroll simulation: ${r.scenario.name}`, b);
}

const SWEEP_KPIS: readonly { key: KpiKey | 'served'; label: string; share: boolean }[] = [
  { key: 'utilization', label: 'Utilization', share: true },
  { key: 'driveShare', label: 'Drive share', share: true },
  { key: 'adherence', label: 'Schedule adherence', share: true },
  { key: 'served', label: 'Jobs done / jobs asked for', share: true },
  { key: 'emergencyResponseP50Min', label: 'Emergency response, median (min)', share: false },
  { key: 'overtimeMin', label: 'Overtime (min per day)', share: false },
];

/** The report of a what-if sweep: each KPI against the first varied parameter (one line per policy, and per value of the second). */
export function sweepReportHtml(s: SweepResult): string {
  const [a1, a2] = s.axes;
  const names = Object.keys(s.points[0]?.policies ?? {}) as PolicyName[];
  let b = `<h1>Truckroll what-if sweep: ${esc(s.scenario)}</h1><p class="muted">${s.seeds.length} seed(s) per point (${s.seeds[0]}–${s.seeds[s.seeds.length - 1]}); varied: ${s.axes.map((a) => `${esc(a.param)} = ${a.values.join(', ')}`).join('; ')}. Points: mean over seeds, whiskers min–max.</p>`;
  if (s.staffing) {
    b += `<p><b>Staffing LP bound</b>: this demand needs at least <b>${s.staffing.mean.toFixed(1)}</b> technicians on average (max ${s.staffing.max.toFixed(1)} over the seeds) at ${pct(s.staffing.targetUtilization)} utilization, with ${s.staffing.drivePerJobMin.toFixed(1)} min of drive per job (measured at the scenario's roster).</p>`;
  }
  if (!a1) return page(`Truckroll sweep: ${s.scenario}`, b);
  const seconds = a2 ? a2.values : [null];
  const dash = ['', '6 3', '2 3', '8 3 2 3'];
  b += `<div class="charts">`;
  for (const kpi of SWEEP_KPIS) {
    const series: Series[] = [];
    for (const n of names) {
      seconds.forEach((v2, j) => {
        const pts = a1.values.map((v1) => s.points.find((p) => p.values[a1.param] === v1 && (a2 === undefined || p.values[a2.param] === v2))!);
        const value = (p: (typeof pts)[number]) => {
          const x = p.policies[n]!;
          if (kpi.key === 'served') return x.kpis.jobsDone === null ? null : x.kpis.jobsDone / Math.max(1, x.jobsRequested);
          return x.kpis[kpi.key];
        };
        series.push({
          name: a2 ? `${n}, ${a2.param} ${v2}` : n,
          color: POLICY_COLORS[n],
          values: pts.map(value),
          range: pts.map((p) => {
            if (kpi.key === 'served') return null;
            const sp = p.policies[n]!.spread[kpi.key];
            return sp.min === null || sp.max === null ? null : [sp.min, sp.max];
          }),
          ...(dash[j % dash.length] ? { dash: dash[j % dash.length]! } : {}),
        });
      });
    }
    b += lineChart({
      title: `${kpi.label} against ${a1.param}`,
      x: a1.values,
      series,
      ...(kpi.share ? { yMin: 0, yMax: 1, yFormat: (v: number) => `${Math.round(v * 100)}%` } : { yMin: 0 }),
      ...(s.staffing && a1.param === 'technicians' ? { xMarkers: [{ x: s.staffing.mean, label: `LP bound ${s.staffing.mean.toFixed(1)}` }] } : {}),
      ...(kpi.key === 'utilization' ? { refLines: [{ value: 0.85, label: '85%' }] } : {}),
      width: 620,
    });
  }
  b += `</div><h2>Every point</h2><table><tr>${s.axes.map((a) => `<th>${esc(a.param)}</th>`).join('')}${names.map((n) => `<th>${n}: util · drive · adherence · done / asked · emergency p50</th>`).join('')}</tr>`;
  for (const p of s.points) {
    b += `<tr>${s.axes.map((a) => `<td>${p.values[a.param]}</td>`).join('')}`;
    for (const n of names) {
      const k = p.policies[n]!.kpis;
      b += `<td>${pct(k.utilization)} · ${pct(k.driveShare)} · ${pct(k.adherence)} · ${num(k.jobsDone, 1)} / ${num(p.policies[n]!.jobsRequested, 1)} · ${num(k.emergencyResponseP50Min)}</td>`;
    }
    b += `</tr>`;
  }
  b += `</table>`;
  return page(`Truckroll sweep: ${s.scenario}`, b);
}
