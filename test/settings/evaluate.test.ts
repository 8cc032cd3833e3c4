import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateSettings } from '../../server/src/settings/evaluate';
import type { SettingsModel } from '../../server/src/settings/types';
import { describeValue, resolve } from '../../server/src/settings/values';
import { py, workspace } from './workspace';

async function settings(text: string, extra: Record<string, string> = {}, env?: Record<string, string>): Promise<SettingsModel> {
  return evaluateSettings('proj.settings', workspace({ 'manage.py': '', 'proj/__init__.py': '', 'proj/settings.py': text, ...extra }), env ? { env } : {});
}

function value(model: SettingsModel, name: string): unknown {
  const a = model.get(name);
  assert.ok(a, `${name} is set`);
  const r = resolve(a.value);
  return r.known ? r.value : { unknown: r.reason };
}

test('literals, arithmetic, concatenation, names and not', async () => {
  const m = await settings(py`
    DEBUG = False
    SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
    HALF = SESSION_COOKIE_AGE // 2 - 1
    NAME = 'session' + 'id'
    SECURE = not DEBUG
    EMPTY = DEBUG or ''
    APPS = ('a', 'b') + ('c',)
    TEXT = 'a\\tb' 'c'
    RAW = r'a\\tb'
    FMT = f"{NAME}-{HALF}"
    CMP = 1 < SESSION_COOKIE_AGE <= 1209600
    IN = 'b' in APPS
    TERN = 'x' if DEBUG else 'y'
    NEG = -5
    `);
  assert.equal(value(m, 'SESSION_COOKIE_AGE'), 1209600);
  assert.equal(value(m, 'HALF'), 604799);
  assert.equal(value(m, 'NAME'), 'sessionid');
  assert.equal(value(m, 'SECURE'), true);
  assert.equal(value(m, 'EMPTY'), '');
  assert.deepEqual(value(m, 'APPS'), ['a', 'b', 'c']);
  assert.equal(value(m, 'TEXT'), 'a\tbc');
  assert.equal(value(m, 'RAW'), 'a\\tb');
  assert.equal(value(m, 'FMT'), 'sessionid-604799');
  assert.equal(value(m, 'CMP'), true);
  assert.equal(value(m, 'IN'), true);
  assert.equal(value(m, 'TERN'), 'y');
  assert.equal(value(m, 'NEG'), -5);
  assert.deepEqual(m.names(), ['APPS', 'CMP', 'DEBUG', 'EMPTY', 'FMT', 'HALF', 'IN', 'NAME', 'NEG', 'RAW', 'SECURE', 'SESSION_COOKIE_AGE', 'TERN', 'TEXT']);
});

test('spans point at the effective assignment and its value', async () => {
  const m = await settings('x = 1\nSESSION_COOKIE_SECURE = False\nSESSION_COOKIE_SECURE = True\n');
  const a = m.get('SESSION_COOKIE_SECURE');
  assert.deepEqual(a?.span, { startLine: 2, startColumn: 0, endLine: 2, endColumn: 21 });
  assert.deepEqual(a?.valueSpan, { startLine: 2, startColumn: 24, endLine: 2, endColumn: 28 });
  assert.equal(a?.file, 'proj/settings.py');
  assert.equal(m.get('NOT_SET'), undefined);
  assert.equal(m.get('x'), undefined, 'Django reads upper-case names only');
});

test('environment lookups: os, django-environ, decouple; unset is env-dependent, set is known', async () => {
  const text = py`
    import os
    import environ
    from decouple import config, Csv
    env = environ.Env(DEBUG=(bool, False), AGE=(int, 300))
    A = os.environ.get('A', 'fallback')
    B = os.getenv('B')
    C = os.environ['C']
    D = env('DEBUG')
    E = env.bool('E', default=True)
    F = env.int('AGE')
    G = config('G', default='no', cast=bool)
    H = config('H', default='a, b', cast=Csv())
    I = env.list('I', default=[])
    J = 'J' in os.environ
    SESSION_COOKIE_SECURE = os.environ.get('SESSION_SECURE', '') == '1'
    `;
  const m = await settings(text);
  assert.equal(describeValue(m.get('SESSION_COOKIE_SECURE')!.value), 'False unless the environment variable SESSION_SECURE is set');
  assert.equal(value(m, 'A'), 'fallback');
  assert.equal(value(m, 'B'), null);
  assert.match(JSON.stringify(value(m, 'C')), /required and not set/);
  assert.equal(value(m, 'D'), false);
  assert.equal(value(m, 'E'), true);
  assert.equal(value(m, 'F'), 300);
  assert.equal(value(m, 'G'), false, 'decouple casts its default');
  assert.deepEqual(value(m, 'H'), ['a', 'b']);
  assert.deepEqual(value(m, 'I'), []);
  assert.equal(value(m, 'J'), false);
  assert.deepEqual(m.get('D')!.value, { kind: 'env', variable: 'DEBUG', fallback: { kind: 'known', value: false }, cast: 'bool' });

  const set = await settings(text, {}, { A: 'x', C: 'c', DEBUG: 'yes', E: 'off', AGE: '60', G: 'true', H: 'x,y', I: 'p,q', J: '', SESSION_SECURE: '1' });
  assert.deepEqual([value(set, 'A'), value(set, 'C'), value(set, 'D'), value(set, 'E'), value(set, 'F'), value(set, 'G')], ['x', 'c', true, false, 60, true]);
  assert.deepEqual([value(set, 'H'), value(set, 'I'), value(set, 'J'), value(set, 'SESSION_COOKIE_SECURE')], [['x', 'y'], ['p', 'q'], true, true]);
  const bad = await settings(text, {}, { AGE: 'many' });
  assert.match(JSON.stringify(value(bad, 'F')), /cannot be cast to int/);
});

test('django-environ read_env and decouple read .env files as fallbacks', async () => {
  const m = await evaluateSettings('proj.settings', workspace({
    'manage.py': '', 'proj/__init__.py': '', '.env': 'SESSION_SECURE=on\nexport NAME="from-dotenv" # comment\n',
    'proj/settings.py': "import environ\nfrom decouple import config\nenv = environ.Env()\nenviron.Env.read_env('.env')\nSESSION_COOKIE_SECURE = env.bool('SESSION_SECURE', default=False)\nSESSION_COOKIE_NAME = config('NAME', default='sessionid')\n",
  }));
  assert.equal(value(m, 'SESSION_COOKIE_SECURE'), true);
  assert.equal(value(m, 'SESSION_COOKIE_NAME'), 'from-dotenv');
  assert.equal(m.get('SESSION_COOKIE_SECURE')!.value.kind, 'env', 'the real environment still wins');
});

test('if branches: decided when the condition is known, env-dependent or unknown otherwise', async () => {
  const m = await settings(py`
    import os
    DEBUG = False
    if DEBUG:
        A = 1
    elif not DEBUG:
        A = 2
    else:
        A = 3
    LIVE = os.environ.get('LIVE') == '1'
    if LIVE:
        SESSION_COOKIE_SECURE = True
    else:
        SESSION_COOKIE_SECURE = False
    if not LIVE:
        ONLY_DEV = 'x'
    if compute():
        MAYBE = 1
    else:
        MAYBE = 2
    SAME = 0
    if compute():
        SAME = 0 + 0
    `);
  assert.equal(value(m, 'A'), 2);
  assert.equal(describeValue(m.get('SESSION_COOKIE_SECURE')!.value), 'False unless the environment variable LIVE is set');
  assert.equal(value(m, 'ONLY_DEV'), 'x');
  assert.match(JSON.stringify(value(m, 'MAYBE')), /depends on `if compute\(\)`/);
  assert.match(JSON.stringify(value(m, 'SAME')), /depends on/, 'a re-assignment in an unknown branch is not trusted');
});

test('split settings: relative and absolute star imports, later wins, list and dict mutations', async () => {
  const ws = workspace({
    'manage.py': '', 'shop/__init__.py': '', 'shop/settings/__init__.py': '',
    'shop/settings/base.py': py`
      INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.sessions']
      MIDDLEWARE = ['a', 'b']
      CACHES = {'default': {'BACKEND': 'locmem'}}
      SESSION_COOKIE_SECURE = False
      _PRIVATE = 1
      `,
    'shop/settings/mid.py': 'from shop.settings.base import *\nMIDDLEWARE += ["c"]\n',
    'shop/settings/prod.py': py`
      from .mid import *
      SESSION_COOKIE_SECURE = True
      MIDDLEWARE.append('d')
      MIDDLEWARE.insert(0, 'first')
      MIDDLEWARE.remove('a')
      MIDDLEWARE.extend(['e'])
      INSTALLED_APPS = INSTALLED_APPS + ['x']
      CACHES['default']['BACKEND'] = 'django_redis.cache.RedisCache'
      CACHES['default'].update({'LOCATION': 'redis://127.0.0.1:6379/1'})
      `,
  });
  const m = await evaluateSettings('shop.settings.prod', ws);
  assert.deepEqual(value(m, 'MIDDLEWARE'), ['first', 'b', 'c', 'd', 'e']);
  assert.deepEqual(value(m, 'INSTALLED_APPS'), ['django.contrib.auth', 'django.contrib.sessions', 'x']);
  assert.deepEqual(value(m, 'CACHES'), { default: { BACKEND: 'django_redis.cache.RedisCache', LOCATION: 'redis://127.0.0.1:6379/1' } });
  assert.equal(value(m, 'SESSION_COOKIE_SECURE'), true);
  assert.equal(m.get('SESSION_COOKIE_SECURE')!.file, 'shop/settings/prod.py');
  assert.equal(m.get('_PRIVATE'), undefined);
  assert.deepEqual(m.files, ['shop/settings/prod.py', 'shop/settings/mid.py', 'shop/settings/base.py']);
  assert.equal(m.production, true);
  const base = await evaluateSettings('shop.settings.base', ws);
  assert.equal(value(base, 'SESSION_COOKIE_SECURE'), false);
  assert.equal(base.production, false);
});

test('paths: BASE_DIR through pathlib and os.path, relative or absolute with a root', async () => {
  const text = py`
    import os
    from pathlib import Path
    BASE_DIR = Path(__file__).resolve().parent.parent
    OLD_BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    SESSION_FILE_PATH = BASE_DIR / 'var' / 'sessions'
    DB = os.path.join(OLD_BASE, 'db.sqlite3')
    STR = str(BASE_DIR / 'x')
    `;
  const m = await settings(text);
  assert.equal(value(m, 'BASE_DIR'), '.');
  assert.equal(value(m, 'SESSION_FILE_PATH'), 'var/sessions');
  assert.equal(value(m, 'DB'), 'db.sqlite3');
  const abs = await evaluateSettings('proj.settings', workspace({ 'manage.py': '', 'proj/__init__.py': '', 'proj/settings.py': text }), { root: '/srv/app' });
  assert.equal(value(abs, 'SESSION_FILE_PATH'), '/srv/app/var/sessions');
  assert.equal(value(abs, 'DB'), '/srv/app/db.sqlite3');
  assert.equal(value(abs, 'STR'), '/srv/app/x');
});

test('each import of a settings module is followed into at most 64 modules: one that pulls in a framework stays fast, the rest is unknown', async () => {
  // A chain of 100 modules, each importing the next, like a test module importing django.test would.
  const chain: Record<string, string> = {};
  for (let i = 0; i < 100; i++) chain[`proj/lib/m${i}.py`] = `from proj.lib.m${i + 1} import VALUE\nLEVEL_${i} = ${i}\n`;
  chain['proj/lib/m100.py'] = "VALUE = 'deep'\n";
  chain['proj/lib/__init__.py'] = '';
  const started = performance.now();
  const m = await settings("from proj.lib.m0 import VALUE\nfrom .near import SECRET_KEY\nDEBUG = False\n", { ...chain, 'proj/near.py': "SECRET_KEY = 'k' * 60\n" });
  assert.ok(performance.now() - started < 5000);
  assert.equal(value(m, 'DEBUG'), false);
  assert.deepEqual(value(m, 'VALUE'), { unknown: 'proj.lib.m64.VALUE is not evaluated: over 64 modules imported, the rest are not followed' });
  // The budget is per import of the settings module: its next import is still followed.
  assert.equal(value(m, 'SECRET_KEY'), 'k'.repeat(60));
});

test('os.path.exists / Path.exists() of a Python file of the workspace are known: a local_settings.py imported only when present', async () => {
  const text = py`
    import os
    from pathlib import Path
    BASE_DIR = Path(__file__).resolve().parent.parent
    DEBUG = False
    if (BASE_DIR / "proj/local_settings.py").exists():
        from .local_settings import *
    if os.path.isfile(os.path.join(BASE_DIR, "proj", "extra.py")):
        from .extra import *
    if os.path.exists("/etc/app/secrets.py"):
        SESSION_COOKIE_AGE = 60
    `;
  const files = { 'manage.py': '', 'proj/__init__.py': '', 'proj/settings.py': text, 'proj/extra.py': 'SESSION_COOKIE_SECURE = True\n' };
  const m = await evaluateSettings('proj.settings', workspace(files), { root: '/srv/app' });
  // local_settings.py is not there: no "not in the workspace" problem, DEBUG stays known.
  assert.deepEqual(m.problems, []);
  assert.equal(value(m, 'DEBUG'), false);
  assert.equal(value(m, 'SESSION_COOKIE_SECURE'), true, 'extra.py is there: imported');
  // Outside the workspace: unknown, as before.
  assert.match(String((value(m, 'SESSION_COOKIE_AGE') as { unknown: string }).unknown), /cannot be evaluated statically/);
  // With the local settings present, they are imported.
  const withLocal = await evaluateSettings('proj.settings', workspace({ ...files, 'proj/local_settings.py': 'DEBUG = True\n' }), { root: '/srv/app' });
  assert.equal(value(withLocal, 'DEBUG'), true);
});

test("'from . import views' inside a package being imported binds the submodules: no circular-import problem", async () => {
  const m = await settings("from proj.api import KEY\nDEBUG = False\n", {
    'proj/api/__init__.py': "from .viewsets import ViewSet\nKEY = 'k'\n",
    'proj/api/viewsets.py': 'from . import views\nfrom . import mixins as m\n\nclass ViewSet:\n    pass\n',
    'proj/api/views.py': '',
    'proj/api/mixins.py': '',
  });
  assert.deepEqual(m.problems, []);
  assert.equal(value(m, 'DEBUG'), false);
  // A real cycle on a name the package has not bound yet is still reported.
  const cyclic = await settings('from proj.a import X\n', { 'proj/a.py': 'from proj.b import Y\nX = 1\n', 'proj/b.py': 'from proj.a import X\nY = 2\n' });
  assert.match((cyclic.problems ?? []).map((p) => p.message).join('\n'), /circular import of proj\.a/);
});

test('vars()/globals().update(...): a known dict sets its keys; anything else (a YAML config) may set every setting', async () => {
  const m = await settings(py`
    import yaml
    SECRET_KEY = 'dev-only'
    SESSION_COOKIE_SECURE = False
    globals().update({'SESSION_COOKIE_AGE': 600})
    with open('/etc/app.yaml') as f:
        config = yaml.safe_load(f)
        vars().update(config)
    CSRF_COOKIE_SECURE = True
    `);
  // SESSION_COOKIE_AGE: set by the known dict, then maybe by the config.
  for (const name of ['SECRET_KEY', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_AGE']) {
    assert.deepEqual(value(m, name), { unknown: 'it may be set by `vars().update(config)`' }, name);
  }
  // A setting the module never assigns may come from the config too; one assigned after it is known.
  assert.deepEqual(value(m, 'SESSION_ENGINE'), { unknown: 'it may be set by `vars().update(config)`' });
  assert.equal(value(m, 'CSRF_COOKIE_SECURE'), true);
  const known = await settings("globals().update({'SESSION_COOKIE_SECURE': True})\n");
  assert.equal(value(known, 'SESSION_COOKIE_SECURE'), true);
  // A dict written out is not quoted in the reason (it may hold a secret's value).
  const literal = await settings("SECRET_KEY = 'x'\nvars().update({'SECRET_KEY': load('k'), 'OTHER': 'sk_live_abc'})\n");
  assert.deepEqual(value(literal, 'SESSION_COOKIE_SECURE'), { unknown: 'it may be set by `vars().update(...)`' });
});

test('comprehensions over known values: a generator given to extend(), filters, tuple targets, dict keys, sets; what they cannot know stays unknown', async () => {
  const m = await settings(py`
    PROJECT_APPS = ['cart', 'shop']
    INSTALLED_APPS = ['django.contrib.sessions']
    INSTALLED_APPS.extend(f"project.{app}" for app in PROJECT_APPS)
    BASE = ['a.SecurityMiddleware', 'a.CsrfViewMiddleware', 'a.SessionMiddleware']
    MIDDLEWARE = [m for m in BASE if 'Csrf' not in m]
    PAIRS = [name for name, secure in (('x', True), ('y', False)) if secure]
    KEYS = [k.upper() for k in {'a': 1, 'b': 2}]
    SEEN = {x for x in ('a', 'a', 'b')}
    NESTED = [a + b for a in 'xy' for b in 'z']
    OPAQUE = [x for x in load_apps()]
    `);
  assert.deepEqual(value(m, 'INSTALLED_APPS'), ['django.contrib.sessions', 'project.cart', 'project.shop']);
  assert.deepEqual(value(m, 'MIDDLEWARE'), ['a.SecurityMiddleware', 'a.SessionMiddleware']);
  assert.deepEqual(value(m, 'PAIRS'), ['x']);
  assert.deepEqual(value(m, 'KEYS'), ['A', 'B']);
  assert.deepEqual(value(m, 'SEEN'), ['a', 'b']);
  assert.match(JSON.stringify(value(m, 'NESTED')), /several for clauses/);
  assert.match(JSON.stringify(value(m, 'OPAQUE')), /unknown/);
});
