// Broken settings never crash, hang, or produce false certainty: what cannot be known is unknown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSettings } from '../../server/src/rules/check';
import { evaluateSettings } from '../../server/src/settings/evaluate';
import { findSettingsModules } from '../../server/src/settings/discover';
import { resolve } from '../../server/src/settings/values';
import { workspace } from './workspace';

const base = { 'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n", 'proj/__init__.py': '' };

test('a syntax error leaves the settings near it unknown and reports the problem', async () => {
  const m = await evaluateSettings('proj.settings', workspace({ ...base, 'proj/settings.py': "SECRET_KEY = 'x' * 80\nSESSION_COOKIE_SECURE = (True\nSESSION_COOKIE_HTTPONLY = [\ndef broken(:\nCSRF_COOKIE_SECURE = True\n" }));
  assert.ok((m.problems ?? []).some((p) => p.message.includes('syntax error')));
  const secure = m.get('SESSION_COOKIE_SECURE');
  assert.ok(secure && !resolve(secure.value).known, 'a setting inside the broken region is not guessed');
  const codes = checkSettings(m, { production: true }).map((d) => d.code);
  assert.ok(!codes.includes('DS303'), 'no W012 verdict on an unknown value');
  assert.ok(codes.includes('DS002'));
});

test('a star import of a missing module: problem, and unset settings become unknown', async () => {
  const m = await evaluateSettings('proj.settings', workspace({ ...base, 'proj/settings.py': 'from .nowhere import *\nDEBUG = False\n' }));
  assert.ok((m.problems ?? []).some((p) => p.message.includes('not in the workspace')));
  const secure = m.get('SESSION_COOKIE_SECURE');
  assert.ok(secure, 'a setting the missing module may define is reported as unknown, not as unset');
  assert.equal(secure.value.kind, 'unknown');
  assert.equal(resolve(m.get('DEBUG')!.value).known, true);
  const lib = await evaluateSettings('proj.settings', workspace({ ...base, 'proj/settings.py': 'from some_library.settings import *\n' }));
  assert.equal(lib.get('SESSION_ENGINE')?.value.kind, 'unknown');
});

test('an optional local settings module inside try/except ImportError is simply absent', async () => {
  const m = await evaluateSettings('proj.settings', workspace({ ...base, 'proj/settings.py': 'try:\n    from .local import *\nexcept ImportError:\n    LOCAL = False\n' }));
  assert.deepEqual(m.problems, []);
  assert.equal(m.get('SESSION_ENGINE'), undefined);
  assert.equal(resolve(m.get('LOCAL')!.value).known, true);
});

test('circular star imports terminate with a problem', async () => {
  const m = await evaluateSettings('proj.a', workspace({ ...base, 'proj/a.py': 'from .b import *\nA = 1\n', 'proj/b.py': 'from .a import *\nB = 2\n' }));
  assert.ok((m.problems ?? []).some((p) => p.message.includes('circular import')));
  assert.equal(resolve(m.get('A')!.value).known, true);
  assert.equal(resolve(m.get('B')!.value).known, true);
  const self = await evaluateSettings('proj.a', workspace({ ...base, 'proj/a.py': 'from proj.a import *\n' }));
  assert.ok((self.problems ?? []).some((p) => p.message.includes('circular')));
});

test('calls we do not run are unknown, with the callee named', async () => {
  const m = await evaluateSettings('proj.settings', workspace({ ...base, 'proj/settings.py': "import json\nfrom .secrets import get_secret\nSECRET_KEY = get_secret('key')\nSESSION_ENGINE = json.loads('x')\nX = [i for i in range(3)]\nY = lambda: 1\n" }));
  for (const [name, pattern] of [['SECRET_KEY', /get_secret/], ['SESSION_ENGINE', /json\.loads/], ['X', /comprehension/], ['Y', /lambda/]] as const) {
    const r = resolve(m.get(name)!.value);
    assert.equal(r.known, false, name);
    if (!r.known) assert.match(r.reason, pattern);
  }
});

test('huge, binary, empty and missing files do not crash', async () => {
  const huge = `X = 1\n${'# filler\n'.repeat(300_000)}`;
  const m = await evaluateSettings('proj.settings', workspace({ ...base, 'proj/settings.py': huge }));
  assert.equal(m.get('SESSION_COOKIE_SECURE')?.value.kind, 'unknown');
  const bin = await evaluateSettings('proj.settings', workspace({ ...base, 'proj/settings.py': 'X = 1\0\0\x01' }));
  assert.ok((bin.problems ?? []).length > 0);
  const empty = await evaluateSettings('proj.settings', workspace({ ...base, 'proj/settings.py': '' }));
  assert.deepEqual(empty.names(), []);
  const missing = await evaluateSettings('proj.nothere', workspace(base));
  assert.ok((missing.problems ?? []).some((p) => p.message.includes('not found')));
  const throwing = await evaluateSettings('proj.settings', { files: ['proj/settings.py', 'proj/base.py'], readFile: (p) => { if (p.endsWith('base.py')) throw new Error('EACCES'); return 'from .base import *\nX = 1\n'; } });
  assert.equal(resolve(throwing.get('X')!.value).known, true);
});

test('deeply nested and pathological expressions stay bounded', async () => {
  const deep = `X = ${'('.repeat(500)}1${')'.repeat(500)}\nY = ${'1 + '.repeat(2000)}1\nW = ${'1 + '.repeat(100)}1\nZ = 'ab' * 10 ** 9\nL = [0] * 10 ** 9\n`;
  const m = await evaluateSettings('proj.settings', workspace({ ...base, 'proj/settings.py': deep }));
  assert.ok(m.get('X'));
  const y = resolve(m.get('Y')!.value);
  assert.ok(!y.known && y.reason.includes('too deeply'), 'beyond the depth limit: unknown, not a stack overflow');
  assert.deepEqual(resolve(m.get('W')!.value), { known: true, value: 101, variables: [] });
  assert.equal(resolve(m.get('Z')!.value).known, false, 'a gigantic string is not built');
  const l = resolve(m.get('L')!.value);
  assert.ok(!l.known || (Array.isArray(l.value) && l.value.length <= 100_000));
});

test('discovery survives unparsable manage.py and config files', async () => {
  const found = await findSettingsModules(workspace({ 'manage.py': 'os.environ.setdefault(\0(', 'pyproject.toml': '[tool.pytest.ini_options\nDJANGO_SETTINGS_MODULE', 'setup.cfg': '\0\0', '.env': '=\n' }));
  assert.equal(found.primary, null);
});
