// Exclude globs of `djangoSessions.exclude` (`**/node_modules/**`, `*.min.py`, `{a,b}/**`) as
// regular expressions over workspace-relative POSIX paths.

function escape(ch: string): string {
  return /[.+^$()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

export function globToRegExp(glob: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` matches everything below.
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '{') { braces++; out += '(?:'; }
    else if (ch === '}' && braces > 0) { braces--; out += ')'; }
    else if (ch === ',' && braces > 0) out += '|';
    else out += escape(ch);
  }
  return new RegExp(`^${out}$`);
}

/** True when a file, or a directory (tested with a trailing slash), is excluded. */
export type Excluder = (relativePath: string, isDirectory: boolean) => boolean;

export function makeExcluder(globs: readonly string[]): Excluder {
  const patterns = globs.filter((g) => g.trim()).map(globToRegExp);
  return (path, isDirectory) => {
    const candidates = isDirectory ? [path, `${path}/`] : [path];
    return patterns.some((re) => candidates.some((c) => re.test(c)));
  };
}
