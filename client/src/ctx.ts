// Owns the extension's long-lived parts: language client, output, status bar, views, secrets.
import { rm } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IndexStateNotification, type IndexState } from '../../common/protocol';
import { affectsLiveView, readSettings } from './config';
import { indexCacheDir } from './indexCache';
import { LiveModel } from './model/liveModel';
import { writtenKeys } from './model/keysModel';
import { Secrets } from './secrets';
import { ServerApi } from './serverApi';
import { SessionDocuments, scheme } from './sessionDocument';
import { IndexStatusBar } from './statusBar';
import { KeysView } from './views/keysView';
import { LiveView, type LiveNode } from './views/liveView';

const pageSize = 50;

export class Ctx implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Django Sessions', { log: true });
  readonly secrets: Secrets;
  readonly api: ServerApi;
  readonly statusBar = new IndexStatusBar();
  readonly documents = new SessionDocuments();
  readonly liveModel: LiveModel;
  readonly keysView: KeysView;
  readonly liveView: LiveView;
  readonly liveTree: vscode.TreeView<LiveNode>;
  client?: LanguageClient;
  indexState?: IndexState;
  private hasSecret = false;
  /** The secrets in use (for masking the protocol trace), refreshed when SecretStorage changes. */
  private knownSecrets: string[] = [];
  private autoRefresh?: ReturnType<typeof setInterval>;
  private keysRefresh?: ReturnType<typeof setTimeout>;
  private liveVisible = false;
  private readonly indexListeners = new Set<(s: IndexState) => void>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.secrets = new Secrets(context.secrets);
    this.api = new ServerApi(() => (this.client?.isRunning() ? this.client : undefined), () => vscode.workspace.isTrusted);
    this.liveModel = new LiveModel(this.api, {
      configuredStores: () => readSettings().stores,
      secrets: () => this.secrets.secretKeys(),
      password: (id) => this.secrets.password(id),
      pageSize,
    });
    this.keysView = new KeysView(() => this.api.keys(), () => (this.liveModel.hasLoadedSessions() ? this.liveModel.seenKeys() : undefined));
    this.liveView = new LiveView(this.liveModel, {
      maskKeys: () => readSettings().maskKeys,
      writtenKeys: () => (this.keysView.loaded ? writtenKeys(this.keysView.keys) : undefined),
      hasSecret: () => this.hasSecret,
    });
    this.liveModel.onChange(() => {
      void vscode.commands.executeCommand('setContext', 'djangoSessions.live.state', this.liveModel.state);
      void vscode.commands.executeCommand('setContext', 'djangoSessions.live.filtered', !!this.liveModel.filter);
      this.keysView.redraw();
    });
    const keysTree = vscode.window.createTreeView('djangoSessions.keys', { treeDataProvider: this.keysView, showCollapseAll: true });
    const liveTree = vscode.window.createTreeView('djangoSessions.live', { treeDataProvider: this.liveView, showCollapseAll: true });
    this.liveTree = liveTree;
    this.disposables.push(
      this.output, this.statusBar, this.documents, keysTree, liveTree,
      vscode.workspace.registerTextDocumentContentProvider(scheme, this.documents),
      liveTree.onDidChangeVisibility((e) => this.liveVisibilityChanged(e.visible)),
      vscode.workspace.onDidChangeConfiguration((e) => { if (affectsLiveView(e)) this.settingsChanged(); }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => { this.setContexts(); void this.liveModel.refresh(); }),
      context.secrets.onDidChange(() => this.secretsChanged()),
      vscode.workspace.onDidSaveTextDocument((doc) => { if (/python|html|plaintext/.test(doc.languageId)) this.keysChangedSoon(); }),
    );
    this.setContexts();
    void this.secretsChanged();
  }

  /** Starts the language server; failures are shown in the status bar and output, never thrown. */
  async start(): Promise<void> {
    // Loaded here, not at the top: vscode-languageclient is most of the bundle, and evaluating it
    // after activate() returns keeps activation cheap (esbuild evaluates the module lazily).
    const { createLanguageClient, State } = await import('./languageClient');
    const client = createLanguageClient(this.context, this.output, () => this.knownSecrets);
    this.client = client;
    this.setIndexContext('indexing');
    client.onNotification(IndexStateNotification, (state: IndexState) => this.indexChanged(state));
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) {
        this.statusBar.stopped('The language server stopped.');
        this.setIndexContext('stopped');
      }
    });
    try {
      await client.start();
      this.output.info('Language server started.');
      await this.keysView.refresh();
      // A server that sent no index state yet: the keys answered, so the index is usable.
      if (!this.indexState && this.keysView.loaded) {
        this.setIndexContext('ready');
        this.statusBar.update({ state: 'ready', keys: this.keysView.keys.length, filesDone: 0, filesTotal: 0 });
      }
      if (vscode.workspace.isTrusted && this.liveVisible) await this.liveModel.refresh();
    } catch (e) {
      this.output.error(`Language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
      this.statusBar.stopped('The language server failed to start.');
      this.setIndexContext('error');
    }
  }

  async restart(): Promise<void> {
    await this.stopClient();
    await this.start();
  }

  /** Restarts the server without its facts cache: every file is read again. */
  async rebuildIndex(): Promise<void> {
    await this.stopClient();
    const dir = indexCacheDir(this.context);
    if (dir) await rm(dir, { recursive: true, force: true }).catch((e: unknown) => this.output.warn(`facts cache not removed: ${e instanceof Error ? e.message : String(e)}`));
    await this.start();
  }

  private async stopClient(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    this.statusBar.starting();
    if (old) await old.dispose().catch(() => undefined);
  }

  /** Resolves with the next index state that `accept` takes (the current one if it does). */
  waitForIndex(accept: (s: IndexState) => boolean): Promise<IndexState> {
    if (this.indexState && accept(this.indexState)) return Promise.resolve(this.indexState);
    return new Promise((resolve) => {
      const listener = (s: IndexState) => {
        if (!accept(s)) return;
        this.indexListeners.delete(listener);
        resolve(s);
      };
      this.indexListeners.add(listener);
    });
  }

  private indexChanged(state: IndexState): void {
    const wasReady = this.indexState?.state === 'ready';
    const keysChanged = this.indexState?.keys !== state.keys;
    this.indexState = state;
    this.statusBar.update(state);
    this.setIndexContext(state.state);
    if (state.state === 'ready' && (!wasReady || keysChanged)) void this.keysView.refresh().then(() => this.liveView.redraw());
    for (const l of [...this.indexListeners]) l(state);
  }

  /** Saved files may add or move accesses: refresh the keys once edits settle. */
  private keysChangedSoon(): void {
    if (this.keysRefresh) clearTimeout(this.keysRefresh);
    this.keysRefresh = setTimeout(() => { if (this.client?.isRunning()) void this.keysView.refresh(); }, 750);
  }

  private liveVisibilityChanged(visible: boolean): void {
    this.liveVisible = visible;
    if (visible && this.liveModel.state === 'idle' && this.client) void this.liveModel.refresh();
    this.scheduleAutoRefresh();
  }

  private settingsChanged(): void {
    this.setContexts();
    this.liveView.redraw();
    this.scheduleAutoRefresh();
    if (this.liveModel.state !== 'idle') void this.liveModel.refresh();
  }

  private scheduleAutoRefresh(): void {
    if (this.autoRefresh) clearInterval(this.autoRefresh);
    this.autoRefresh = undefined;
    const seconds = readSettings().autoRefreshSeconds;
    if (seconds > 0 && this.liveVisible) {
      this.autoRefresh = setInterval(() => { if (this.liveModel.state !== 'loading') void this.liveModel.refresh(); }, Math.max(seconds, 2) * 1000);
    }
  }

  private async secretsChanged(): Promise<void> {
    this.knownSecrets = await this.secrets.secretKeys();
    this.hasSecret = this.knownSecrets.length > 0;
    void vscode.commands.executeCommand('setContext', 'djangoSessions.hasSecret', this.hasSecret);
    this.liveView.redraw();
  }

  private setContexts(): void {
    void vscode.commands.executeCommand('setContext', 'djangoSessions.readOnly', readSettings().readOnly);
    void vscode.commands.executeCommand('setContext', 'djangoSessions.live.state', vscode.workspace.isTrusted ? this.liveModel.state : 'untrusted');
  }

  private setIndexContext(state: string): void {
    void vscode.commands.executeCommand('setContext', 'djangoSessions.index.state', state);
  }

  async dispose(): Promise<void> {
    if (this.autoRefresh) clearInterval(this.autoRefresh);
    if (this.keysRefresh) clearTimeout(this.keysRefresh);
    for (const d of this.disposables) d.dispose();
    await this.client?.dispose().catch(() => undefined);
  }
}
