// The project on disk as the engine wants it: workspace-relative POSIX paths (found by the index's
// walk, with the default excludes) plus the config files that may name DJANGO_SETTINGS_MODULE.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../../../../../common/settings';
import { decodeSource } from '../../../index/files';
import { makeExcluder } from '../../../index/glob';
import { walkWorkspace } from '../../../index/walk';
import type { WorkspaceAccess } from '../../../settings/types';

const CONFIG_FILES = ['pytest.ini', 'tox.ini', 'setup.cfg', 'pyproject.toml', 'mypy.ini', '.env'];

export interface DiskWorkspace extends WorkspaceAccess {
  root: string;
  readFile(path: string): string | undefined;
}

/** `sources`: the files a walk already found (the index's); walks the project itself otherwise. */
export function diskWorkspace(root: string, sources?: readonly string[]): DiskWorkspace {
  const found = sources ?? walkWorkspace(root, makeExcluder(defaultSettings.exclude)).files.map((f) => f.path);
  const dirs = ['', ...new Set(found.filter((f) => f === 'manage.py' || f.endsWith('/manage.py')).map((f) => f.slice(0, -'manage.py'.length).replace(/\/$/, '')))];
  const configs = dirs.flatMap((d) => CONFIG_FILES.map((f) => (d ? `${d}/${f}` : f))).filter((f) => existsSync(join(root, f)));
  const files = [...new Set([...found, ...configs])].sort();
  return {
    root,
    files,
    // Binary and huge files read as missing: the engine never sees them.
    readFile(path) {
      try {
        const source = decodeSource(readFileSync(join(root, path)));
        return 'text' in source ? source.text : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
