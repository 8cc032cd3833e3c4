// `sessions` against real stores: Django writes sessions, the bundled CLI lists, shows, verifies,
// masks, deletes and clears them. Each backend uses its own database / key prefix / directory.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test, type TestContext } from 'node:test';
import { maskSessionKey } from '../../server/src/stores/mask';
import { requires } from '../support/requirements';
import { cli, json } from './cli';
import { djangoAvailable, djangoWrites, portOpen, type WrittenSessions } from './services';

interface ListOutput {
  store: string;
  total: number | null;
  sessions: { key: string; status: string; user: string | null; data: Record<string, unknown> | null; expires: string | null }[];
}

const secret = 'ds-cli-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const env = { DS_CLI_SECRET: secret };
const scratch = mkdtempSync(join(tmpdir(), 'ds-cli-sessions-'));
const unique = `dscli${process.pid}`;
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Backend {
  name: string;
  port?: number;
  target: () => string;
  url: (target: string) => string;
  /** Signed data (db, file) can fail verification; cache values are not signed. */
  signed: boolean;
}

const backends: Backend[] = [
  { name: 'sqlite', target: () => join(scratch, 'db.sqlite3'), url: (t) => `sqlite:${t}`, signed: true },
  { name: 'postgres', port: 5432, target: () => 'ds_cli_test', url: (t) => `postgres://postgres@127.0.0.1:5432/${t}`, signed: true },
  { name: 'mysql', port: 3306, target: () => 'ds_cli_test', url: (t) => `mysql://root@127.0.0.1:3306/${t}`, signed: true },
  { name: 'redis', port: 6379, target: () => unique, url: (t) => `redis://127.0.0.1:6379/7?prefix=${t}&version=1&client=django-redis`, signed: false },
  { name: 'memcached', port: 11211, target: () => unique, url: (t) => `memcached://127.0.0.1:11211?prefix=${t}`, signed: false },
  { name: 'file', target: () => join(scratch, 'files'), url: (t) => `file:${t}?cookie=sessionid`, signed: true },
];

async function ready(t: TestContext, backend: Backend): Promise<boolean> {
  if (backend.port && !(await requires(t, `${backend.name} on 127.0.0.1:${backend.port}`, () => portOpen(backend.port ?? 0)))) return false;
  return requires(t, 'Django 3.2 (/usr/bin/python3)', djangoAvailable);
}

for (const backend of backends) {
  describe(`sessions on ${backend.name}`, () => {
    let written: WrittenSessions | undefined;
    let url = '';
    const setUp = async (t: TestContext): Promise<boolean> => {
      if (!(await ready(t, backend))) return false;
      if (!written) {
        const target = backend.target();
        if (backend.name === 'file') mkdirSync(target, { recursive: true });
        written = djangoWrites(backend.name, target, secret);
        url = backend.url(target);
      }
      return true;
    };
    const list = (extra: string[] = [], envExtra: Record<string, string> = env) =>
      cli(['sessions', 'list', '--store', url, '--format', 'json', '--limit', '500', ...extra], { env: envExtra });

    test('list decodes and verifies what Django wrote; keys are masked', async (t) => {
      if (!(await setUp(t)) || !written) return;
      const run = await list(['--secret-key-env', 'DS_CLI_SECRET']);
      assert.equal(run.code, 0, run.stderr);
      const out = json<ListOutput>(run);
      const mine = out.sessions.find((s) => s.key === maskSessionKey(written!.valid));
      assert.ok(mine, `the session Django wrote is listed (masked): ${run.stdout.slice(0, 400)}`);
      assert.equal(mine.status, 'valid');
      assert.equal(mine.user, '7');
      assert.deepEqual(mine.data, written.data);
      assert.ok(!run.stdout.includes(written.valid), 'the full key never appears without --reveal-keys');
      assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'the secret never appears');
    });

    test('--reveal-keys shows full keys; show KEY prints one session', async (t) => {
      if (!(await setUp(t)) || !written) return;
      const revealed = json<ListOutput>(await list(['--reveal-keys', '--secret-key-env', 'DS_CLI_SECRET']));
      assert.ok(revealed.sessions.some((s) => s.key === written!.valid));
      const show = await cli(['sessions', 'show', written.valid, '--store', url, '--format', 'json', '--secret-key-env', 'DS_CLI_SECRET'], { env });
      assert.equal(show.code, 0, show.stderr);
      const { session } = json<{ session: ListOutput['sessions'][number] }>(show);
      assert.equal(session.key, maskSessionKey(written.valid));
      assert.deepEqual(session.data, written.data);
      const text = await cli(['sessions', 'show', written.valid, '--store', url, '--secret-key-env', 'DS_CLI_SECRET'], { env });
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /status: +valid/);
      assert.match(text.stdout, /héllo wörld/);
    });

    test('a wrong secret gives bad-signature (signed stores); no secret gives no-secret with a note', async (t) => {
      if (!(await setUp(t)) || !written) return;
      const wrong = json<ListOutput>(await list(['--secret-key-env', 'WRONG'], { WRONG: 'not-the-right-secret-at-all-0123456789-abcdefghij' }));
      const mine = wrong.sessions.find((s) => s.key === maskSessionKey(written!.valid));
      assert.ok(mine);
      assert.equal(mine.status, backend.signed ? 'bad-signature' : 'valid');
      const none = await list([], {});
      assert.equal(none.code, 0, none.stderr);
      assert.match(none.stderr, /no SECRET_KEY given/);
      const unverified = json<ListOutput>(none).sessions.find((s) => s.key === maskSessionKey(written!.valid));
      assert.equal(unverified?.status, backend.signed ? 'no-secret' : 'valid');
      assert.deepEqual(unverified?.data, written.data, 'data is still shown without a secret');
    });

    test('delete needs --yes, then removes exactly that session', async (t) => {
      if (!(await setUp(t)) || !written) return;
      const refused = await cli(['sessions', 'delete', written.valid, '--store', url], { env });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /refusing without --yes/);
      const still = await cli(['sessions', 'show', written.valid, '--store', url], { env });
      assert.equal(still.code, 0, 'nothing was deleted without --yes');
      const deleted = await cli(['sessions', 'delete', written.valid, '--store', url, '--yes'], { env });
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.match(deleted.stdout, new RegExp(`deleted session ${maskSessionKey(written.valid)}`));
      assert.ok(!deleted.stdout.includes(written.valid));
      const gone = await cli(['sessions', 'show', written.valid, '--store', url], { env });
      assert.equal(gone.code, 1);
      assert.match(gone.stderr, /no session .* in this store/);
    });

    if (backend.name !== 'redis' && backend.name !== 'memcached') {
      test('clear-expired --yes removes the expired session, as clearsessions does', async (t) => {
        if (!(await setUp(t)) || !written?.expired) return;
        const before = json<ListOutput>(await list(['--reveal-keys']));
        assert.ok(before.sessions.some((s) => s.key === written!.expired), 'the expired session is listed before');
        const run = await cli(['sessions', 'clear-expired', '--store', url, '--yes', '--format', 'json'], { env });
        assert.equal(run.code, 0, run.stderr);
        assert.ok(json<{ deleted: number }>(run).deleted >= 1);
        const afterward = json<ListOutput>(await list(['--reveal-keys']));
        assert.ok(!afterward.sessions.some((s) => s.key === written!.expired), 'the expired session is gone');
      });
    }
  });
}

test('a dead server is a clear error, exit 2, within seconds', async () => {
  const started = Date.now();
  const run = await cli(['sessions', 'list', '--store', 'redis://127.0.0.1:9/0'], { timeoutMs: 30_000 });
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /^django-sessions: .+/m);
  assert.ok(Date.now() - started < 25_000, 'gives up on its own');
});
