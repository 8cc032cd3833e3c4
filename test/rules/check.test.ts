// Severities (production vs development, configuration), SILENCED_SYSTEM_CHECKS, Django versions,
// env-dependent messages, secrets in messages, and the whole-workspace pass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSettings, djangoIdsReported } from '../../server/src/rules/check';
import { checkWorkspaceSettings } from '../../server/src/rules/workspace';
import { evaluateSettings } from '../../server/src/settings/evaluate';
import { py, workspace } from '../settings/workspace';

const SECRET = 'django-insecure-THIS-MUST-NEVER-APPEAR-IN-OUTPUT-0123456789';
const settings = py`
  import os
  SECRET_KEY = '${SECRET}'
  INSTALLED_APPS = ['django.contrib.sessions']
  MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware', 'django.middleware.csrf.CsrfViewMiddleware']
  SESSION_COOKIE_SECURE = os.environ.get('SESSION_SECURE', '') == 'yes'
  SESSION_COOKIE_HTTPONLY = 1
  `;

async function model(module: string, text = settings, extra: Record<string, string> = {}) {
  const file = `proj/settings/${module}.py`;
  return evaluateSettings(`proj.settings.${module}`, workspace({ 'manage.py': '', 'proj/__init__.py': '', 'proj/settings/__init__.py': '', [file]: text, ...extra }));
}

test('production settings get warnings, development settings hints (or nothing)', async () => {
  const prod = checkSettings(await model('prod'));
  const dev = checkSettings(await model('dev'));
  assert.deepEqual(prod.map((d) => [d.code, d.djangoId, d.severity]), [['DS301', 'security.W009', 'warning'], ['DS303', 'security.W012', 'warning'], ['DS305', 'security.W016', 'warning']]);
  assert.deepEqual(dev.map((d) => [d.code, d.djangoId, d.severity]), [['DS303', 'security.W012', 'hint'], ['DS305', 'security.W016', 'hint']]);
  assert.equal(prod[0].module, 'proj.settings.prod');
});

test('env-dependent values are named in the message; secrets never are', async () => {
  const [w009, w012] = checkSettings(await model('prod'));
  assert.match(w012.message, /SESSION_COOKIE_SECURE is not True \(it is False unless the environment variable SESSION_SECURE is set\)/);
  for (const d of checkSettings(await model('prod'), { djangoVersion: '5.2' })) assert.ok(!d.message.includes(SECRET) && !d.message.includes('MUST-NEVER'), d.message);
  assert.match(w009.message, /starts with 'django-insecure-'/);
});

test('severity configuration by code, rule name or Django id; off silences', async () => {
  const m = await model('prod');
  const configured = checkSettings(m, { severity: { 'security.W012': 'error', 'secret-key-insecure': 'off', DS305: 'info' } });
  assert.deepEqual(configured.map((d) => [d.code, d.severity]), [['DS303', 'error'], ['DS305', 'info']]);
});

test('SILENCED_SYSTEM_CHECKS in the settings is honoured, by Django id or our code', async () => {
  const m = await model('prod', `${settings}\nSILENCED_SYSTEM_CHECKS = ['security.W012', 'DS301']\n`);
  assert.deepEqual(checkSettings(m).map((d) => d.code), ['DS305']);
});

test('the verdict follows the Django version: truthy passes in 3.2, only True in 4.1+', async () => {
  const m = await model('prod');
  assert.deepEqual(djangoIdsReported(m, '3.2'), ['security.W009', 'security.W012', 'security.W016']);
  assert.deepEqual(djangoIdsReported(m, '4.0'), ['security.W009', 'security.W012', 'security.W016']);
  assert.deepEqual(djangoIdsReported(m, '5.2'), ['security.W009', 'security.W012', 'security.W015', 'security.W016']);
  const pickle = await model('prod', `${settings}\nSESSION_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'\n`);
  assert.match(checkSettings(pickle, { djangoVersion: '5.0' }).find((d) => d.code === 'DS204')!.message, /removed in Django 5\.0/);
  assert.match(checkSettings(pickle, { djangoVersion: '3.2' }).find((d) => d.code === 'DS204')!.message, /remote code execution/);
});

test('fixes replace the value where the module assigns it, or append to the module itself', async () => {
  const prod = await model('prod', py`
    from .base import *
    CSRF_COOKIE_SECURE = False
    `, { 'proj/settings/base.py': settings });
  const diagnostics = checkSettings(prod);
  const w012 = diagnostics.find((d) => d.code === 'DS303')!;
  assert.equal(w012.file, 'proj/settings/base.py', 'the diagnostic points at the inherited assignment');
  assert.deepEqual(w012.fixes[0].edits, [{ file: 'proj/settings/prod.py', span: { startLine: 2, startColumn: 0, endLine: 2, endColumn: 0 }, newText: 'SESSION_COOKIE_SECURE = True\n' }]);
  const w016 = diagnostics.find((d) => d.code === 'DS305')!;
  assert.deepEqual(w016.fixes[0].edits, [{ file: 'proj/settings/prod.py', span: { startLine: 1, startColumn: 21, endLine: 1, endColumn: 26 }, newText: 'True' }]);
});

test('the workspace pass checks every settings module and merges what a shared base reports', async () => {
  const ws = workspace({
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.dev')\n",
    'proj/__init__.py': '', 'proj/settings/__init__.py': '',
    'proj/settings/base.py': settings,
    'proj/settings/dev.py': 'from .base import *\nDEBUG = True\n',
    'proj/settings/prod.py': 'from .base import *\nSESSION_ENGINE = "django.contrib.sessions.backends.cachedb"\n',
  });
  const result = await checkWorkspaceSettings(ws, { djangoVersion: '3.2' });
  assert.equal(result.primary?.module, 'proj.settings.dev');
  assert.deepEqual(result.models.map((m) => m.info.module), ['proj.settings.dev', 'proj.settings.base', 'proj.settings.prod']);
  const w012 = result.diagnostics.filter((d) => d.djangoId === 'security.W012');
  assert.equal(w012.length, 1, 'one diagnostic for the shared base assignment');
  assert.equal(w012[0].severity, 'warning', 'the production module decides the severity');
  const engine = result.diagnostics.find((d) => d.code === 'DS206')!;
  assert.match(engine.message, /Did you mean 'django\.contrib\.sessions\.backends\.cached_db'\?/);
});

test('settings made unknown by one statement are named in one DS001 finding, secrets without a reason', async () => {
  const text = py`
    SECRET_KEY = '${SECRET}'
    INSTALLED_APPS = ['django.contrib.sessions']
    MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware', 'django.middleware.csrf.CsrfViewMiddleware']
    vars().update(load_config())
    `;
  const found = checkSettings(await model('prod', text)).filter((d) => d.code === 'DS001');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /^SECRET_KEY, SESSION_COOKIE_SECURE, SESSION_COOKIE_HTTPONLY, CSRF_COOKIE_SECURE, INSTALLED_APPS, MIDDLEWARE and SESSION_ENGINE cannot be evaluated statically \(it may be set by `vars\(\)\.update\(\.\.\.\)`\); skipped: security\.W009; /);
  assert.ok(!found[0].message.includes(SECRET));
  // No deploy warning is guessed from the values before the update.
  assert.deepEqual(checkSettings(await model('prod', text)).filter((d) => d.severity === 'warning'), []);
});

test("a settings fragment another module imports (an app's defaults, no SECRET_KEY) is checked through that module only", async () => {
  const ws = workspace({
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'devproject.settings')\n",
    'app/__init__.py': '',
    // Misago's layout: the app ships defaults; the project adds SECRET_KEY and MIDDLEWARE.
    'app/settings.py': "INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.sessions', 'django.contrib.auth']\n",
    'devproject/__init__.py': '',
    'devproject/settings.py': py`
      import os
      from app.settings import *
      SECRET_KEY = os.environ['SECRET_KEY']
      MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware', 'django.contrib.auth.middleware.AuthenticationMiddleware']
      `,
    // A complete module others import is still checked on its own.
    'devproject/base_settings.py': "SECRET_KEY = 'x'\nINSTALLED_APPS = ['django.contrib.admin', 'django.contrib.sessions']\n",
    'devproject/local_settings.py': 'from devproject.base_settings import *\n',
    // A documentation snippet nothing imports or declares, with no SECRET_KEY: Django could not run it.
    'docs/django_settings.py': "INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.sessions']\n",
  });
  const result = await checkWorkspaceSettings(ws, { djangoVersion: '3.2' });
  assert.ok(result.models.some((m) => m.info.module === 'app.settings'), 'still evaluated (hover, completion)');
  const e410 = result.diagnostics.filter((d) => d.djangoId === 'admin.E410').map((d) => d.file);
  assert.deepEqual(e410, ['devproject/base_settings.py']);
});
