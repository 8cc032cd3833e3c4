// A repository holding several Django projects, each with its manage.py and settings (a book's
// chapters, a company's services): a file's `settings.X` keys come from its own project's settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scratchWorkspace } from '../support/scratch';
import { settingsByProject, type WorkspaceSettings } from '../../server/src/rules/workspace';
import type { SettingsModel } from '../../server/src/settings/types';
import { cli, json } from './cli';

function project(name: string, cartId: string): Record<string, string> {
  return {
    [`${name}/manage.py`]: `import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n`,
    [`${name}/shop/__init__.py`]: '',
    [`${name}/shop/settings.py`]: `SECRET_KEY = 'x'\nCART_SESSION_ID = '${cartId}'\n`,
    [`${name}/cart/__init__.py`]: '',
    [`${name}/cart/cart.py`]: 'from django.conf import settings\n\nclass Cart:\n    def __init__(self, request):\n        self.session = request.session\n        self.cart = self.session.setdefault(settings.CART_SESSION_ID, {})\n',
  };
}

async function keyFiles(root: string): Promise<string[]> {
  const run = await cli(['keys', root, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = json<{ keys: { key: string | null; accesses: { file: string }[] }[] }>(run);
  return out.keys.flatMap((k) => [...new Set(k.accesses.map((a) => `${k.key ?? '<dynamic>'} ${a.file.split('/')[0]}`))]).sort();
}

test("each project's settings.X keys come from its own settings", async () => {
  const root = scratchWorkspace({ ...project('chapter08', 'cart'), ...project('chapter09', 'basket') }, 'ds-several-');
  assert.deepEqual(await keyFiles(root), ['basket chapter09', 'cart chapter08']);
});

test('one project, or a settings module the user named (djangoSessions.settingsModule): one settings for every file', () => {
  const model = (module: string) => ({ module, files: [], production: false, names: () => [], get: () => undefined }) as SettingsModel;
  const declared = (folder: string) => ({
    info: { module: 'shop.settings', file: `${folder}/shop/settings.py`, production: false, declaredBy: { file: `${folder}/manage.py`, source: 'manage.py' as const } },
    model: model(`${folder}.shop.settings`),
  });
  const workspace = (models: ReturnType<typeof declared>[], override = false): WorkspaceSettings => ({
    discovered: { primary: override ? { module: 'x.settings', file: undefined, production: false, declaredBy: { file: '', source: 'override' } } : models[0].info, modules: models.map((m) => m.info) },
    primary: models[0].model, models, diagnostics: [],
  });
  assert.deepEqual([...settingsByProject(workspace([declared('a'), declared('b')])).keys()], ['a', 'b']);
  assert.equal(settingsByProject(workspace([declared('a')])).size, 0);
  assert.equal(settingsByProject(workspace([declared('a'), declared('b')], true)).size, 0);
});
