// Machine facts stamped on every benchmark record, so figures from different runners are never
// compared blindly. No timing here.
import { arch, cpus, platform } from 'node:os';

export interface MachineInfo {
  /** e.g. "v20.20.2" */
  node: string;
  /** CPU model and logical core count, e.g. "AMD EPYC 7B13 ×2" */
  cpu: string;
  /** e.g. "linux-x64" */
  platform: string;
}

/** Node version, CPU model × logical cores, and platform of the running process. */
export function machineInfo(): MachineInfo {
  const all = cpus();
  const model = all[0]?.model.trim().replace(/\s+/g, ' ') || 'unknown CPU';
  return { node: process.version, cpu: `${model} ×${all.length}`, platform: `${platform()}-${arch()}` };
}
