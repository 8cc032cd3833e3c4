// A real LSP client for tests: spawns `node dist/server.js --stdio` (build first: `npm run build`;
// `npm test` does) and speaks JSON-RPC over its stdio. Waits on the server's notifications, never
// on sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

export const repoRoot = resolve(__dirname, '../..');
export const serverPath = join(repoRoot, 'dist', 'server.js');

export interface StartOptions {
  /** The `djangoSessions` section answered to workspace/configuration. */
  config?: unknown;
  capabilities?: Record<string, unknown>;
}

type Waiter = { method: string; match: (params: unknown) => boolean; resolve: (params: unknown) => void };

export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(readonly process: ChildProcess, readonly connection: MessageConnection, readonly root: string) {}

  static async start(root: string, options: StartOptions = {}): Promise<LspClient> {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run npm run build`);
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, root);
    child.stderr!.on('data', (chunk: Buffer) => client.logs.push(chunk.toString()));
    connection.onNotification((method, params) => client.notified(method, params));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.config ?? {}));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'test' }],
      capabilities: options.capabilities ?? {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { completion: { completionItem: { insertReplaceSupport: true } }, rename: { prepareSupport: true } },
      },
    });
    const ready = client.waitFor('djangoSessions/indexState', (p) => (p as { state: string }).state !== 'indexing');
    await connection.sendNotification('initialized', {});
    const state = (await ready) as { state: string; message?: string };
    if (state.state !== 'ready') throw new Error(`indexing ended in ${state.state}: ${state.message ?? ''}`);
    return client;
  }

  uri(file: string): string {
    return pathToFileURL(join(this.root, file)).toString();
  }

  /** Opens a workspace file (its disk text unless given) and returns its URI. */
  async open(file: string, text?: string): Promise<string> {
    const uri = this.uri(file);
    const languageId = file.endsWith('.py') ? 'python' : 'django-html';
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text: text ?? readFileSync(join(this.root, file), 'utf8') },
    });
    return uri;
  }

  /** Sends content changes (full text, or ranged edits) as one didChange. */
  async change(uri: string, changes: ({ text: string } | { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string })[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Resolves with the next notification `method` whose params satisfy `match`. */
  waitFor(method: string, match: (params: unknown) => boolean = () => true, timeoutMs = 30_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}; server log:\n${this.logs.join('').slice(-2000)}`)), timeoutMs);
      this.waiters.push({ method, match, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  /** The diagnostics of `uri` once they satisfy `match` (immediately when the last ones already do). */
  async diagnosticsOf(uri: string, match: (d: Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && match(current)) return current;
    const params = await this.waitFor('textDocument/publishDiagnostics', (p) => {
      const d = p as { uri: string; diagnostics: Diagnostic[] };
      return d.uri === uri && match(d.diagnostics);
    }, timeoutMs);
    return (params as { diagnostics: Diagnostic[] }).diagnostics;
  }

  /** Resident set size of the server process in kB (from /proc). */
  rssKb(): number {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }

  private notified(method: string, params: unknown): void {
    if (method === 'textDocument/publishDiagnostics') {
      const d = params as { uri: string; diagnostics: Diagnostic[] };
      this.diagnostics.set(d.uri, d.diagnostics);
    }
    if (method === 'window/logMessage') this.logs.push(`${(params as { message: string }).message}\n`);
    for (const waiter of [...this.waiters]) {
      if (waiter.method === method && waiter.match(params)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  }
}
