// Golden text output of `keys` and `check` on the fixture project and examples/shop. When a change
// of output is intended: UPDATE_GOLDEN=1 node scripts/test.mjs test/cli/golden, then review the diff.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, repoRoot } from './cli';

const golden = join(repoRoot, 'test/fixtures/cli/golden');

const cases: { name: string; args: string[] }[] = [
  { name: 'project-keys.txt', args: ['keys', 'test/fixtures/cli/project'] },
  { name: 'project-check.txt', args: ['check', 'test/fixtures/cli/project', '--fail-on', 'info'] },
  { name: 'shop-keys.txt', args: ['keys', 'examples/shop'] },
];

for (const { name, args } of cases) {
  test(`golden: django-sessions ${args.join(' ')}`, async () => {
    const run = await cli(args);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    const file = join(golden, name);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, run.stdout);
    assert.equal(run.stdout, readFileSync(file, 'utf8'), `${name} changed (UPDATE_GOLDEN=1 to accept)`);
  });
}
