// Maps dotted module names to workspace files and back, the way Python's import system would find them
// from a project root (the directory of manage.py, or above the topmost package).
import { posix } from 'node:path';

export function dirOf(file: string): string {
  const d = posix.dirname(file);
  return d === '.' ? '' : d;
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Directories that hold a manage.py: the usual import roots of a Django project. */
export function projectRoots(files: readonly string[]): string[] {
  return files.filter((f) => posix.basename(f) === 'manage.py').map(dirOf);
}

/** The dotted module of a file, or null when it is not importable (not a .py file). */
export function moduleOfFile(file: string, fileSet: ReadonlySet<string>, roots: readonly string[]): string | null {
  const rootSet = rootSetOf(roots);
  return dottedModuleOf(file, (dir) => fileSet.has(join(dir, '__init__.py')), (dir) => rootSet.has(dir));
}

function rootSetOf(roots: readonly string[]): Set<string> {
  let rootSet = rootSets.get(roots);
  if (!rootSet) rootSets.set(roots, (rootSet = new Set(roots)));
  return rootSet;
}

/** A workspace's file list as sets, and the naming predicates over them, computed once per list. */
interface FileListView {
  fileSet: ReadonlySet<string>;
  isPackage(dir: string): boolean;
  isProjectRoot(dir: string): boolean;
}
const views = new WeakMap<readonly string[], FileListView>();

export function viewOf(files: readonly string[]): FileListView {
  let view = views.get(files);
  if (!view) {
    const fileSet = new Set(files);
    const roots = new Set(projectRoots(files));
    view = { fileSet, isPackage: (dir) => fileSet.has(join(dir, '__init__.py')), isProjectRoot: (dir) => roots.has(dir) };
    views.set(files, view);
  }
  return view;
}

/** Callers map every file of a workspace with the same roots array: one Set for all of them. */
const rootSets = new WeakMap<readonly string[], Set<string>>();

/**
 * The dotted module of a .py/.pyi file, as Python's import system names it (the one rule the index
 * and the settings share). The nearest folder above it holding manage.py is the root Django puts on
 * sys.path, unless that folder is itself a package (a test project inside a library, as wagtail's
 * wagtail/test/manage.py): then, as everywhere else, the chain of `__init__.py` folders decides.
 * Null when a part is not an identifier (not importable).
 */
export function dottedModuleOf(file: string, isPackage: (dir: string) => boolean, isProjectRoot: (dir: string) => boolean): string | null {
  return moduleNamesOf(file, isPackage, isProjectRoot)[0] ?? null;
}

/**
 * Every name a file is imported by: the canonical one (dottedModuleOf), then, when a manage.py folder
 * that is a package holds it, the name from that folder too (`python manage.py` there imports
 * `settings`, while the library imports `sandbox.settings`: django-oscar's sandbox/).
 */
export function moduleNamesOf(file: string, isPackage: (dir: string) => boolean, isProjectRoot: (dir: string) => boolean): string[] {
  if (!file.endsWith('.py') && !file.endsWith('.pyi')) return [];
  const dir = dirOf(file);
  let top: string | null = null;
  let packageRoot: string | null = null;
  for (let d: string | null = dir; d !== null; d = d === '' ? null : dirOf(d)) {
    if (!isProjectRoot(d)) continue;
    if (!isPackage(d)) {
      top = d;
      break;
    }
    packageRoot ??= d;
  }
  if (top === null) {
    // Climb while the folder is a package; the first non-package folder is the import root.
    top = dir;
    while (top !== '' && isPackage(top)) top = dirOf(top);
  }
  // A package below a folder that is not one, under the manage.py folder: a src layout
  // (`src/argus/...` installed as `argus`), imported by its package chain's name.
  let chainTop: string | null = null;
  if (isPackage(dir) && top !== null) {
    chainTop = dir;
    while (chainTop !== '' && isPackage(chainTop)) chainTop = dirOf(chainTop);
    if (chainTop === top) chainTop = null;
  }
  const names = [nameUnder(top, dir, file), packageRoot !== null ? nameUnder(packageRoot, dir, file) : null, chainTop !== null ? nameUnder(chainTop, dir, file) : null];
  return names.filter((n, i): n is string => n !== null && names.indexOf(n) === i);
}

/** The dotted name of `file` (in `dir`) imported from the folder `top`, or null when not an identifier path. */
function nameUnder(top: string, dir: string, file: string): string | null {
  const relative = top === '' ? dir : dir.slice(top.length + 1);
  const parts = relative ? relative.split('/') : [];
  const base = posix.basename(file).replace(/\.pyi?$/, '');
  if (base !== '__init__') parts.push(base);
  if (parts.length === 0 || parts.some((p) => !isIdentifier(p))) return null;
  return parts.join('.');
}

function isIdentifier(s: string): boolean {
  if (!s) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
    const digit = c >= 48 && c <= 57;
    if (!(letter || (digit && i > 0))) return false;
  }
  return true;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The file of a dotted module; `near` (the importing file) breaks ties between projects in one workspace. */
export function fileOfModule(module: string, files: readonly string[], near?: string): string | undefined {
  const rel = module.split('.').join('/');
  const wanted = [`${rel}.py`, `${rel}/__init__.py`];
  const candidates = files.filter((f) => wanted.some((w) => f === w || f.endsWith(`/${w}`)));
  if (candidates.length === 0) return undefined;
  const view = viewOf(files);
  const named = candidates.map((file) => ({ file, names: moduleNamesOf(file, view.isPackage, view.isProjectRoot) }));
  const exact = named.filter((c) => c.names.includes(module));
  // Folders without __init__.py (namespace packages) make a module's name longer than its package
  // chain says: a candidate whose own name ends the wanted one is accepted, never one a package
  // names otherwise (saleor/graphql/promise.py is not the library `promise`).
  const pool = (exact.length > 0 ? exact : named.filter((c) => c.names.length === 0 || module.endsWith(`.${c.names[0]}`))).map((c) => c.file);
  if (pool.length <= 1) return pool[0];
  return [...pool].sort((a, b) =>
    (near ? commonPrefix(b, near) - commonPrefix(a, near) : 0) || a.length - b.length || a.localeCompare(b))[0];
}

/** Resolves `from ..x import y` written in `fromModule` (a package when its file is `__init__.py`). */
export function resolveRelative(fromModule: string, fromIsPackage: boolean, level: number, name: string): string | null {
  const parts = fromModule.split('.');
  const packageParts = fromIsPackage ? parts : parts.slice(0, -1);
  // Going above the top-level package is an ImportError in Python.
  if (level - 1 >= packageParts.length) return null;
  const base = packageParts.slice(0, packageParts.length - (level - 1));
  return [...base, ...(name ? [name] : [])].join('.');
}
