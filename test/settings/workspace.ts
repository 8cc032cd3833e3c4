// An in-memory workspace for settings tests: paths to file texts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspaceAccess } from '../../server/src/settings/types';

export function workspace(files: Record<string, string>): WorkspaceAccess & { reads: string[] } {
  const reads: string[] = [];
  return {
    files: Object.keys(files),
    reads,
    readFile(path: string) {
      reads.push(path);
      return files[path];
    },
  };
}

/** Dedents a template literal so fixtures read like Python. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** A workspace over a real directory (fixtures): every file under it, read from disk. */
export function workspaceFromDir(dir: string): WorkspaceAccess {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '__pycache__') walk(path);
      } else files.push(path);
    }
  };
  walk('');
  return { files, readFile: (path) => readFileSync(join(dir, path), 'utf8') };
}
