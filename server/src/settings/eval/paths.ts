// os.path and pathlib over POSIX strings (workspace-relative or absolute).
import { posix } from 'node:path';

/** os.path.join: an absolute part restarts the path. */
export function joinPath(parts: string[]): string {
  let out = '';
  for (const part of parts) {
    if (part.startsWith('/') || out === '') out = part;
    else out = out.endsWith('/') ? out + part : `${out}/${part}`;
  }
  // Django projects build these from abspath(__file__): normalized, like ours.
  return out ? posix.normalize(out) : out;
}

export function dirnamePath(path: string): string {
  const d = posix.dirname(path);
  return d;
}

export function normalizePath(path: string): string {
  return posix.normalize(path);
}
