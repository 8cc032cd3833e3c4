// The workspace index: facts per file (never trees), resolved accesses, and the queries the
// features need. Built once from a walk, then kept current with updateFile/removeFile.
import { join } from 'node:path';
import { mentionsAnyOf } from '../facts/prefilter';
import type { FileFacts, KeyParameter, NestedMutation, PassedSession, SessionAccess, Span } from '../facts/types';
import { defaultOf } from '../settings/catalog';
import type { SettingsModel } from '../settings/types';
import { emptyFacts, type FactsExtractor } from './extractor';
import { engineStamp, FactsCache, fileStamp, type FileStamp } from './factsCache';
import { readAndExtract, type FactsPool, type FileOutcome } from './factsPool';
import { checkText, languageOf, readSource, type DecodedSource, type ReadSource } from './files';
import { makeExcluder, type Excluder } from './glob';
import { KeyTable, type IndexedAccess, type StateChanges } from './keyTable';
import { patternMatches } from './keyPatterns';
import { asAttributeOfParent, ModuleNames } from './modules';
import { keyParametersOf, resolveFile, type ResolverContext } from './resolve';
import { ClassHierarchy } from './classHierarchy';
import { ReturnedKeys } from './returnedKeys';
import { collectProjectNames, namesProject, WordSearch, wordsOf } from './projectNames';
import { linkSessionCalls, NO_LINKS, passKey, type Links } from './sessionCalls';
import { walkWorkspace, type WalkedFile } from './walk';

export type { IndexedAccess, StateChanges } from './keyTable';

export interface IndexOptions {
  /** Absolute path of the workspace folder. */
  root: string;
  extractor: FactsExtractor;
  exclude?: readonly string[];
  /** Where problems go (never file contents). */
  log?: (message: string) => void;
  /** Keep the initial index's outcomes in `dir` (factsCache.ts) and reuse them for unchanged files. */
  cache?: { dir: string; stamp?: string };
  /** After an edit, workspaces with more Python files than this search for a new project name in the background (default 4000). */
  syncNameSearchFiles?: number;
  /** A background search changed facts (the LSP shell publishes diagnostics again). */
  onBackgroundChange?: () => void;
}

export interface BuildOptions {
  progress?: (done: number, total: number) => void;
  token?: { readonly isCancellationRequested: boolean };
  /** Files walked from which the workers read and extract every file (default 1000). */
  minWalkedForWorkers?: number;
}

export interface BuildStats {
  files: number;
  /** Files parsed (or, from the cache, that were parsed when it was written). */
  parsed: number;
  skipped: number;
  /** Files whose outcome came from the facts cache (not read). */
  cached?: number;
  cancelled: boolean;
  milliseconds: number;
}

const YIELD_EVERY = 256;
/** See IndexOptions.syncNameSearchFiles. */
export const SYNC_NAME_SEARCH_FILES = 4000;
/** Facts cache entries of modules read only for their constants (not walked as session files). */
const LAZY_PREFIX = '\0constants:';
/** Re-exports followed to find where an imported function is defined. */
const MAX_REEXPORTS = 8;
/**
 * Files walked from which worker threads read and extract beside this thread. A worker costs a
 * second isolate, the bundle and the parser's wasm (100-250 ms of CPU here); most files are only
 * read and dropped (~100 µs each), so it pays off on big trees only. Measured on 2 cores, same
 * machine, alternating runs: Django's 3,091 files 1.01 s without workers, 1.27 s with; 10,000
 * files even; 50,000 files 6.0 s without, 5.0 s with.
 */
export const MIN_WALKED_FOR_WORKERS = 8000;
/** Paths per job: few messages, yet small enough to keep every thread busy to the end. */
const FILES_PER_JOB = 48;
/** Jobs queued per worker, so it never waits for this thread to hand it the next one. */
const JOBS_AHEAD_PER_WORKER = 2;

export class WorkspaceIndex {
  readonly root: string;
  private readonly extractor: FactsExtractor;
  private readonly log: (message: string) => void;
  private excluded: Excluder;
  private modules = new ModuleNames(new Set(), new Set());
  /** Every source file the walk found (also those never parsed). */
  private readonly known = new Set<string>();
  private readonly moduleFiles = new Map<string, string>();
  /** Other names files are imported by (a src layout's `argus.*`): used where no file has that name itself. */
  private readonly moduleAliases = new Map<string, string>();
  /** Facts of files that may mention sessions (or were opened in the editor). */
  private readonly facts = new Map<string, FileFacts>();
  /** Top-level package → how many imports of the indexed files name it (or a module below it). */
  private readonly importedPackages = new Map<string, number>();
  /** Facts of modules parsed on demand only for their constants. */
  private readonly lazy = new Map<string, FileFacts | null>();
  private readonly resolved = new Map<string, SessionAccess[]>();
  private readonly mutations = new Map<string, NestedMutation[]>();
  private readonly dependsOn = new Map<string, Set<string>>();
  private readonly usesSettings = new Set<string>();
  /** Files with keys from subclasses or from a method of any class: re-resolved when the class hierarchy changes. */
  private readonly usesClassHierarchy = new Set<string>();
  private readonly hierarchy = new ClassHierarchy(() => this.facts.values(), (module, name) => {
    const at = this.fileOfFunction(module, name, new Set(), 0);
    const defining = at && this.modules.moduleOf(at.file);
    return at && defining ? { module: defining, name: at.name } : undefined;
  });
  private hierarchyChanged = false;
  /** Files whose own facts pass a session to an imported function → those calls, as a comparable text. */
  private readonly callers = new Map<string, string>();
  /** Sessions passed across files (sessionCalls.ts): the callees' facts with what they receive. */
  private links: Links = NO_LINKS;
  /** What defs of a file return as keys, by name (ReturnedRef); dropped when the file changes. */
  private readonly returned = new ReturnedKeys({
    fileOfModule: (module) => this.fileOf(module),
    sourceOf: (file) => this.currentSource(file).source,
    extract: (text, file, module, makers) => this.extractor.pythonWithKeyMakers?.(text, file, module, makers),
    log: (message) => this.log(message),
  });
  /** Callee facts by file, with the `passed` key they were extracted for; dropped when the file changes. */
  private readonly passedCache = new Map<string, { key: string; facts: FileFacts }>();
  /** Texts of editor buffers: a callee is extracted again from what the editor holds, not the disk. */
  private readonly openTexts = new Map<string, string>();
  /** Files whose linked facts changed with the last change of a file (their diagnostics may change). */
  private readonly linkedBy = new Map<string, Set<string>>();
  private settings: SettingsModel | null = null;
  private projectSettings: ReadonlyMap<string, SettingsModel> = new Map();
  /** What a file using the project's names (extractWithProjectNames) contains: helper names, `.saml_session`. */
  private projectWords: ReadonlySet<string> = new Set();
  /** Python files containing each project word searched so far, kept current by updateFile/removeFile. */
  private readonly words: WordSearch;
  private readonly syncNameSearchFiles: number;
  private readonly onBackgroundChange: () => void;
  /** The resolved accesses by key, updated per re-resolved file. */
  private readonly table = new KeyTable();
  private generation = 0;
  private readonly cacheOptions: IndexOptions['cache'];
  /** The facts cache of the build in progress, and the stamps of the files it reads. */
  private buildCache: { cache: FactsCache; stamps: Map<string, FileStamp | null> } | null = null;

  constructor(options: IndexOptions) {
    this.root = options.root;
    this.extractor = options.extractor;
    this.log = options.log ?? (() => undefined);
    this.excluded = makeExcluder(options.exclude ?? []);
    this.cacheOptions = options.cache;
    this.syncNameSearchFiles = options.syncNameSearchFiles ?? SYNC_NAME_SEARCH_FILES;
    this.onBackgroundChange = options.onBackgroundChange ?? (() => undefined);
    this.words = new WordSearch({
      root: this.root,
      pythonFiles: () => this.pythonFiles(),
      isKnown: (file) => this.known.has(file),
      openTexts: () => this.openTexts,
      wanted: () => this.projectWords,
      found: (words) => {
        this.extractNaming(words);
        this.resolveAll();
        this.onBackgroundChange();
      },
      log: this.log,
    });
  }

  /** Increases on every change; features and shells use it to cache. */
  get version(): number {
    return this.generation;
  }

  /** Whether any indexed file imports the top-level package `name` (`formtools` for `formtools.wizard.views`). */
  importsPackage(name: string): boolean {
    return (this.importedPackages.get(name) ?? 0) > 0;
  }

  /**
   * Whether the workspace is a Django project: a manage.py, a settings module, or a file importing
   * django. Pyramid's and Flask's `request.session` are sessions too, but not Django's.
   */
  usesDjango(): boolean {
    return this.modules.hasProjectRoot() || this.settings !== null || this.importsPackage('django');
  }

  /** Every change of a file's facts goes through here and dropFacts: they keep `importedPackages` counted. */
  private putFacts(file: string, facts: FileFacts): void {
    this.countImports(this.facts.get(file), -1);
    this.facts.set(file, facts);
    this.countImports(facts, 1);
    if (this.hierarchy.note(file, facts)) this.hierarchyChanged = true;
  }

  private dropFacts(file: string): void {
    this.countImports(this.facts.get(file), -1);
    this.facts.delete(file);
    if (this.hierarchy.note(file, undefined)) this.hierarchyChanged = true;
  }

  private countImports(facts: FileFacts | undefined, by: number): void {
    for (const i of facts?.imports ?? []) {
      const name = i.module.split('.', 1)[0];
      this.importedPackages.set(name, (this.importedPackages.get(name) ?? 0) + by);
    }
  }

  setExclude(globs: readonly string[]): void {
    this.excluded = makeExcluder(globs);
  }

  isExcluded(file: string): boolean {
    return this.excluded(file, false);
  }

  /** Walks the workspace and extracts facts of every file that may mention sessions. */
  async build(options: BuildOptions = {}): Promise<BuildStats> {
    const started = Date.now();
    // The parser's wasm compiles on V8's background threads while this thread walks the tree.
    const ready = this.extractor.ready();
    ready.catch(() => undefined);
    const walk = walkWorkspace(this.root, this.excluded);
    await ready;
    for (const problem of walk.problems) this.log(problem);
    this.modules = new ModuleNames(walk.packages, walk.projectRoots);
    const { files, parsed: parsedBefore, skipped: skippedBefore } = this.takeFromCache(walk.files);
    const cached = walk.files.length - files.length;
    // A big tree is read and extracted by this thread and worker threads, in batches of paths.
    if (files.length >= (options.minWalkedForWorkers ?? MIN_WALKED_FOR_WORKERS)) {
      const workers = this.extractor.workers?.(this.log);
      if (workers) return this.buildOnWorkers(files, workers, options, started, { parsed: parsedBefore, skipped: skippedBefore, cached });
    }
    const total = files.length;
    let parsed = parsedBefore;
    let skipped = skippedBefore;
    for (let i = 0; i < total; i++) {
      if (i % YIELD_EVERY === 0) {
        options.progress?.(i, total);
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (options.token?.isCancellationRequested) {
          this.buildCache = null;
          return { files: i, parsed, skipped, cancelled: true, milliseconds: Date.now() - started };
        }
      }
      const { path } = files[i];
      this.addKnown(path);
      const outcome = this.readAndExtract(path);
      this.noteOutcome(path, outcome);
      if (outcome === null) continue;
      if (this.keepOutcome(path, outcome)) parsed++;
      else skipped++;
    }
    options.progress?.(total, total);
    this.extractWithProjectNames(undefined, true);
    this.resolveAll();
    this.saveCache();
    return { files: walk.files.length, parsed, skipped, cached, cancelled: false, milliseconds: Date.now() - started };
  }

  /**
   * With a facts cache: the walked files unchanged since it was written take their recorded
   * outcome (never read); returns the files left to read, and what the cached ones counted.
   * Each file is stat'ed before it is read, so a change after that is seen next time.
   */
  private takeFromCache(walked: readonly WalkedFile[]): { files: readonly WalkedFile[]; parsed: number; skipped: number } {
    this.buildCache = null;
    if (!this.cacheOptions) return { files: walked, parsed: 0, skipped: 0 };
    const cache = FactsCache.open(this.cacheOptions.dir, this.root, this.cacheOptions.stamp ?? engineStamp(), this.log);
    const stamps = new Map<string, FileStamp | null>();
    this.buildCache = { cache, stamps };
    const files: WalkedFile[] = [];
    let parsed = 0;
    let skipped = 0;
    for (const file of walked) {
      const stamp = fileStamp(join(this.root, file.path));
      const outcome = stamp ? cache.hit(file.path, stamp, this.modules.moduleOf(file.path)) : undefined;
      if (outcome === undefined) {
        stamps.set(file.path, stamp);
        files.push(file);
        continue;
      }
      this.addKnown(file.path);
      if (outcome === null) continue;
      if (this.keepOutcome(file.path, outcome)) parsed++;
      else skipped++;
    }
    return { files, parsed, skipped };
  }

  /** A cancelled build writes no cache (it would hold a part of the tree only). */
  private cancelled(started: number): BuildStats {
    this.buildCache = null;
    return { files: 0, parsed: 0, skipped: 0, cancelled: true, milliseconds: Date.now() - started };
  }

  /** A file read during the build: its outcome goes to the facts cache. */
  private noteOutcome(path: string, outcome: FileOutcome): void {
    const run = this.buildCache;
    if (run) run.cache.record(path, run.stamps.get(path) ?? null, this.modules.moduleOf(path), outcome);
  }

  private saveCache(): void {
    this.buildCache?.cache.save(this.root);
    this.buildCache = null;
  }

  /** The initial index of a big tree: workers read, pre-filter and extract; facts land in walk order. */
  private async buildOnWorkers(files: readonly WalkedFile[], pool: FactsPool, options: BuildOptions, started: number,
    before: { parsed: number; skipped: number; cached: number }): Promise<BuildStats> {
    const total = files.length;
    let parsed = before.parsed;
    let skipped = before.skipped;
    const jobs: WalkedFile[][] = [];
    for (let i = 0; i < total; i += FILES_PER_JOB) jobs.push(files.slice(i, i + FILES_PER_JOB));
    for (const { path } of files) this.addKnown(path);
    // Batches are handed out in order: a few ahead to each worker, the rest to this thread, which
    // takes the next one whenever it is free. null: the worker failed, the batch is redone here.
    const outcomes: (FileOutcome[] | null | undefined)[] = new Array(jobs.length);
    let next = 0;
    let inFlight = 0;
    let settled: () => void = () => undefined;
    const dispatch = () => {
      while (inFlight < pool.size * JOBS_AHEAD_PER_WORKER && next < jobs.length) {
        const i = next++;
        inFlight++;
        const job = jobs[i].map(({ path, language }) => ({ path, module: this.modules.moduleOf(path), language }));
        pool.extractFiles({ root: this.root, files: job }).then((o) => { outcomes[i] = o; }, () => { outcomes[i] = null; }).finally(() => {
          inFlight--;
          dispatch();
          if (inFlight === 0) settled();
        });
      }
    };
    try {
      dispatch();
      while (next < jobs.length) {
        if (options.token?.isCancellationRequested) return this.cancelled(started);
        const i = next++;
        outcomes[i] = jobs[i].map(({ path }) => this.readAndExtract(path));
        options.progress?.(Math.min(total, next * FILES_PER_JOB), total);
        // Lets worker replies in, so they get their next batch.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (inFlight > 0) await new Promise<void>((resolve) => { settled = resolve; });
      if (options.token?.isCancellationRequested) return this.cancelled(started);
    } finally {
      await pool.close();
    }
    jobs.forEach((job, i) => job.forEach(({ path }, k) => {
      const batch = outcomes[i];
      const outcome = batch ? batch[k] : this.readAndExtract(path);
      this.noteOutcome(path, outcome);
      if (outcome === null) return;
      if (this.keepOutcome(path, outcome)) parsed++;
      else skipped++;
    }));
    options.progress?.(total, total);
    this.extractWithProjectNames(undefined, true);
    this.resolveAll();
    this.saveCache();
    return { files: total + before.cached, parsed, skipped, cached: before.cached, cancelled: false, milliseconds: Date.now() - started };
  }

  /** What a worker does for one file, done on this thread. */
  private readAndExtract(path: string): FileOutcome {
    return readAndExtract(this.extractor, join(this.root, path), path, this.modules.moduleOf(path), languageOf(path) ?? 'python');
  }

  /** Stores a file's outcome; true when it was parsed, false when it was skipped (and logged). */
  private keepOutcome(path: string, outcome: Exclude<FileOutcome, null>): boolean {
    if ('facts' in outcome) {
      this.putFacts(path, outcome.facts);
      return true;
    }
    if ('failed' in outcome) {
      this.log(`facts extraction failed for ${path}: ${outcome.failed}`);
      this.putFacts(path, emptyFacts(path, languageOf(path) ?? 'python', this.modules.moduleOf(path)));
      return true;
    }
    this.logRead(path, outcome.source);
    return false;
  }

  /**
   * Re-extracts one file from its current text (editor buffer or disk) and re-resolves dependents.
   * `open`: an editor buffer, edited again and again (parsed incrementally; call `closeFile` after).
   */
  updateFile(file: string, text: string, open = false): void {
    if (!languageOf(file)) return;
    const isNew = !this.known.has(file);
    this.addKnown(file);
    if (isNew && (file.endsWith('__init__.py') || file.endsWith('manage.py'))) this.renameModules();
    const source = checkText(text);
    const module = this.modules.moduleOf(file);
    const hadNames = namesProject(this.facts.get(file));
    this.words.note(file, 'text' in source && languageOf(file) === 'python' ? text : null);
    if (open) this.openTexts.set(file, text);
    else this.openTexts.delete(file);
    if (!('text' in source)) {
      this.log(`not parsed (${source.skipped}, ${source.bytes} bytes): ${file}`);
      this.dropFacts(file);
    } else if (this.extractor.mayMentionSessions(source.text) || this.facts.has(file) || (module && this.lazy.has(module)) ||
      mentionsAnyOf(source.text, this.projectWords)) {
      this.putFacts(file, this.extract(file, source.text, open));
    } else {
      this.dropFacts(file);
    }
    if (module) this.lazy.delete(module);
    // A key-taking helper or a request's second session appeared, went or was renamed: the files using it change with it.
    if ((hadNames || namesProject(this.facts.get(file))) && this.extractWithProjectNames(file)) {
      this.resolveAll();
      return;
    }
    this.changed(file, module);
  }

  /**
   * A file calling a key-taking helper (`remember(request, 'theme')`) or using a request's second
   * session (`request.saml_session`) need not say "session", so the walk may have skipped it, and
   * a file that does was read without knowing those names (projectNames.ts). When they change (after
   * the walk, after an edit), the files naming one (or that named an old one) are extracted again,
   * with the names known to the extractor. True when the names changed. A name not searched before
   * costs a read of the tree: during the build, or after an edit in a workspace of up to
   * `syncNameSearchFiles` Python files, at once; after an edit in a bigger one, in the background
   * (whenIdle). Names searched before cost nothing. `fresh`: a file just extracted from its new text.
   */
  private extractWithProjectNames(fresh?: string, building = false): boolean {
    const names = collectProjectNames(this.facts.values());
    const words = wordsOf(names);
    const before = this.projectWords;
    if (words.size === before.size && [...words].every((w) => before.has(w))) return false;
    this.projectWords = words;
    this.extractor.setProjectNames?.(names);
    const unknown = [...words].filter((w) => !this.words.searched(w));
    if (unknown.length > 0) {
      if (building || this.pythonFiles().length <= this.syncNameSearchFiles) this.words.searchNow(unknown);
      else this.words.searchInBackground();
    }
    this.extractNaming([...before, ...words], fresh);
    return true;
  }

  private pythonFiles(): string[] {
    return [...this.known].filter((file) => languageOf(file) === 'python');
  }

  /** Extracts again the files that contain one of `words` (searched before), except `fresh`. */
  private extractNaming(words: readonly string[], fresh?: string): void {
    for (const file of this.words.filesNaming(words)) {
      if (file === fresh || !this.known.has(file)) continue;
      const { source, open } = this.currentSource(file);
      if ('text' in source) this.putFacts(file, this.extract(file, source.text, open));
    }
  }

  /** Resolves when no background search is running (tests; the shells need not wait). */
  async whenIdle(): Promise<void> {
    await this.words.whenIdle();
  }

  /** Reads a file from disk again (a watched-file change) and updates it. */
  refreshFromDisk(file: string): void {
    const source = this.readDisk(file);
    if ('text' in source) this.updateFile(file, source.text);
    else this.removeFile(file);
  }

  /** An editor buffer was closed: drop what was kept to re-parse it (the caller refreshes it from disk). */
  closeFile(file: string): void {
    this.extractor.closed?.(file);
    this.openTexts.delete(file);
  }

  removeFile(file: string): void {
    const module = this.modules.moduleOf(file);
    const hadNames = namesProject(this.facts.get(file));
    this.words.note(file, null);
    this.known.delete(file);
    if (module && this.moduleFiles.get(module) === file) this.moduleFiles.delete(module);
    for (const alias of this.modules.aliasesOf(file)) if (this.moduleAliases.get(alias) === file) this.moduleAliases.delete(alias);
    this.dropFacts(file);
    this.resolved.delete(file);
    this.table.delete(file);
    this.mutations.delete(file);
    this.dependsOn.delete(file);
    this.usesSettings.delete(file);
    this.usesClassHierarchy.delete(file);
    this.openTexts.delete(file);
    if (module) this.lazy.delete(module);
    if (file.endsWith('__init__.py') || file.endsWith('manage.py')) {
      this.modules.removeFile(file);
      this.renameModules();
    }
    if (hadNames && this.extractWithProjectNames()) {
      this.resolveAll();
      return;
    }
    this.changed(file, module);
  }

  /**
   * The settings model changed: re-resolve every `settings.X` key. `byProject`: in a repository of
   * several projects, the model each project's manage.py names, by the project's folder ('' for the
   * root); a file's `settings.X` comes from its project's, else from `model`.
   */
  setSettings(model: SettingsModel | null, byProject: ReadonlyMap<string, SettingsModel> = new Map()): void {
    this.settings = model;
    this.projectSettings = byProject;
    for (const file of this.usesSettings) this.resolveOne(file);
    this.touch();
  }

  /** The settings a file's `settings.X` reads: its project's (the deepest folder with one), else the primary. */
  private settingsOf(file: string | undefined): SettingsModel | null {
    let found: SettingsModel | null = null;
    let depth = -1;
    if (file !== undefined) {
      for (const [folder, model] of this.projectSettings) {
        if ((folder === '' || file.startsWith(`${folder}/`)) && folder.length > depth) {
          found = model;
          depth = folder.length;
        }
      }
    }
    return found ?? this.settings;
  }

  getSettings(): SettingsModel | null {
    return this.settings;
  }

  // ---- queries ----

  files(): string[] {
    return [...this.resolved.keys()];
  }

  /** Whether the file has resolved facts (one of `files()`). */
  hasFile(file: string): boolean {
    return this.resolved.has(file);
  }

  /** The file's facts; for a callee of another file's session, those with the sessions it receives. */
  fileFacts(file: string): FileFacts | undefined {
    return this.links.facts.get(file) ?? this.facts.get(file);
  }

  /** The file's accesses with cross-file keys resolved. */
  accessesIn(file: string): SessionAccess[] {
    return this.resolved.get(file) ?? [];
  }

  /** Nested mutations of the file, keys resolved like accesses. */
  mutationsIn(file: string): NestedMutation[] {
    return this.mutations.get(file) ?? [];
  }

  /** Every source file the index knows (parsed or not), for the settings layer's WorkspaceAccess. */
  knownFiles(): string[] {
    return [...this.known];
  }

  *allAccesses(): Iterable<IndexedAccess> {
    for (const [file, accesses] of this.resolved) for (const access of accesses) yield { file, access };
  }

  /** The parameters `module.name` (a function, or `Class.method`) takes session keys by, through re-exports. */
  keyParametersOf(module: string, name: string): KeyParameter[] {
    return keyParametersOf(module, name, this.context(), new Set());
  }

  /** Accesses of one concrete key (not the patterns that may match it). */
  accessesOf(key: string): IndexedAccess[] {
    return this.table.accessesOf(key);
  }

  /** Every concrete key with its accesses (do not mutate). */
  keys(): ReadonlyMap<string, IndexedAccess[]> {
    return this.table.keys();
  }

  /** The concrete keys some access writes (do not mutate). */
  writtenKeys(): readonly string[] {
    return this.table.writtenKeys();
  }

  /** The concrete keys read somewhere and written nowhere. */
  unwrittenReadKeys(): string[] {
    return this.table.unwrittenReadKeys();
  }

  /** Accesses whose key is a pattern (or unknowable: key null); do not mutate. */
  patternAccesses(): IndexedAccess[] {
    return this.table.patternAccesses();
  }

  /** Which keys changed read/written state (and whether patterns changed) since the last call. */
  takeStateChanges(): StateChanges {
    return this.table.takeStateChanges();
  }

  /** Pattern accesses with `op` whose pattern matches `key`. */
  patternsMatching(key: string, ops: readonly SessionAccess['op'][]): IndexedAccess[] {
    return this.patternAccesses().filter((a) => a.access.pattern && a.access.key !== null &&
      ops.includes(a.access.op) && patternMatches(a.access.key, key));
  }

  /** The access whose key span holds the position (end inclusive, so a cursor after `'cart'` counts). */
  accessAt(file: string, line: number, character: number): IndexedAccess | undefined {
    return this.accessesAt(file, line, character)[0];
  }

  /** Every access there: several when one name stands for several keys (a loop over a key list). */
  accessesAt(file: string, line: number, character: number): IndexedAccess[] {
    return this.accessesIn(file).filter((a) => contains(a.span, line, character)).map((access) => ({ file, access }));
  }

  /** A constant defined in a file, by position of its value (for rename/definition on the constant). */
  constantAt(file: string, line: number, character: number): { name: string; value: string | null; span: Span } | undefined {
    const module = this.modules.moduleOf(file);
    const facts = this.facts.get(file) ?? (module ? this.lazy.get(module) ?? undefined : undefined);
    return facts?.constants.find((c) => contains(c.span, line, character));
  }

  /**
   * The files whose keys come from `file`'s module (re-resolved when it changes), and those whose
   * sessions from other files changed with its last change (a caller stopped passing one, say).
   */
  dependentsOf(file: string): string[] {
    const names = this.namesOf(file, this.modules.moduleOf(file));
    const out = new Set(this.linkedBy.get(file));
    for (const [other, modules] of this.dependsOn) if (names.some((n) => modules.has(n))) out.add(other);
    out.delete(file);
    return [...out];
  }

  fileOfModule(module: string): string | undefined {
    return this.fileOf(module);
  }

  moduleOf(file: string): string | null {
    return this.modules.moduleOf(file);
  }

  // ---- internals ----

  private addKnown(file: string): void {
    this.known.add(file);
    this.modules.addFile(file);
    this.registerNames(file);
  }

  /** The file's module and aliases point to it, unless another file holds the name already. */
  private registerNames(file: string): void {
    const module = this.modules.moduleOf(file);
    if (module && !this.moduleFiles.has(module)) this.moduleFiles.set(module, file);
    for (const alias of this.modules.aliasesOf(file)) if (!this.moduleAliases.has(alias)) this.moduleAliases.set(alias, file);
  }

  /** Every name a file is imported by: its own module, then its aliases. */
  private namesOf(file: string, module: string | null): string[] {
    const aliases = this.modules.aliasesOf(file);
    return module ? [module, ...aliases] : aliases;
  }

  /** The file of a module: by its own name, else by another name it is imported by. */
  private fileOf(module: string): string | undefined {
    return this.moduleFiles.get(module) ?? this.moduleAliases.get(module);
  }

  /** A new package or project root changes module names: recompute the map. */
  private renameModules(): void {
    this.moduleFiles.clear();
    this.moduleAliases.clear();
    this.lazy.clear();
    this.passedCache.clear();
    this.returned.clear();
    this.hierarchy.invalidate();
    for (const file of this.known) this.registerNames(file);
    for (const [file, facts] of this.facts) {
      const module = this.modules.moduleOf(file);
      if (facts.module !== module) this.putFacts(file, { ...facts, module });
    }
    this.resolveAll();
  }

  /** The decoded file, or why it is not parsed (logged). */
  /** A file's text as the editor holds it when it is open, else as the disk does. */
  private currentSource(file: string): { source: DecodedSource; open: boolean } {
    const open = this.openTexts.get(file);
    return open !== undefined ? { source: checkText(open), open: true } : { source: this.readDisk(file), open: false };
  }

  private readDisk(file: string): DecodedSource {
    return this.logRead(file, readSource(join(this.root, file)) as ReadSource);
  }

  /** Logs why a file is not parsed (never its contents); an unreadable file counts as skipped. */
  private logRead(file: string, source: ReadSource): DecodedSource {
    if ('text' in source) return source;
    if ('unreadable' in source) {
      this.log(`cannot read ${file}: ${source.unreadable}`);
      return { skipped: 'binary', bytes: 0 };
    }
    this.log(`not parsed (${source.skipped}, ${source.bytes} bytes): ${file}`);
    return source;
  }

  private extract(file: string, text: string, open = false): FileFacts {
    const language = languageOf(file) ?? 'python';
    const module = this.modules.moduleOf(file);
    try {
      return language === 'python' ? this.extractor.python(text, file, module, open) : this.extractor.template(text, file);
    } catch (e) {
      this.log(`facts extraction failed for ${file}: ${e instanceof Error ? e.message : 'error'}`);
      return emptyFacts(file, language, module);
    }
  }

  private context(file?: string): ResolverContext {
    const settings = this.settingsOf(file);
    return {
      factsOfModule: (module) => this.factsOfModule(module),
      definitionOf: (module, name, seen) => {
        const at = this.fileOfFunction(module, name, seen, 0);
        // A helper that receives a session from another file (`set_flag(request.session, 'beta', True)`)
        // has its key parameters in the facts extracted with that session.
        const facts = at && (this.links.facts.get(at.file) ?? this.facts.get(at.file));
        return at && facts ? { facts, name: at.name } : undefined;
      },
      subclassesOf: (module, name) => this.hierarchy.subclassesOf(module, name),
      returnedKey: (module, name) => this.returned.of(module, name),
      keyMethodsNamed: (name) => this.hierarchy.keyMethodsNamed(name),
      settingString: (name) => {
        if (!settings) return undefined;
        const assignment = settings.get(name);
        // A Django setting the project does not set has Django's default (`LANGUAGE_COOKIE_NAME`: 'django_language').
        if (!assignment) {
          const fallback = defaultOf(name);
          return typeof fallback === 'string' ? fallback : undefined;
        }
        return assignment.value.kind === 'known' && typeof assignment.value.value === 'string' ? assignment.value.value : undefined;
      },
    };
  }

  private factsOfModule(module: string): FileFacts | undefined {
    const file = this.fileOf(module);
    if (!file) return undefined;
    const indexed = this.facts.get(file);
    if (indexed) return indexed;
    // Kept under the file's own name, which its edits clear (an alias would go stale).
    const own = this.modules.moduleOf(file) ?? module;
    if (!this.lazy.has(own)) this.lazy.set(own, this.readLazily(file, own));
    return this.lazy.get(own) ?? undefined;
  }

  /** A module read only for its constants; during the initial index, through the facts cache too. */
  private readLazily(file: string, module: string): FileFacts | null {
    const run = this.buildCache;
    const key = `${LAZY_PREFIX}${file}`;
    const stamp = run ? fileStamp(join(this.root, file)) : null;
    const cached = run && stamp ? run.cache.hit(key, stamp, module) : undefined;
    if (cached !== undefined) return cached !== null && 'facts' in cached ? cached.facts : null;
    // An editor buffer (a new constants module not saved yet, say) wins over the disk.
    const { source, open } = this.currentSource(file);
    const facts = 'text' in source ? this.extract(file, source.text) : null;
    if (!open) run?.cache.record(key, stamp, module, facts ? { facts } : null);
    return facts;
  }

  private resolveAll(): void {
    this.resolved.clear();
    this.table.clear();
    this.mutations.clear();
    this.dependsOn.clear();
    this.usesSettings.clear();
    this.usesClassHierarchy.clear();
    this.hierarchyChanged = false;
    this.callers.clear();
    for (const [file, facts] of this.facts) this.noteCaller(file, facts);
    this.links = this.link();
    for (const file of this.facts.keys()) this.resolveOne(file);
    for (const file of this.links.facts.keys()) if (!this.facts.has(file)) this.resolveOne(file);
    this.touch();
  }

  private resolveOne(file: string): void {
    const facts = this.links.facts.get(file) ?? this.facts.get(file);
    if (!facts) {
      this.resolved.delete(file);
      this.table.delete(file);
      this.mutations.delete(file);
      this.dependsOn.delete(file);
      return;
    }
    const resolution = resolveFile(facts, this.context(file));
    this.resolved.set(file, resolution.accesses);
    this.table.set(file, resolution.accesses);
    this.mutations.set(file, resolution.mutations);
    this.dependsOn.set(file, resolution.modules);
    if (resolution.usesSettings) this.usesSettings.add(file);
    else this.usesSettings.delete(file);
    if (resolution.usesClassHierarchy) this.usesClassHierarchy.add(file);
    else this.usesClassHierarchy.delete(file);
  }

  /** One file changed: re-link sessions passed across files if it takes part, resolve it and every file whose keys come from its module. */
  private changed(file: string, module: string | null): void {
    this.returned.forget(file);
    this.relinkAfter(file, module);
    this.resolveOne(file);
    const names = this.namesOf(file, module);
    for (const [other, modules] of this.dependsOn) if (other !== file && names.some((n) => modules.has(n))) this.resolveOne(other);
    // A class gained or lost a base: keys read from `self` in a base class may come from it now.
    if (this.hierarchyChanged) {
      this.hierarchyChanged = false;
      for (const other of [...this.usesClassHierarchy]) if (other !== file) this.resolveOne(other);
    }
    this.touch();
  }

  // ---- sessions passed to functions of other files (sessionCalls.ts) ----

  /** Records whether the file's own facts pass a session to an imported function; true when that changed. */
  private noteCaller(file: string, facts: FileFacts | undefined): boolean {
    const calls = facts?.sessionCalls?.length ? JSON.stringify(facts.sessionCalls) : undefined;
    if (calls === this.callers.get(file)) return false;
    if (calls === undefined) this.callers.delete(file);
    else this.callers.set(file, calls);
    return true;
  }

  /**
   * Links again when the changed file passes sessions (differently than before), receives them,
   * or is a module some call looks at; resolves the files whose linked facts changed. Other edits
   * cost two map lookups.
   */
  private relinkAfter(file: string, module: string | null): void {
    const calls = this.noteCaller(file, this.facts.get(file));
    this.passedCache.delete(file);
    if (!calls && !this.links.facts.has(file) && !this.namesOf(file, module).some((n) => this.links.modules.has(n))) {
      this.linkedBy.delete(file);
      return;
    }
    const before = this.links.facts;
    this.links = this.link();
    const changed = new Set<string>();
    for (const [other, facts] of before) if (this.links.facts.get(other) !== facts) changed.add(other);
    for (const [other, facts] of this.links.facts) if (before.get(other) !== facts) changed.add(other);
    for (const other of this.passedCache.keys()) if (!this.links.facts.has(other)) this.passedCache.delete(other);
    for (const other of changed) this.resolveOne(other);
    if (changed.size > 0) this.linkedBy.set(file, changed);
    else this.linkedBy.delete(file);
  }

  private link(): Links {
    if (this.callers.size === 0 || !this.extractor.pythonWithSessions) return NO_LINKS;
    const callers: FileFacts[] = [];
    for (const file of this.callers.keys()) {
      const facts = this.facts.get(file);
      if (facts) callers.push(facts);
    }
    // Many callers call the same helpers: each is looked up once per linking (`seen` is the same set throughout).
    const found = new Map<string, { file: string; name: string } | undefined>();
    return linkSessionCalls({
      callers,
      fileOfFunction: (module, name, seen) => {
        const key = `${module}:${name}`;
        if (!found.has(key)) found.set(key, this.fileOfFunction(module, name, seen, 0));
        return found.get(key);
      },
      factsWith: (file, passed) => this.factsWith(file, passed),
    });
  }

  /** Where `module.name` is defined: the module's file, or where it re-exports the name from. */
  private fileOfFunction(module: string, name: string, seen: Set<string>, depth: number): { file: string; name: string } | undefined {
    seen.add(module);
    const file = this.fileOf(module);
    if (!file) {
      // `recorder.remember` / `Recorder.forget`: a method of a class or instance of `pkg.mod`.
      const parent = asAttributeOfParent(module, name);
      return parent && depth < MAX_REEXPORTS ? this.fileOfFunction(parent.module, parent.name, seen, depth + 1) : undefined;
    }
    if (languageOf(file) !== 'python') return undefined;
    // A re-export of the function, or of the class or instance whose method it is.
    const dot = name.indexOf('.');
    const head = dot > 0 ? name.slice(0, dot) : name;
    const reexport = this.factsOfModule(module)?.imports.find((i) => i.local === head && i.name !== null && i.name !== '*');
    if (reexport?.name && depth < MAX_REEXPORTS) return this.fileOfFunction(reexport.module, reexport.name + name.slice(head.length), seen, depth + 1);
    return { file, name };
  }

  private factsWith(file: string, passed: readonly PassedSession[]): FileFacts | undefined {
    const key = passed.map(passKey).join('|');
    const cached = this.passedCache.get(file);
    if (cached?.key === key) return cached.facts;
    const { source, open } = this.currentSource(file);
    if (!('text' in source) || !this.extractor.pythonWithSessions) return undefined;
    const module = this.modules.moduleOf(file);
    let facts: FileFacts;
    try {
      facts = this.extractor.pythonWithSessions(source.text, file, module, passed, open);
    } catch (e) {
      this.log(`facts extraction failed for ${file}: ${e instanceof Error ? e.message : 'error'}`);
      return undefined;
    }
    this.passedCache.set(file, { key, facts });
    return facts;
  }

  private touch(): void {
    this.generation++;
  }
}

export function contains(span: Span, line: number, character: number): boolean {
  if (line < span.startLine || line > span.endLine) return false;
  if (line === span.startLine && character < span.startColumn) return false;
  if (line === span.endLine && character > span.endColumn) return false;
  return true;
}
