// A minimal LSP client over stdio (Content-Length framing, JSON-RPC 2.0) for timing the real
// bundled server. Kept tiny on purpose: the bench must not add latency of its own.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { nodeFlags } from './proc';

type Json = unknown;
interface Pending { resolve(v: Json): void; reject(e: Error): void }

export interface Notification { method: string; params: Json; at: number }

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(n: Notification) => void>();
  stderr = '';
  exited: number | null = null;

  constructor(serverJs: string, args: string[] = ['--stdio'], cwd?: string) {
    this.child = spawn(process.execPath, [...nodeFlags, serverJs, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (b: Buffer) => this.onData(b));
    this.child.stderr.on('data', (b: Buffer) => { if (this.stderr.length < 20000) this.stderr += b.toString(); });
    this.child.on('exit', (code) => {
      this.exited = code ?? -1;
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code}): ${this.stderr.split('\n').slice(-3).join(' ')}`));
      this.pending.clear();
    });
    this.child.stdin.on('error', () => undefined);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as { id?: number; method?: string; params?: Json; result?: Json; error?: { message: string } });
    }
  }

  private dispatch(msg: { id?: number; method?: string; params?: Json; result?: Json; error?: { message: string } }): void {
    if (msg.method !== undefined && msg.id !== undefined) {
      // Server -> client request (configuration, registerCapability, workDoneProgress): answer neutrally.
      const result = msg.method === 'workspace/configuration' ? ((msg.params as { items?: unknown[] })?.items ?? []).map(() => null) : null;
      this.write({ jsonrpc: '2.0', id: msg.id, result });
    } else if (msg.method !== undefined) {
      const n = { method: msg.method, params: msg.params, at: performance.now() };
      for (const l of this.listeners) l(n);
    } else if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result ?? null);
    }
  }

  private write(msg: Json): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request<T = Json>(method: string, params: Json, timeoutMs = 30000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => { clearTimeout(timer); resolve(v as T); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: Json): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification matching `predicate` (only ones arriving after this call). */
  waitFor(predicate: (n: Notification) => boolean, timeoutMs: number, what: string): Promise<Notification> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (n: Notification): void => {
        if (!predicate(n)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(n);
      };
      this.listeners.add(listener);
    });
  }

  onNotification(listener: (n: Notification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async shutdown(): Promise<void> {
    if (this.exited !== null) return;
    try {
      await this.request('shutdown', null, 3000);
      this.notify('exit', null);
    } catch {
      // A server that cannot shut down cleanly is killed below.
    }
    // Up to 5 s to exit on its own (a profiled server writes its .cpuprofile on exit).
    for (let i = 0; i < 50 && this.exited === null; i++) await new Promise((r) => setTimeout(r, 100));
    if (this.exited === null) this.child.kill('SIGKILL');
  }
}
