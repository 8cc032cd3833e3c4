// The catalog's defaults are Django's own: read from django.conf.global_settings of 3.2.25 and 5.2.17.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { parseVersion } from '../../server/src/rules/context';
import { settingsCatalog } from '../../server/src/settings/catalog';
import { requires } from '../support/requirements';

const script = 'import json, sys\nfrom django.conf import global_settings as g\nprint(json.dumps({n: getattr(g, n) for n in sys.argv[1:] if hasattr(g, n)}))';

for (const [name, pythonPath, version] of [['Django 3.2', '', '3.2'], ['Django 5.2', resolve('.cache/django5'), '5.2']] as const) {
  test(`catalog defaults equal ${name}'s global_settings`, async (t) => {
    const run = () => spawnSync('/usr/bin/python3', ['-c', script, ...settingsCatalog.map((s) => s.name)], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', ...(pythonPath ? { PYTHONPATH: pythonPath } : {}) } });
    if (!(await requires(t, name, () => run().status === 0))) return;
    const defaults = JSON.parse(run().stdout) as Record<string, unknown>;
    const [major, minor] = parseVersion(version);
    const exists = (v?: string) => { const [a, b] = parseVersion(v); return major > a || (major === a && minor >= b); };
    for (const s of settingsCatalog) {
      const present = (!s.since || exists(s.since)) && (!s.removed || !exists(s.removed));
      assert.equal(s.name in defaults, present, `${s.name} exists in ${name}`);
      if (present) assert.deepEqual(s.default, defaults[s.name], s.name);
    }
  });
}
