// A src layout: manage.py at the root and the code under src/argus/ (installed as `argus`, imported
// as `argus.auth.models`). Imports by that name reach the files: constants, sessions handed to
// classes of other modules, and edits of the imported module.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moduleNamesOf } from '../../server/src/settings/modules';
import { indexedProject } from '../support/indexedProject';

test('a package under a folder that is not one, below the manage.py folder, is also imported by its package chain', () => {
  const packages = new Set(['src/argus', 'src/argus/auth']);
  const names = (file: string) => moduleNamesOf(file, (d) => packages.has(d), (d) => d === '');
  assert.deepEqual(names('src/argus/auth/models.py'), ['src.argus.auth.models', 'argus.auth.models']);
  // Not for a module outside any package (a script in a plain folder): its bare name would collide.
  assert.deepEqual(names('scripts/run.py'), ['scripts.run']);
});

test("Argus' SessionPreferences(request.session, ...) and an imported constant, in a src layout", async () => {
  const models = (key: string) => [
    'class SessionPreferences:',
    '    def __init__(self, session, namespace):',
    '        self.session = session',
    `        self.session.setdefault("${key}", dict())`,
    '',
  ].join('\n');
  const { index, write } = await indexedProject({
    'src/argus/__init__.py': '',
    'src/argus/auth/__init__.py': '',
    'src/argus/auth/keys.py': "THEME_KEY = 'theme'\n",
    'src/argus/auth/models.py': models('preferences'),
    'src/argus/auth/utils.py': [
      'from argus.auth.models import SessionPreferences',
      'from argus.auth.keys import THEME_KEY',
      'def get_preference_obj(request, namespace):',
      '    request.session[THEME_KEY] = "dark"',
      '    return SessionPreferences(request.session, namespace)',
      '',
    ].join('\n'),
    'src/argus/auth/context_processors.py': 'def preferences(request):\n    return request.session.get("preferences")\n',
  });
  assert.deepEqual(index.accessesOf('preferences').map((a) => `${a.file} ${a.access.op}`).sort(), [
    'src/argus/auth/context_processors.py read', 'src/argus/auth/models.py read', 'src/argus/auth/models.py write',
  ]);
  assert.deepEqual(index.accessesIn('src/argus/auth/utils.py').map((a) => a.key), ['theme']);
  // The imported module changes: what imports it by the other name follows.
  write('src/argus/auth/keys.py', "THEME_KEY = 'ui_theme'\n");
  index.updateFile('src/argus/auth/keys.py', "THEME_KEY = 'ui_theme'\n");
  assert.deepEqual(index.accessesIn('src/argus/auth/utils.py').map((a) => a.key), ['ui_theme']);
});
