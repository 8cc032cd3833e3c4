// The language server: state (index, documents, configuration) and the wiring of LSP messages
// to features. Handlers stay thin; the work is in server/src/features.
import {
  DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind, TextDocuments,
  type Connection, type Diagnostic, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { IndexStateNotification, KeysRequest, type IndexState } from '../../../../common/protocol';
import { defaultSettings, settingsFrom, type DjangoSessionsSettings } from '../../../../common/settings';
import { codeActions } from '../../features/codeActions';
import { complete } from '../../features/completion';
import type { FeatureContext } from '../../features/context';
import { appsInUse } from '../../features/appKeys';
import { diagnosticsFor } from '../../features/diagnostics';
import { hover } from '../../features/hover';
import { keySummaries } from '../../features/keyInfo';
import { definition, highlights, references, workspaceSymbols } from '../../features/navigation';
import { prepareFeatures } from '../../features/pythonTree';
import { prepareRename, rename } from '../../features/rename';
import { djangoExtractor } from '../../index/djangoExtractor';
import { languageOf } from '../../index/files';
import { patternMatches } from '../../index/keyPatterns';
import { WorkspaceIndex } from '../../index/workspaceIndex';
import { cacheDirFromEnv } from '../../index';
import { isSettingsLikeFile } from '../../settings/discover';
import { checkWorkspaceSettings, settingsByProject } from '../../rules/workspace';
import { settingsCodeActions, settingsCompletionItems, settingsDiagnostics, settingsHoverOf } from '../../features/lspSettings';
import type { SettingsModel } from '../../settings/types';
import { wireLiveSessions } from './liveSessions';
import { ChangeArrivals } from './arrivals';
import { DiagnosticsPublisher } from './publisher';
import { quietly, safely } from './safe';
import { WorkspaceFolder } from './workspace';

/**
 * When a change was counted on arrival but never reached a handler, the edits waiting for it are
 * applied after this long anyway (bursts are coalesced by `ChangeArrivals`, not by this timer).
 */
const EDIT_FALLBACK_MS = 50;
const SETTINGS_SETTLE_MS = 300;
/** Other files re-checked per tick after an edit. */
const RECHECK_BATCH = 32;

export class SessionServer {
  private readonly documents = new TextDocuments(TextDocument);
  private folder!: WorkspaceFolder;
  private index!: WorkspaceIndex;
  private config: DjangoSessionsSettings = defaultSettings;
  private readonly publisher: DiagnosticsPublisher;
  private capabilities: InitializeParams['capabilities'] = {};
  private hasRoot = false;
  private ready: Promise<void> = Promise.resolve();
  /** Open documents edited since the index last saw them. */
  private readonly dirty = new Set<string>();
  /** The version of each open document the index last analysed (sent with its diagnostics). */
  private readonly analysed = new Map<string, number>();
  private editTimer: NodeJS.Timeout | undefined;
  private state: IndexState = { state: 'indexing', filesDone: 0, filesTotal: 0, keys: 0 };
  private readonly indexCancel = { isCancellationRequested: false };
  /** The third-party apps the code imported at the last edit (features/appKeys.ts). */
  private importedApps = '';
  private settings: { model: SettingsModel | null; files: Set<string>; diagnostics: Map<string, Diagnostic[]> } = { model: null, files: new Set(), diagnostics: new Map() };
  private settingsTimer: NodeJS.Timeout | undefined;

  /** `arrivals`: counts changes as they arrive (main.ts), to apply only the last of a burst. */
  constructor(private readonly connection: Connection, private readonly arrivals = new ChangeArrivals()) {
    this.publisher = new DiagnosticsPublisher(connection, () => this.allDiagnostics(), (uri) => this.analysed.get(uri));
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(quietly(c, 'initialized', () => this.initialized()));
    c.onShutdown(() => {
      this.indexCancel.isCancellationRequested = true;
      this.publisher.dispose();
      if (this.settingsTimer) clearTimeout(this.settingsTimer);
    });
    c.onDidChangeConfiguration(quietly(c, 'configuration', async (change) => this.applyConfig(await this.pullConfig(change.settings))));
    c.onDidChangeWatchedFiles(quietly(c, 'watched files', async (params) => this.watched(params.changes)));
    this.documents.onDidOpen(quietly(c, 'open', (e) => this.edited(e.document.uri, true)));
    this.documents.onDidChangeContent(quietly(c, 'change', (e) => this.edited(e.document.uri, false)));
    this.documents.onDidClose(quietly(c, 'close', (e) => this.closed(e.document.uri)));

    c.onCompletion(safely(c, 'completion', async ({ textDocument, position }) => {
      const doc = await this.prepared(textDocument.uri);
      if (!doc) return [];
      const items = complete(this.context(), doc.file, doc.text, position, { insertReplace: this.insertReplace() });
      return items.length || !this.touchesSettings(doc.file) ? items : settingsCompletionItems(doc.text, position, this.settings.model);
    }));
    c.onHover(safely(c, 'hover', async ({ textDocument, position }) => {
      const doc = await this.prepared(textDocument.uri);
      if (!doc) return null;
      return hover(this.context(), doc.file, doc.text, position) ?? (this.touchesSettings(doc.file) ? settingsHoverOf(doc.text, position, this.settings.model) : null);
    }));
    c.onDefinition(safely(c, 'definition', async ({ textDocument, position }) => {
      const doc = await this.prepared(textDocument.uri);
      return doc ? definition(this.context(), doc.file, position) : [];
    }));
    c.onReferences(safely(c, 'references', async ({ textDocument, position, context }) => {
      const doc = await this.prepared(textDocument.uri);
      return doc ? references(this.context(), doc.file, position, context.includeDeclaration) : [];
    }));
    c.onDocumentHighlight(safely(c, 'highlight', async ({ textDocument, position }) => {
      const doc = await this.prepared(textDocument.uri);
      return doc ? highlights(this.context(), doc.file, position) : [];
    }));
    c.onPrepareRename(safely(c, 'prepareRename', async ({ textDocument, position }) => {
      const doc = await this.prepared(textDocument.uri);
      return doc ? prepareRename(this.context(), doc.file, doc.text, position) : null;
    }));
    c.onRenameRequest(safely(c, 'rename', async ({ textDocument, position, newName }) => {
      const doc = await this.prepared(textDocument.uri);
      return doc ? rename(this.context(), doc.file, position, newName) : null;
    }));
    c.onCodeAction(safely(c, 'codeAction', async ({ textDocument, context }) => {
      const doc = await this.prepared(textDocument.uri);
      if (!doc) return [];
      return [...codeActions(this.context(), doc.file, doc.text, context.diagnostics), ...settingsCodeActions(this.context(), context.diagnostics)];
    }));
    c.onWorkspaceSymbol(safely(c, 'workspaceSymbol', async ({ query }) => {
      await this.flush();
      return workspaceSymbols(this.context(), query);
    }));
    c.onRequest(KeysRequest, safely(c, 'keys', async () => {
      await this.flush();
      return { keys: keySummaries(this.context()) };
    }));
    const live = wireLiveSessions(c, () => this.folder.root, () => this.config,
      () => ({ model: this.settings.model, file: this.settings.model?.file }));
    c.onExit(() => { void live.dispose(); });
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    this.hasRoot = rootUri !== null && URI.parse(rootUri).scheme === 'file';
    const root = this.hasRoot && rootUri ? URI.parse(rootUri).fsPath : process.cwd();
    this.folder = new WorkspaceFolder(root, this.documents);
    // The facts cache: the folder the client gives (VS Code: the extension's workspace storage), else the environment's.
    const given = (params.initializationOptions as { cacheDir?: unknown } | undefined)?.cacheDir;
    const cacheDir = typeof given === 'string' && given ? given : cacheDirFromEnv();
    this.index = new WorkspaceIndex({ root, extractor: djangoExtractor(), exclude: this.config.exclude, log: (m) => this.connection.console.info(m),
      // A key-taking helper named in a big workspace is searched for in the background: publish what it changed.
      onBackgroundChange: () => this.publisher.schedule(),
      ...(cacheDir ? { cache: { dir: cacheDir } } : {}) });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ["'", '"', '.'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        workspaceSymbolProvider: true,
      },
      serverInfo: { name: 'django-sessions' },
    };
  }

  private async initialized(): Promise<void> {
    this.ready = this.startIndexing();
    await this.ready;
  }

  private async startIndexing(): Promise<void> {
    this.config = await this.pullConfig(undefined);
    this.index.setExclude(this.config.exclude);
    await prepareFeatures();
    await this.registerWatchers();
    const progress = this.capabilities.window?.workDoneProgress ? await this.connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Django Sessions: indexing', 0, undefined, false);
    try {
      if (this.hasRoot) {
        const stats = await this.index.build({
          token: this.indexCancel,
          progress: (done, total) => {
            progress?.report(total ? Math.round((done / total) * 100) : 100, `${done}/${total} files`);
            this.sendState({ state: 'indexing', filesDone: done, filesTotal: total, keys: this.index.keys().size });
          },
        });
        this.connection.console.info(`indexed ${stats.files} files (${stats.parsed} parsed, ${stats.skipped} skipped${stats.cached ? `, ${stats.cached} unchanged since the facts cache was written` : ''}) in ${stats.milliseconds} ms`);
      } else {
        await this.index.build({ token: { isCancellationRequested: true } }).catch(() => undefined);
      }
      this.importedApps = [...appsInUse(this.context()).imported].sort().join(' ');
      for (const doc of this.documents.all()) this.dirty.add(doc.uri);
      this.applyEdits();
      await this.analyzeSettings();
      this.sendState({ state: 'ready', filesDone: this.state.filesTotal, filesTotal: this.state.filesTotal, keys: this.index.keys().size });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.connection.console.error(`indexing failed: ${message}`);
      this.sendState({ ...this.state, state: 'error', message });
    } finally {
      progress?.done();
    }
    this.publisher.publishNow();
  }

  private sendState(state: IndexState): void {
    this.state = state;
    void this.connection.sendNotification(IndexStateNotification, state);
  }

  private async pullConfig(pushed: unknown): Promise<DjangoSessionsSettings> {
    if (this.capabilities.workspace?.configuration) {
      try {
        const [section] = await this.connection.workspace.getConfiguration([{ section: 'djangoSessions' }]);
        return settingsFrom(section);
      } catch {
        return defaultSettings;
      }
    }
    const raw = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).djangoSessions : undefined;
    return raw === undefined ? this.config : settingsFrom(raw);
  }

  private applyConfig(config: DjangoSessionsSettings): void {
    this.config = config;
    this.index?.setExclude(config.exclude);
    this.scheduleSettings();
    this.publisher.schedule();
  }

  /** Finds and evaluates the settings modules, checks them, and gives the primary model to the index. */
  private async analyzeSettings(): Promise<void> {
    if (!this.hasRoot) return;
    try {
      const access = { files: this.index.knownFiles(), readFile: (f: string) => this.folder.textOf(f) };
      const result = await checkWorkspaceSettings(access, {
        settingsModule: this.config.settingsModule, productionSettings: this.config.productionSettings,
        severity: this.config.severity, root: this.folder.root,
      });
      const files = new Set(result.models.flatMap((m) => m.model.files));
      this.settings = { model: result.primary, files, diagnostics: settingsDiagnostics(result.diagnostics) };
      this.index.setSettings(result.primary, settingsByProject(result));
    } catch (error) {
      this.connection.console.error(`settings analysis failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.publisher.schedule();
  }

  private scheduleSettings(): void {
    if (this.settingsTimer) clearTimeout(this.settingsTimer);
    this.settingsTimer = setTimeout(() => { this.settingsTimer = undefined; void this.analyzeSettings(); }, SETTINGS_SETTLE_MS);
  }

  private touchesSettings(file: string): boolean {
    return this.settings.files.has(file) || isSettingsLikeFile(file);
  }

  private async registerWatchers(): Promise<void> {
    if (!this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.py' }, { globPattern: '**/{templates,jinja2}/**/*.{html,txt}' }, { globPattern: '**/*.{jinja,jinja2,j2}' }],
    });
  }

  private async watched(changes: { uri: string; type: FileChangeType }[]): Promise<void> {
    await this.ready;
    for (const change of changes) {
      const file = this.folder.fileOf(change.uri);
      if (!file || this.documents.get(change.uri) || !languageOf(file) || this.index.isExcluded(file)) continue;
      if (change.type === FileChangeType.Deleted) this.index.removeFile(file);
      else this.index.refreshFromDisk(file);
      if (this.touchesSettings(file)) this.scheduleSettings();
    }
    this.publisher.schedule();
  }

  /**
   * An edit is applied to the index at once, unless a newer change has already arrived (a burst,
   * or keystrokes that queued up while the server was busy): then the last one applies them all.
   * Requests apply pending edits first (`prepared`).
   */
  private edited(uri: string, opened: boolean): void {
    this.dirty.add(uri);
    if (!opened && this.arrivals.handledOne()) {
      this.editTimer ??= setTimeout(() => { this.arrivals.settle(); this.applyEdits(); }, EDIT_FALLBACK_MS);
      return;
    }
    this.applyEdits();
  }

  private closed(uri: string): void {
    this.dirty.delete(uri);
    this.analysed.delete(uri);
    const file = this.folder.fileOf(uri);
    // Back to the disk's version of the file.
    if (file) this.index.closeFile(file);
    if (file && languageOf(file) && !this.index.isExcluded(file)) this.index.refreshFromDisk(file);
    this.publisher.schedule();
  }

  private applyEdits(): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    this.editTimer = undefined;
    if (this.dirty.size === 0) return;
    const updated: string[] = [];
    for (const uri of this.dirty) {
      const doc = this.documents.get(uri);
      const file = this.folder.fileOf(uri);
      if (doc && file && languageOf(file) && !this.index.isExcluded(file)) {
        this.index.updateFile(file, doc.getText(), true);
        this.analysed.set(uri, doc.version);
        updated.push(file);
        if (this.touchesSettings(file)) this.scheduleSettings();
      }
    }
    this.dirty.clear();
    if (this.state.state !== 'ready') {
      this.publisher.schedule();
      return;
    }
    // The edited documents now; the other files in a later tick, and only those whose findings may change.
    const context = this.context();
    // An import of a third-party app added or removed (formtools' wizard): its keys' findings may
    // change in any file.
    const apps = [...appsInUse(context).imported].sort().join(' ');
    if (apps !== this.importedApps) {
      this.importedApps = apps;
      this.publisher.schedule();
    }
    const some = new Map<string, Diagnostic[]>();
    for (const file of updated) some.set(this.folder.uriOf(file), this.diagnosticsOf(context, file));
    this.publisher.publishFiles(some);
    // Other files: those accessing a key whose findings may have changed — its read or written
    // state, a pattern that matches it, or (a key becoming written or unwritten) DS101's
    // "did you mean" wherever a key is read and never written.
    const changes = this.index.takeStateChanges();
    const others = new Set<string>();
    const keys = new Set([...changes.read, ...changes.written]);
    if (changes.written.size > 0) for (const key of this.index.unwrittenReadKeys()) keys.add(key);
    if (changes.patterns.size > 0) {
      const patterns = [...changes.patterns];
      for (const key of this.index.keys().keys()) if (patterns.some((p) => patternMatches(p, key))) keys.add(key);
    }
    for (const key of keys) for (const item of this.index.accessesOf(key)) others.add(item.file);
    for (const file of updated) for (const other of this.index.dependentsOf(file)) others.add(other);
    for (const file of updated) others.delete(file);
    if (others.size > 0) this.recheck([...others]);
  }

  /**
   * Publishes the diagnostics of other files in small batches, one per tick, so that an edit
   * arriving meanwhile is answered first. Each batch reads the index as it is then: the last
   * publish of a file always follows the last edit that affected it.
   */
  private recheck(files: string[]): void {
    const batch = (): void => {
      const latest = this.context();
      const more = new Map<string, Diagnostic[]>();
      for (const file of files.splice(0, RECHECK_BATCH)) more.set(this.folder.uriOf(file), this.diagnosticsOf(latest, file));
      this.publisher.publishFiles(more);
      if (files.length > 0) setImmediate(batch);
    };
    setImmediate(batch);
  }

  private async flush(): Promise<void> {
    await this.ready;
    this.applyEdits();
  }

  /** The document of a request, with the index up to date; null for documents outside the workspace. */
  private async prepared(uri: string): Promise<{ file: string; text: string } | null> {
    await this.flush();
    const doc = this.documents.get(uri);
    const file = this.folder.fileOf(uri);
    return doc && file && languageOf(file) ? { file, text: doc.getText() } : null;
  }

  private context(): FeatureContext {
    return { index: this.index, config: this.config, uriOf: (f) => this.folder.uriOf(f), textOf: (f) => this.folder.textOf(f) };
  }

  private insertReplace(): boolean {
    return this.capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport === true;
  }

  private allDiagnostics(): Map<string, Diagnostic[]> {
    // Every file is checked: what changed until now needs no targeted re-check.
    this.index.takeStateChanges();
    const context = this.context();
    const out = new Map<string, Diagnostic[]>();
    for (const file of this.index.files()) out.set(this.folder.uriOf(file), diagnosticsFor(context, file));
    for (const [file, diagnostics] of this.settings.diagnostics) {
      const uri = this.folder.uriOf(file);
      out.set(uri, [...(out.get(uri) ?? []), ...diagnostics]);
    }
    return out;
  }

  /** One file's diagnostics, as `allDiagnostics` has them. */
  private diagnosticsOf(context: FeatureContext, file: string): Diagnostic[] {
    const own = this.index.hasFile(file) ? diagnosticsFor(context, file) : [];
    return [...own, ...(this.settings.diagnostics.get(file) ?? [])];
  }
}
