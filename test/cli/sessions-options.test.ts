// `sessions` options on SQLite: the store detected from a project's settings (folder or file),
// --limit, --filter, --table for a custom session model's table, text output.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { Database } from 'node-sqlite3-wasm';
import { requires } from '../support/requirements';
import { cli, json, repoRoot } from './cli';
import { djangoAvailable, djangoWrites, type WrittenSessions } from './services';

const secret = 'ds-cli-options-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const env = { DJANGO_SECRET_KEY: secret };
const scratch = mkdtempSync(join(tmpdir(), 'ds-cli-options-'));
const project = join(scratch, 'project');
const database = join(project, 'db.sqlite3');
let first: WrittenSessions | undefined;
let second: WrittenSessions | undefined;

before(() => {
  cpSync(join(repoRoot, 'test/fixtures/cli/project'), project, { recursive: true });
  if (!djangoAvailable()) return;
  first = djangoWrites('sqlite', database, secret);
  second = djangoWrites('sqlite', database, secret);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Listed { store: string; total: number; sessions: { key: string; status: string; data: Record<string, unknown> | null }[] }

async function ready(t: TestContext): Promise<boolean> {
  return requires(t, 'Django 3.2 (/usr/bin/python3)', djangoAvailable);
}

test('--settings finds the store as the extension does, from the project folder or a settings file', async (t) => {
  if (!(await ready(t))) return;
  for (const settings of [project, join(project, 'proj/settings/prod.py')]) {
    const run = await cli(['sessions', 'list', '--settings', settings, '--format', 'json', '--reveal-keys'], { env });
    assert.equal(run.code, 0, run.stderr);
    const listed = json<Listed>(run);
    assert.equal(listed.store, `sqlite:${database}`);
    assert.equal(listed.total, 4);
    assert.deepEqual(listed.sessions.map((s) => s.key).sort(), [first!.valid, first!.expired, second!.valid, second!.expired].sort());
  }
  // With no flag, the current directory is the project.
  const here = await cli(['sessions', 'list', '--format', 'json'], { env, cwd: project });
  assert.equal(json<Listed>(here).total, 4);
});

test('--limit and --filter', async (t) => {
  if (!(await ready(t))) return;
  const one = json<Listed>(await cli(['sessions', 'list', '--store', `sqlite:${database}`, '--limit', '1', '--format', 'json'], { env }));
  assert.equal(one.sessions.length, 1);
  assert.equal(one.total, 4);
  const stale = json<Listed>(await cli(['sessions', 'list', '--store', `sqlite:${database}`, '--filter', 'stale', '--format', 'json'], { env }));
  assert.equal(stale.sessions.length, 2, 'only the two sessions holding "stale"');
  assert.ok(stale.sessions.every((s) => s.data && 'stale' in s.data));
});

test('--table reads a custom session table', async (t) => {
  if (!(await ready(t))) return;
  const db = new Database(database);
  try {
    db.exec('CREATE TABLE IF NOT EXISTS "shop_session" AS SELECT * FROM "django_session" WHERE "session_key" IN (SELECT "session_key" FROM "django_session" LIMIT 1)');
  } finally {
    db.close();
  }
  const run = await cli(['sessions', 'list', '--store', `sqlite:${database}`, '--table', 'shop_session', '--format', 'json'], { env });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(json<Listed>(run).total, 1);
  const missing = await cli(['sessions', 'list', '--store', `sqlite:${database}`, '--table', 'no_such_table'], { env });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no_such_table/);
});

test('text: a table with masked keys, expiry, status and user', async (t) => {
  if (!(await ready(t))) return;
  const run = await cli(['sessions', 'list', '--store', `sqlite:${database}`], { env });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /: 4 sessions\n/);
  assert.match(run.stdout, /\nKEY +EXPIRES +STATUS +USER +DATA KEYS\n/);
  const rows = run.stdout.split('\n').filter((l) => /^\w{4}…\w{4} /.test(l));
  assert.equal(rows.length, 4);
  assert.equal(rows.filter((r) => /\(\d+[mhd] ago\)\s+expired\s/.test(r)).length, 2);
  assert.equal(rows.filter((r) => /\(in \d+[mhd]\)\s+valid\s+7\s+cart, _auth_user_id, greeting/.test(r)).length, 2);
});
