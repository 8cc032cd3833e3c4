// An in-memory workspace for settings tests: paths to file texts.
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
