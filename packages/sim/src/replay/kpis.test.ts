// KPI arithmetic on a hand-made day: one technician, 08:00–17:00 with a 30-minute lunch.
import { describe, expect, it } from 'vitest';
import { dayKpis, hourKpis, logIssues, median, p90, type DayLog, type Segment, type VisitLog } from './kpis.ts';

const M = 60_000;
const MID = Date.UTC(2026, 0, 13, 7); // 00:00 at -07:00
const at = (h: number, m = 0) => MID + (h * 60 + m) * M;
const seg = (kind: Segment['kind'], from: [number, number], to: [number, number]): Segment => ({ kind, startMs: at(...from), endMs: at(...to) });
const visit = (v: Partial<VisitLog>): VisitLog => ({
  jobId: 'J', technicianId: 'T1', outcome: 'done', firstVisit: true, followUp: false, arrivalMs: at(9), startMs: at(9), endMs: at(10), inWindow: true, inEta: null, emergency: false, value: 100, ...v,
});

// 08:00–08:30 drive, 08:30–10:00 service, 10:00–10:10 buffer, 10:10–10:30 idle (waiting at a door),
// 10:30–12:00 service, 12:00–12:30 lunch, 12:30–13:00 drive, 13:00–16:00 service, 16:00–16:10 buffer,
// 16:10–16:40 drive home, 16:40–17:00 idle. Paid = 540 − 30 = 510 min: service 90 + 90 + 180 = 360,
// drive 30 + 30 + 30 = 90, buffer 20, idle 20 + 20 = 40; 360 + 90 + 20 + 40 = 510.
const segments: Segment[] = [
  seg('drive', [8, 0], [8, 30]),
  seg('service', [8, 30], [10, 0]),
  seg('buffer', [10, 0], [10, 10]),
  seg('idle', [10, 10], [10, 30]),
  seg('service', [10, 30], [12, 0]),
  seg('break', [12, 0], [12, 30]),
  seg('drive', [12, 30], [13, 0]),
  seg('service', [13, 0], [16, 0]),
  seg('buffer', [16, 0], [16, 10]),
  seg('drive', [16, 10], [16, 40]),
  seg('idle', [16, 40], [17, 0]),
];
const log: DayLog = {
  midnightMs: MID,
  techs: [{ technicianId: 'T1', shiftStartMs: at(8), shiftEndMs: at(17), paidEndMs: at(17), segments, sick: false }],
  visits: [
    visit({ jobId: 'A', startMs: at(8, 30), inWindow: true, inEta: true }),
    visit({ jobId: 'B', startMs: at(10, 30), inWindow: false, inEta: false, followUp: true }),
    visit({ jobId: 'C', outcome: 'no_access' }),
    visit({ jobId: 'D', startMs: at(13), inWindow: true, inEta: null, value: 300 }),
    visit({ jobId: 'E', outcome: 'parts_missing' }),
    visit({ jobId: 'E-R1', firstVisit: false, value: 250 }),
  ],
  emergencies: [
    { jobId: 'X', calledAtMs: at(9), deadlineMs: at(11), arrivalMs: at(10) },
    { jobId: 'Y', calledAtMs: at(9), deadlineMs: at(11), arrivalMs: at(12) },
    { jobId: 'Z', calledAtMs: at(18), deadlineMs: at(20), arrivalMs: null },
  ],
  events: [
    { kind: 'call', atMs: at(9, 15) },
    { kind: 'call', atMs: at(9, 45) },
    { kind: 'emergency', atMs: at(18) },
  ],
  openAtEnd: ['Q'],
  lateCancellations: 0,
};

describe('dayKpis', () => {
  const { day, technicians, hours } = dayKpis(log);

  it('splits paid time into service, drive, buffer and idle (breaks unpaid)', () => {
    expect(logIssues(log.techs[0]!)).toEqual([]);
    expect(day).toMatchObject({ paidMin: 510, serviceMin: 360, driveMin: 90, bufferMin: 20, idleMin: 40, breakMin: 30, overtimeMin: 0 });
    expect(day.utilization).toBeCloseTo(450 / 510, 12);
    expect(day.driveShare).toBeCloseTo(90 / 510, 12);
    expect(day.wrenchTime).toBeCloseTo(360 / 510, 12);
    expect(technicians[0]).toMatchObject({ technicianId: 'T1', paidMin: 510, jobsDone: 4 });
  });

  it('adherence over jobs done, first-time fix over first visits the technician could work', () => {
    // done: A, B, D, E-R1 (4); inside the window: A, D, E-R1 -> 3/4
    expect(day.jobsDone).toBe(4);
    expect(day.adherence).toBe(3 / 4);
    // with an ETA: A (kept), B (missed); E-R1 has inEta null in the fixture's default -> 1/2
    expect(day.etaAdherence).toBe(1 / 2);
    // first visits: A, B, D, E (C had no access): fixed A, D (B needs a follow-up, E failed) -> 2/4
    expect(day.firstTimeFix).toBe(2 / 4);
    expect(day).toMatchObject({ partsFailures: 1, noAccess: 1, followUps: 1, revenue: 100 + 100 + 300 + 250, jobsOpen: 1 });
  });

  it('emergency response from call to on site: served ones only, median and nearest-rank p90', () => {
    // served: 60 and 180 minutes
    expect(day).toMatchObject({ emergencyResponseP50Min: 120, emergencyResponseP90Min: 180, emergenciesServed: 2, emergenciesUnserved: 1, emergenciesLate: 1 });
    expect(median([1, 2, 3])).toBe(2);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(median([])).toBeNull();
  });

  it('per hour: 10:00–11:00 holds 10 min buffer, 20 idle and 30 service; events counted in their hour', () => {
    const h10 = hours[10]!;
    expect(h10).toMatchObject({ paidMin: 60, serviceMin: 30, bufferMin: 10, idleMin: 20, driveMin: 0 });
    expect(h10.utilization).toBe(0.5);
    expect(hours[12]).toMatchObject({ paidMin: 30, breakMin: 30 });
    expect(hours[9]!.events.call).toBe(2);
    expect(hours[18]!.events.emergency).toBe(1);
    expect(hours[18]!.utilization).toBeNull();
    expect(hourKpis(log).reduce((a, h) => a + h.paidMin, 0)).toBe(510);
  });

  it('overtime is paid time past the shift end', () => {
    const late: DayLog = { ...log, techs: [{ ...log.techs[0]!, paidEndMs: at(17, 25), segments: [...segments, seg('drive', [17, 0], [17, 25])] }] };
    expect(dayKpis(late).day).toMatchObject({ overtimeMin: 25, paidMin: 535 });
  });

  it('flags a log with a gap or one that stops short of paid time', () => {
    const gap = { ...log.techs[0]!, segments: segments.filter((_, i) => i !== 3) };
    expect(logIssues(gap)[0]).toMatch(/T1: segment 3 \(service\) starts at/);
    expect(logIssues({ ...log.techs[0]!, paidEndMs: at(17, 5) })).toEqual([`T1: segments end at ${at(17)}, paid time at ${at(17, 5)}`]);
  });
});
