// Dotted module names from workspace-relative paths. A file under a Django project root (the
// folder of manage.py) is named from that root, as `manage.py runserver` puts it on sys.path;
// elsewhere the chain of `__init__.py` packages decides, as for an installed package.

export class ModuleNames {
  constructor(private readonly packages: Set<string>, private readonly projectRoots: Set<string>) {}

  addFile(path: string): void {
    const dir = dirOf(path);
    if (path.endsWith('/__init__.py') || path === '__init__.py') this.packages.add(dir);
    if (path.endsWith('/manage.py') || path === 'manage.py') this.projectRoots.add(dir);
  }

  removeFile(path: string): void {
    const dir = dirOf(path);
    if (path.endsWith('__init__.py')) this.packages.delete(dir);
    if (path.endsWith('manage.py')) this.projectRoots.delete(dir);
  }

  /** The module of a Python file, or null for templates and files outside any package or project. */
  moduleOf(path: string): string | null {
    if (!path.endsWith('.py') && !path.endsWith('.pyi')) return null;
    const base = path.replace(/\.pyi?$/, '');
    const dir = dirOf(path);
    const root = this.projectRootOf(dir);
    let top: string;
    if (root !== null) top = root;
    else {
      // Climb while the folder is a package; the first non-package folder is the import root.
      // A loose script's own folder is its import root.
      top = dir;
      while (top !== '' && this.packages.has(top)) top = dirOf(top);
    }
    const relative = top === '' ? base : base.slice(top.length + 1);
    return stripInit(relative).replace(/\//g, '.') || null;
  }

  /** The nearest folder at or above `dir` that holds manage.py. */
  private projectRootOf(dir: string): string | null {
    let current: string | null = dir;
    while (current !== null) {
      if (this.projectRoots.has(current)) return current;
      current = current === '' ? null : dirOf(current);
    }
    return null;
  }
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function stripInit(modulePath: string): string {
  return modulePath === '__init__' ? '' : modulePath.replace(/\/__init__$/, '');
}

/**
 * A dotted reference whose module part is not a module: `pkg.mod.Recorder` / `remember` read as
 * the attribute `Recorder.remember` of `pkg.mod` (a class or instance imported from it). The facts
 * cannot tell `from pkg.mod import Recorder` from a submodule import, so the index tries both.
 */
export function asAttributeOfParent(module: string, name: string): { module: string; name: string } | null {
  const dot = module.lastIndexOf('.');
  return dot > 0 ? { module: module.slice(0, dot), name: `${module.slice(dot + 1)}.${name}` } : null;
}
