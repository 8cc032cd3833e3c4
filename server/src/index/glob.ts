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

// "**/node_modules/**": a directory name excluded wherever it is (the common case, tested without a regex).
const ANY_DEPTH_DIRECTORY = /^\*\*\/([^*?{}[\]/]+)\/\*\*$/;

export function makeExcluder(globs: readonly string[]): Excluder {
  const names: string[] = [];
  const patterns: RegExp[] = [];
  for (const glob of globs.filter((g) => g.trim())) {
    const name = ANY_DEPTH_DIRECTORY.exec(glob)?.[1];
    if (name) names.push(name);
    else patterns.push(globToRegExp(glob));
  }
  const underName = (path: string, isDirectory: boolean) => names.some((name) =>
    path.startsWith(`${name}/`) || path.includes(`/${name}/`) ||
    (isDirectory && (path === name || path.endsWith(`/${name}`))));
  return (path, isDirectory) => {
    if (names.length > 0 && underName(path, isDirectory)) return true;
    if (patterns.length === 0) return false;
    const candidates = isDirectory ? [path, `${path}/`] : [path];
    return patterns.some((re) => candidates.some((c) => re.test(c)));
  };
}
