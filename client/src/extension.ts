// VS Code entry point: builds the context, registers commands, starts the language server.
import type * as vscode from 'vscode';
import type { IndexState } from '../../common/protocol';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { indexCacheDir } from './indexCache';
import type { KeysView } from './views/keysView';
import type { LiveNode, LiveView } from './views/liveView';
import type { ServerApi } from './serverApi';

/** What `activate` returns: used by the end-to-end tests (and other extensions) to observe state. */
export interface DjangoSessionsApi {
  readonly api: ServerApi;
  readonly keysView: KeysView;
  readonly liveView: LiveView;
  readonly liveTree: vscode.TreeView<LiveNode>;
  indexState(): IndexState | undefined;
  waitForIndex(accept: (s: IndexState) => boolean): Promise<IndexState>;
  /** Resolves once the language client started (or failed to). */
  readonly started: Promise<void>;
  /** Where the server keeps this workspace's facts cache (none without a folder). */
  indexCacheDir(): string | undefined;
}

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): DjangoSessionsApi {
  const c = new Ctx(context);
  ctx = c;
  context.subscriptions.push(...registerCommands(c));
  const started = c.start();
  return {
    api: c.api,
    keysView: c.keysView,
    liveView: c.liveView,
    liveTree: c.liveTree,
    indexState: () => c.indexState,
    waitForIndex: (accept) => c.waitForIndex(accept),
    started,
    indexCacheDir: () => indexCacheDir(context),
  };
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}
