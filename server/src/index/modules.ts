// Dotted module names from workspace-relative paths, kept up to date as files come and go; the
// naming rule itself is settings/modules.ts dottedModuleOf, shared with the settings evaluator.
import { dottedModuleOf, moduleNamesOf } from '../settings/modules';

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

  /** Whether some folder of the workspace holds a manage.py. */
  hasProjectRoot(): boolean {
    return this.projectRoots.size > 0;
  }

  /** The module of a Python file, or null for templates and files not importable by name. */
  moduleOf(path: string): string | null {
    return dottedModuleOf(path, (dir) => this.packages.has(dir), (dir) => this.projectRoots.has(dir));
  }

  /** Other names the file is imported by (`argus.auth.models` for src/argus/auth/models.py, a src layout). */
  aliasesOf(path: string): string[] {
    return moduleNamesOf(path, (dir) => this.packages.has(dir), (dir) => this.projectRoots.has(dir)).slice(1);
  }
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
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
