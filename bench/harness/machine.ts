// The machine a run happened on: results are only comparable on the same one.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGB: number;
  freeMemoryGB: number;
  loadAverage: number[];
  node: string;
  platform: string;
  ripgrep: string | null;
  date: string;
}

function tool(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 5000 }).split('\n')[0].trim();
  } catch {
    return null;
  }
}

export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryGB: Math.round(totalmem() / 2 ** 30 * 10) / 10,
    freeMemoryGB: Math.round(freemem() / 2 ** 30 * 10) / 10,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    ripgrep: tool('rg', ['--version']),
    date: new Date().toISOString(),
  };
}
