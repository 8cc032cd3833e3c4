// One evaluation pass over a workspace: parses each settings file once, evaluates modules on demand
// (star imports), detects cycles, and gives expressions their context.
import { posix } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { parsePython } from '../../syntax/python';
import { fileOfModule, viewOf } from '../modules';
import type { EvaluateOptions, WorkspaceAccess } from '../types';
import { unknown } from '../values';
import type { ExprContext } from './context';
import { parseDotenv } from './environment';
import type { ModuleResult, ModuleRun } from './module';
import { runBlock, type LoadResult, type ModuleLoader } from './statements';

/** Files larger than this are not evaluated (settings are small; anything bigger is generated or binary). */
const MAX_FILE_CHARS = 2_000_000;
/** Modules an import of the settings module is followed into (with what they import), and all its
 * imports together: settings import a few; a module that pulls in a framework (a test module named
 * *_settings.py importing django.test) would cost seconds. */
const MAX_FILES_PER_IMPORT = 64;
const MAX_FILES_PER_EVALUATION = 256;

export class EvaluationSession implements ModuleLoader {
  private readonly results = new Map<string, ModuleResult>();
  private readonly inProgress = new Set<string>();
  private readonly texts = new Map<string, string | undefined>();
  private evaluated = 0;
  private evaluatedForImport = 0;

  constructor(
    private readonly parser: Parser,
    private readonly access: WorkspaceAccess,
    private readonly options: EvaluateOptions,
  ) {}

  /** Reads every .env file once, so expressions can stay synchronous. */
  async preload(): Promise<void> {
    for (const file of this.access.files) {
      if (posix.basename(file) === '.env') await this.text(file);
    }
  }

  private async text(file: string): Promise<string | undefined> {
    if (!this.texts.has(file)) {
      let text: string | undefined;
      try {
        text = await this.access.readFile(file);
      } catch {
        text = undefined;
      }
      this.texts.set(file, text);
    }
    return this.texts.get(file);
  }

  exists(module: string, near: string): boolean {
    return fileOfModule(module, this.access.files, near) !== undefined;
  }

  async load(module: string, near: string): Promise<LoadResult> {
    const file = fileOfModule(module, this.access.files, near);
    if (!file) return { missing: true };
    return this.loadFile(module, file);
  }

  /** A new top-level evaluation: its imports get the whole budget (modules evaluated before stay cached). */
  startEvaluation(): void {
    this.evaluated = 0;
    this.evaluatedForImport = 0;
  }

  async loadFile(module: string, file: string): Promise<LoadResult> {
    const cached = this.results.get(file);
    if (cached) return { result: cached };
    if (this.inProgress.has(file)) return { circular: true };
    // Only the settings module is in progress: this is one of its own imports, with a budget of its own.
    if (this.inProgress.size === 1) this.evaluatedForImport = 0;
    if (++this.evaluatedForImport > MAX_FILES_PER_IMPORT || ++this.evaluated > MAX_FILES_PER_EVALUATION) {
      return { skipped: `over ${MAX_FILES_PER_IMPORT} modules imported, the rest are not followed` };
    }
    this.inProgress.add(file);
    try {
      const result = await this.evaluateFile(module, file);
      this.results.set(file, result);
      return { result };
    } finally {
      this.inProgress.delete(file);
    }
  }

  private async evaluateFile(module: string, file: string): Promise<ModuleResult> {
    const text = (await this.text(file)) ?? '';
    const run: ModuleRun = { module, file, isPackage: file.endsWith('/__init__.py') || file === '__init__.py', scope: new Map(), files: [file], opaque: [], problems: [], importFailed: false, tryDepth: 0 };
    const lines = text.split('\n');
    const endOfFile = { startLine: lines.length - 1, startColumn: lines[lines.length - 1].length, endLine: lines.length - 1, endColumn: lines[lines.length - 1].length };
    const start = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
    if (text.length > MAX_FILE_CHARS || text.includes('\0')) {
      run.problems.push({ file, span: start, message: `${file} is too large or binary: its settings are unknown` });
      run.opaque.push({ reason: `${file} is too large or binary to evaluate`, file, span: start });
      return { ...run, endOfFile };
    }
    const tree = parsePython(this.parser, text);
    try {
      await runBlock(tree.rootNode.namedChildren.filter((n) => n !== null), run, this);
    } finally {
      tree.delete();
    }
    return { module, file, scope: run.scope, files: run.files, opaque: run.opaque, problems: run.problems, endOfFile };
  }

  exprContext(run: ModuleRun): ExprContext {
    return {
      lookup: (name) => run.scope.get(name)?.value ?? builtinNames[name] ?? unknown(`${name} is not defined in the settings`),
      env: this.options.env,
      fileValue: this.absolute(run.file),
      environDotenv: () => run.environDotenv,
      decoupleDotenv: () => this.nearestDotenv(run.file),
      pathExists: (path, kind) => this.pathExists(path, kind),
    };
  }

  /**
   * Whether a Python file of the workspace exists, from a path a settings file built (absolute, under
   * the root). The workspace's file list holds Python files and templates, not every file: other
   * paths (folders, a secrets.json) stay unknown, as do relative paths (the working directory is not known).
   */
  private pathExists(path: string, kind: 'any' | 'file' | 'dir'): boolean | undefined {
    if (kind === 'dir' || !path.endsWith('.py') || !path.startsWith('/') || !this.options.root) return undefined;
    const rel = this.relative(path);
    if (rel === undefined) return undefined;
    return viewOf(this.access.files).fileSet.has(rel);
  }

  dotenv(path: string | undefined, near: string): Record<string, string> | undefined {
    const rel = path === undefined ? posix.join(posix.dirname(near), '.env') : this.relative(path);
    const text = rel === undefined ? undefined : this.texts.get(posix.normalize(rel));
    return text === undefined ? undefined : parseDotenv(text);
  }

  /** python-decouple's AutoConfig: the first .env from the caller's directory upwards. */
  private nearestDotenv(file: string): Record<string, string> | undefined {
    let dir = posix.dirname(file);
    for (;;) {
      const text = this.texts.get(dir === '.' ? '.env' : `${dir}/.env`);
      if (text !== undefined) return parseDotenv(text);
      if (dir === '.' || dir === '/' || dir === '') return undefined;
      dir = posix.dirname(dir);
    }
  }

  private absolute(file: string): string {
    return this.options.root ? posix.join(this.options.root, file) : file;
  }

  private relative(path: string): string | undefined {
    const root = this.options.root;
    if (!path.startsWith('/')) return path;
    return root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined;
  }
}

/** Python builtins a settings file calls without importing. */
const builtinNames: Record<string, { kind: 'builtin'; name: string }> = Object.fromEntries(
  ['str', 'int', 'float', 'bool', 'list', 'tuple', 'dict', 'len', 'set'].map((n) => [n, { kind: 'builtin', name: n }]),
);
