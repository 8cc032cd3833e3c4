// Runs an extension test suite inside a real VS Code: VS Code's own server (from code-server,
// on Node 24) serving the web workbench, driven by Debian's chromium through playwright-core.
// See docs/vscode.md. Everything is waited on by signal (HTTP up, exit callback), never by sleep.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const repo = join(import.meta.dirname, '..', '..');
export const node24 = join(repo, '.cache', 'vscode', 'node24', 'bin', 'node');
export const serverMain = join(repo, '.cache', 'vscode', 'cs', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
export const chromiumPath = '/usr/bin/chromium';

export function vscodeAvailable(): boolean {
  if (!existsSync(node24) || !existsSync(serverMain)) throw new Error('run bash scripts/provision-vscode.sh');
  if (!existsSync(chromiumPath)) throw new Error('chromium is missing (scripts/services.sh installs it)');
  return true;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface RunOptions {
  workspace: string;
  /** Compiled mocha suite (exports run()). */
  testsPath: string;
  /** Keep workspace trust enabled, so the folder opens untrusted (Restricted Mode). */
  restricted: boolean;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Every line the workbench logs (the suite's output included). */
  onLog?: (line: string) => void;
  /** The browser page, once open (for screenshots). */
  onPage?: (page: Page) => void;
}

/** console.log-style formatting: `%s`/`%d`/`%o` in the first argument take the next arguments. */
export function formatConsole(args: unknown[]): string {
  const text = (a: unknown) => (typeof a === 'string' ? a : JSON.stringify(a));
  if (typeof args[0] !== 'string') return args.map(text).join(' ');
  let i = 1;
  const head = args[0].replace(/%[sdifoOj%]/g, (m) => (m === '%%' ? '%' : i < args.length ? text(args[i++]) : m));
  return [head, ...args.slice(i).map(text)].join(' ');
}

export interface RunResult { exitCode: number; log: string[] }

async function waitForHttp(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 50;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`VS Code server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 500);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Starts VS Code server + chromium, runs the suite, returns its exit code and the log. */
export async function runInVSCode(options: RunOptions): Promise<RunResult> {
  const { chromium } = await import('playwright-core');
  const tmp = mkdtempSync(join(tmpdir(), 'ds-e2e-vscode-'));
  const port = await freePort();
  const log: string[] = [];
  const args = [
    serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--skip-welcome',
    '--user-data-dir', join(tmp, 'ud'), '--server-data-dir', join(tmp, 'sd'), '--extensions-dir', join(tmp, 'ext'),
    ...(options.restricted ? [] : ['--disable-workspace-trust']),
  ];
  const server = spawn(node24, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const serverLog = (chunk: Buffer) => log.push(...chunk.toString().split('\n').filter(Boolean).map((l) => `[server] ${l}`));
  server.stdout?.on('data', serverLog);
  server.stderr?.on('data', serverLog);
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/version`, server, 30_000);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    options.onPage?.(page);
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = formatConsole(args);
      log.push(`[${type}] ${line}`);
      options.onLog?.(line);
    });
    const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repo)],
      ['extensionTestsPath', remote(options.testsPath)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeoutMs = options.timeoutMs ?? 240_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<number>((_, reject) => { timer = setTimeout(() => reject(new Error(`no exit from VS Code within ${timeoutMs} ms\n${log.slice(-40).join('\n')}`)), timeoutMs); });
    try {
      return { exitCode: await Promise.race([exit, timeout]), log };
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    if (server.pid && server.exitCode === null) {
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}
