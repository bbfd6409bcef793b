// Where the machine's CPU went during a phase (Linux /proc; null elsewhere): the server process,
// the benchmark process (load generator and health probes) and everything else on the machine,
// in cores (1.0 = one core busy for the whole phase). Other load skews every latency figure.
import { readFileSync } from 'node:fs';

/** USER_HZ: /proc reports CPU time in 1/100 s on every Linux that Node supports. */
const TICKS_PER_SEC = 100;

export interface CpuSnapshot {
  atMs: number;
  /** Busy ticks of all CPUs: user, nice, system, irq, softirq, steal. */
  machineBusy: number;
  /** utime + stime of each process (all its threads), by pid. */
  processes: Map<number, number>;
}

export interface CpuFigures {
  server: number;
  bench: number;
  other: number;
  machineBusy: number;
  cores: number;
}

function processTicks(pid: number): number {
  // fields after "(comm) ": state is [0], utime [11], stime [12]
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

/** Now, for these pids; undefined when /proc is not there. */
export function cpuSnapshot(pids: readonly number[]): CpuSnapshot | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu;
    return { atMs: performance.now(), machineBusy: user + nice + system + irq + softirq + steal, processes: new Map(pids.map((pid) => [pid, processTicks(pid)])) };
  } catch {
    return undefined;
  }
}

/** Average cores busy between two snapshots; `serverPid` and `benchPid` must be in both. */
export function cpuFigures(a: CpuSnapshot | undefined, b: CpuSnapshot | undefined, serverPid: number, benchPid: number, cores: number): CpuFigures | null {
  if (!a || !b) return null;
  const sec = (b.atMs - a.atMs) / 1000;
  if (sec <= 0) return null;
  const cores_ = (ticks: number) => ticks / TICKS_PER_SEC / sec;
  const delta = (pid: number) => (b.processes.get(pid) ?? 0) - (a.processes.get(pid) ?? 0);
  const server = cores_(delta(serverPid));
  const bench = cores_(delta(benchPid));
  const machineBusy = cores_(b.machineBusy - a.machineBusy);
  return { server, bench, other: Math.max(0, machineBusy - server - bench), machineBusy, cores };
}
