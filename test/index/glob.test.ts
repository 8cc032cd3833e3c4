import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globToRegExp, makeExcluder } from '../../server/src/index/glob';

const PATHS = [
  'node_modules', 'node_modules/x/a.py', 'app/node_modules', 'app/node_modules/b.py', 'app/node_modulesx/c.py',
  'xnode_modules/d.py', 'app/.venv', 'app/.venv/lib/e.py', 'venv', 'venv/f.py', 'site-packages/g.py', 'a/b/c.py',
  'app/vendor/h.min.py', 'app/vendor/h.py', 'docs/i.py', 'docs', '.git', '.git/config.py',
];
const GLOBS = ['**/node_modules/**', '**/.venv/**', '**/venv/**', '**/site-packages/**', '**/.git/**', '*.min.py', '**/*.min.py', '{docs,build}/**', 'a/**'];

test('the fast path for **/name/** says exactly what the glob regex says, for files and directories', () => {
  for (const glob of GLOBS) {
    const re = globToRegExp(glob);
    const excluded = makeExcluder([glob]);
    for (const path of PATHS) {
      for (const isDirectory of [false, true]) {
        const expected = (isDirectory ? [path, `${path}/`] : [path]).some((c) => re.test(c));
        assert.equal(excluded(path, isDirectory), expected, `${glob} on ${path}${isDirectory ? '/' : ''}`);
      }
    }
  }
  const all = makeExcluder(GLOBS);
  assert.equal(all('app/node_modules/b.py', false), true);
  assert.equal(all('app/views.py', false), false);
  assert.equal(all('app/vendor/h.min.py', false), true);
});
