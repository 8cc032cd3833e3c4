// Child processes and their memory, read from /proc (Linux) as the brief asks.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Extra flags for every Node child the bench starts (`--profile` puts --cpu-prof here). */
export const nodeFlags: string[] = [];

/** VmRSS / VmHWM of a process in MB, or null when /proc cannot tell (process gone, not Linux). */
export function memoryMB(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, ms. */
  ms: number;
  /** Bytes of stdout (counted even when the text is not kept). */
  stdoutBytes: number;
}

/**
 * Runs a command to completion, draining stdout through a pipe (so tools like ripgrep do their
 * full work: they stop early when stdout is /dev/null).
 */
export function run(cmd: string, args: string[], opts: { cwd?: string; keepStdout?: boolean; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const argv = cmd === process.execPath ? [...nodeFlags, ...args] : args;
    const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stdoutBytes = 0;
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.stdout.on('data', (b: Buffer) => {
      stdoutBytes += b.length;
      if (opts.keepStdout !== false) stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      if (stderr.length < 20000) stderr += b.toString();
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started, stdoutBytes });
    });
  });
}

/** The last line of stdout parsed as JSON (probes print one JSON result line last). */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}
