import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSettingsModules } from '../../server/src/settings/discover';
import { fileOfModule, moduleOfFile, projectRoots, resolveRelative } from '../../server/src/settings/modules';
import { isProductionModule } from '../../server/src/settings/production';
import { workspace } from './workspace';

const project = {
  'shop/manage.py': "import os\n\ndef main():\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.dev')\n",
  'shop/shop/__init__.py': '',
  'shop/shop/wsgi.py': "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'shop.settings.prod'\n",
  'shop/shop/settings/__init__.py': '',
  'shop/shop/settings/base.py': 'DEBUG = False\n',
  'shop/shop/settings/dev.py': 'from .base import *\n',
  'shop/shop/settings/prod.py': 'from .base import *\n',
  'shop/shop/views.py': '',
};

test('manage.py names the primary module; every settings-like module is listed once', async () => {
  const found = await findSettingsModules(workspace(project));
  assert.deepEqual(found.primary, { module: 'shop.settings.dev', file: 'shop/shop/settings/dev.py', production: false, declaredBy: { file: 'shop/manage.py', source: 'manage.py' } });
  assert.deepEqual(found.modules.map((m) => [m.module, m.production, m.declaredBy?.source ?? null]), [
    ['shop.settings.dev', false, 'manage.py'],
    ['shop.settings.prod', true, 'wsgi.py'],
    ['shop.settings.base', false, null],
  ]);
});

test('the override wins; pytest, django-stubs and .env declarations are read', async () => {
  assert.equal((await findSettingsModules(workspace(project), { settingsModule: 'shop.settings.prod' })).primary?.module, 'shop.settings.prod');
  const configs: [string, string][] = [
    ['pytest.ini', '[pytest]\nDJANGO_SETTINGS_MODULE = app.settings_test\n'],
    ['setup.cfg', '[metadata]\nname = x\n[tool:pytest]\nDJANGO_SETTINGS_MODULE=app.settings_test\n'],
    ['pyproject.toml', '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "app.settings_test"\n'],
    ['pyproject.toml', '[tool.django-stubs]\ndjango_settings_module = "app.settings_test"\n'],
    ['mypy.ini', '[mypy.plugins.django-stubs]\ndjango_settings_module = app.settings_test\n'],
    ['.env', '# env\nexport DJANGO_SETTINGS_MODULE="app.settings_test"\n'],
  ];
  for (const [file, text] of configs) {
    const found = await findSettingsModules(workspace({ [file]: text, 'app/__init__.py': '', 'app/settings_test.py': 'DEBUG = True\n' }));
    assert.equal(found.primary?.module, 'app.settings_test', file);
    assert.equal(found.primary?.file, 'app/settings_test.py', file);
  }
});

test('module names follow manage.py roots, packages, and relative imports', () => {
  const files = Object.keys(project);
  const roots = projectRoots(files);
  assert.equal(moduleOfFile('shop/shop/settings/prod.py', new Set(files), roots), 'shop.settings.prod');
  assert.equal(moduleOfFile('shop/shop/settings/__init__.py', new Set(files), roots), 'shop.settings');
  assert.equal(moduleOfFile('lib/pkg/mod.py', new Set(['lib/pkg/__init__.py', 'lib/pkg/mod.py']), []), 'pkg.mod');
  assert.equal(fileOfModule('shop.settings.base', files), 'shop/shop/settings/base.py');
  assert.equal(fileOfModule('shop.settings', files), 'shop/shop/settings/__init__.py');
  assert.equal(fileOfModule('nothing.here', files), undefined);
  assert.equal(resolveRelative('shop.settings.prod', false, 1, 'base'), 'shop.settings.base');
  assert.equal(resolveRelative('shop.settings', true, 1, 'base'), 'shop.settings.base');
  assert.equal(resolveRelative('shop.settings.prod', false, 2, 'urls'), 'shop.urls');
  assert.equal(resolveRelative('shop.settings.prod', false, 3, 'x'), null);
});

test('production modules: by name, or by configuration (module names or path globs)', () => {
  for (const m of ['shop.settings.prod', 'shop.settings.production', 'settings_live', 'shop.deploy_settings']) assert.equal(isProductionModule(m, undefined), true, m);
  for (const m of ['shop.settings.dev', 'shop.settings.base', 'shop.settings', 'product.settings']) assert.equal(isProductionModule(m, undefined), false, m);
  assert.equal(isProductionModule('shop.settings.staging', 'shop/settings/staging.py', ['shop.settings.staging']), true);
  assert.equal(isProductionModule('shop.settings.staging', 'shop/settings/staging.py', ['**/staging.py']), true);
  assert.equal(isProductionModule('shop.settings.prod', 'shop/settings/prod.py', ['**/staging.py']), false);
});

test('two projects with the same module name: each is evaluated from its own file', async () => {
  const { checkWorkspaceSettings } = await import('../../server/src/rules/workspace');
  const project = (secure: string) => ({ manage: "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n", settings: `INSTALLED_APPS = ['django.contrib.sessions']\nSESSION_COOKIE_SECURE = ${secure}\n` });
  const a = project('True');
  const b = project('False');
  const ws = workspace({ 'a/manage.py': a.manage, 'a/proj/__init__.py': '', 'a/proj/settings.py': a.settings, 'b/manage.py': b.manage, 'b/proj/__init__.py': '', 'b/proj/settings.py': b.settings });
  const result = await checkWorkspaceSettings(ws);
  assert.deepEqual(result.models.map((m) => [m.info.file, m.model.file]), [['a/proj/settings.py', 'a/proj/settings.py'], ['b/proj/settings.py', 'b/proj/settings.py']]);
  assert.deepEqual(result.diagnostics.filter((d) => d.djangoId === 'security.W010').map((d) => d.file), ['b/proj/settings.py']);
});

test('a module named like settings that sets no Django setting is not a settings module (a test module, a list of app names)', async () => {
  const found = await findSettingsModules(workspace({
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
    'site/__init__.py': '',
    'site/settings/__init__.py': "try:\n    from .local import *\nexcept ImportError:\n    pass\n",
    'site/settings/apps.py': "THIRD_PARTY_APPS = ['rest_framework']\n",
    'site/settings/local.py': 'if True:\n    DEBUG = True\n',
    'site/settings_ci.py': "from site.settings import *\nSESSION_COOKIE_SECURE = True\n",
    'site/tests/__init__.py': '',
    'site/tests/test_settings.py': [
      'from django.test import SimpleTestCase',
      "TOO_MUCH_DATA_MSG = 'Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.'",
      '',
      'class SettingsTests(SimpleTestCase):',
      '    DEBUG = True',
      '',
    ].join('\n'),
    'site/other_settings.py': "def SECRET_KEY():\n    return 'not a setting'\n",
    // A startproject template: placeholders, not this workspace's settings.
    'site/project_template/project_name/__init__.py': '',
    'site/project_template/project_name/settings.py': 'SECRET_KEY = "{{ secret_key }}"\n',
  }));
  assert.deepEqual(found.modules.map((m) => m.module).sort(), ['site.settings', 'site.settings.local', 'site.settings_ci']);
});

test('a manage.py inside a package is not an import root: the package chain names the modules (a test project in a library)', async () => {
  const files = ['wagtail/__init__.py', 'wagtail/test/__init__.py', 'wagtail/test/manage.py', 'wagtail/test/settings.py', 'wagtail/test/settings_ui.py',
    'shop/manage.py', 'shop/shop/__init__.py', 'shop/shop/settings.py', 'tools/script.py', 'my-tool.py'];
  const fileSet = new Set(files);
  const roots = projectRoots(files);
  assert.deepEqual(files.map((f) => moduleOfFile(f, fileSet, roots)), [
    'wagtail', 'wagtail.test', 'wagtail.test.manage', 'wagtail.test.settings', 'wagtail.test.settings_ui',
    'manage', 'shop', 'shop.settings', 'script', null,
  ]);
  assert.equal(resolveRelative('wagtail.test.settings_ui', false, 1, 'settings'), 'wagtail.test.settings');
});

test("a module is found only where Python would import it from: a package's promise.py is not the library `promise`; namespace packages still resolve", () => {
  const files = ['manage.py', 'shop/__init__.py', 'shop/graphql/__init__.py', 'shop/graphql/promise.py', 'shop/settings/dev.py', 'shop/settings/base.py'];
  assert.equal(fileOfModule('promise', files), undefined);
  assert.equal(fileOfModule('shop.graphql.promise', files), 'shop/graphql/promise.py');
  // shop/settings/ has no __init__.py (a namespace package): still shop.settings.dev.
  assert.equal(fileOfModule('shop.settings.dev', files), 'shop/settings/dev.py');
});

test("a manage.py folder that is a package: its modules answer to both names (django-oscar's sandbox/ declares 'settings')", async () => {
  const found = await findSettingsModules(workspace({
    'src/oscar/__init__.py': '',
    'sandbox/__init__.py': '',
    'sandbox/manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings')\n",
    'sandbox/settings.py': 'DEBUG = True\n',
  }));
  assert.equal(found.primary?.file, 'sandbox/settings.py');
  assert.equal(fileOfModule('sandbox.settings', ['sandbox/__init__.py', 'sandbox/manage.py', 'sandbox/settings.py']), 'sandbox/settings.py');
});
