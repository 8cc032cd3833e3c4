// Starts the real bundled server (dist/server.js --stdio) on a workspace and waits until its index
// is ready (djangoSessions/indexState 'ready'), as the VS Code client would.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IndexStateNotification, type IndexState } from '../../common/protocol';
import { LspClient } from './lsp-client';

export interface ReadyServer {
  client: LspClient;
  /** initialize sent -> index ready, ms. */
  readyMs: number;
  state: IndexState;
}

/** Throws (with why) when there is no real server yet or it never reports a ready index. */
export async function startServer(root: string, workspace: string, timeoutMs = 180_000, initializationOptions: Record<string, unknown> = {}): Promise<ReadyServer> {
  const serverJs = join(root, 'dist', 'server.js');
  if (!existsSync(serverJs)) throw new Error('dist/server.js is missing (npm run build)');
  if (readFileSync(serverJs, 'utf8').length < 5000) throw new Error('the LSP server has not landed yet (dist/server.js is a placeholder)');
  const client = new LspClient(serverJs, ['--stdio'], workspace);
  const started = performance.now();
  const ready = client.waitFor((n) => n.method === IndexStateNotification && (n.params as IndexState).state !== 'indexing', timeoutMs, 'ready index state');
  try {
    const uri = pathToFileURL(workspace).href;
    await client.request('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
          synchronization: { didSave: true },
        },
        window: { workDoneProgress: false },
      },
      initializationOptions,
    }, 30_000);
    client.notify('initialized', {});
    const n = await ready;
    const state = n.params as IndexState;
    if (state.state !== 'ready') throw new Error(`index state ${state.state}: ${state.message ?? ''}`);
    return { client, readyMs: n.at - started, state };
  } catch (e) {
    await client.shutdown();
    throw e;
  }
}

export function fileUri(workspace: string, file: string): string {
  return pathToFileURL(join(workspace, file)).href;
}
