// The file-system walk of a workspace: source files the index cares about, plus the markers that
// give module names (`__init__.py`, `manage.py`). Symlinked directories are followed once (by real
// path), so loops end; unreadable directories are skipped.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Excluder } from './glob';
import { languageOf, type SourceLanguage } from './files';

export interface WalkedFile {
  /** Workspace-relative POSIX path. */
  path: string;
  language: SourceLanguage;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Relative directories ('' = root) holding `__init__.py`. */
  packages: Set<string>;
  /** Relative directories holding `manage.py`. */
  projectRoots: Set<string>;
  /** Problems met on the way (permission denied, loops), without contents. */
  problems: string[];
}

export function walkWorkspace(root: string, excluded: Excluder): WalkResult {
  const result: WalkResult = { files: [], packages: new Set(), projectRoots: new Set(), problems: [] };
  // Real paths of visited directories: plain folders are keyed without a syscall, symlinked ones
  // by their target's real path, so a link back up the tree (a loop) is seen and skipped.
  let rootReal = root;
  try { rootReal = realpathSync(root); } catch { /* reported below */ }
  const seen = new Set<string>();
  const stack: { dir: string; real: string }[] = [{ dir: '', real: rootReal }];
  while (stack.length > 0) {
    const { dir, real } = stack.pop() as { dir: string; real: string };
    const absolute = dir ? join(root, dir) : root;
    let entries;
    try {
      if (seen.has(real)) { result.problems.push(`symlink loop or duplicate directory skipped: ${dir}`); continue; }
      seen.add(real);
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (e) {
      result.problems.push(`cannot read directory ${dir || '.'}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      continue;
    }
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let realDir = `${real}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(join(root, path));
          isDirectory = target.isDirectory();
          isFile = target.isFile();
          if (isDirectory) realDir = realpathSync(join(root, path));
        } catch {
          continue; // dangling link
        }
      }
      if (isDirectory) {
        if (!excluded(path, true)) stack.push({ dir: path, real: realDir });
        continue;
      }
      if (!isFile) continue;
      if (entry.name === '__init__.py') result.packages.add(dir);
      if (entry.name === 'manage.py') result.projectRoots.add(dir);
      const language = languageOf(path);
      if (language && !excluded(path, false)) result.files.push({ path, language });
    }
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}
