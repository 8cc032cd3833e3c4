// A throwaway copy of examples/shop with real sessions written by Django: a SQLite store, a Redis
// store (own key prefix), a signed cookie; plus the info file the in-VS Code suite reads.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from './harness';
import type { E2EInfo } from './suite/info';

const python = '/usr/bin/python3';
// Real Django writes the sessions (helper shared with the CLI tests).
const writeSessions = join(repo, 'test', 'fixtures', 'cli', 'write_sessions.py');

function django(args: string[], env: Record<string, string>): string {
  const r = spawnSync(python, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const signedCookie = `
import json, os, sys
from django.conf import settings
settings.configure(SECRET_KEY=os.environ['DS_CLI_SECRET'])
from django.core import signing
from django.contrib.sessions.serializers import JSONSerializer
data = json.loads(sys.argv[1])
print(signing.dumps(data, salt='django.contrib.sessions.backends.signed_cookies', serializer=JSONSerializer, compress=True))
`;

export function djangoAvailable(): boolean {
  return spawnSync(python, ['-c', 'import django, django_redis']).status === 0;
}

export function prepareWorkspace(mode: E2EInfo['mode'], fakePort: number): { workspace: string; infoPath: string; info: E2EInfo } {
  const tmp = mkdtempSync(join(tmpdir(), 'ds-e2e-ws-'));
  const workspace = join(tmp, 'shop');
  cpSync(join(repo, 'examples', 'shop'), workspace, {
    recursive: true,
    filter: (src) => !/(__pycache__|\.sqlite3$|\/\.sessions(\/|$))/.test(src),
  });
  const secret = `e2e-${process.pid}-not-a-real-secret-key-0123456789abcdefghijklmnop`;
  const sqlitePath = join(tmp, 'e2e-sessions.sqlite3');
  const sqlite = JSON.parse(django([writeSessions, 'sqlite', sqlitePath], { DS_CLI_SECRET: secret }));
  // Sessions signed with another key: they must show as bad signature.
  const foreign = JSON.parse(django([writeSessions, 'sqlite', sqlitePath], { DS_CLI_SECRET: `${secret}-other` }));
  const prefix = `ds-e2e-h6-${process.pid}-${Date.now()}`;
  const redis = JSON.parse(django([writeSessions, 'redis', prefix], { DS_CLI_SECRET: secret }));
  const cookieData = { cart: { '5': 1 }, _auth_user_id: '42' };
  const cookie = django(['-c', signedCookie, JSON.stringify(cookieData)], { DS_CLI_SECRET: secret }).trim();
  const tampered = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));

  const sqliteUrl = `sqlite:${sqlitePath}`;
  const redisUrl = 'redis://127.0.0.1:6379/7';
  const fakeUrl = `redis://127.0.0.1:${fakePort}/0`;
  const stores: Record<string, string>[] = [
    { engine: 'db', url: sqliteUrl, label: 'E2E SQLite' },
    { engine: 'cache', url: redisUrl, keyPrefix: prefix, label: 'E2E Redis' },
  ];
  if (mode === 'untrusted') {
    stores.push({ engine: 'cache', url: fakeUrl, label: 'Must never be contacted' });
    // Also as the project's own settings, which the server analyses in Restricted Mode too.
    const dev = join(workspace, 'shop', 'settings', 'dev.py');
    if (existsSync(dev)) {
      appendFileSync(dev, `\nSESSION_ENGINE = 'django.contrib.sessions.backends.cache'\nCACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache', 'LOCATION': '${fakeUrl}'}}\n`);
    }
  }
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'djangoSessions.stores': stores, 'djangoSessions.readOnly': true }, null, 2));

  const info: E2EInfo = {
    mode,
    secret,
    signalDir: tmp,
    fakeUrl,
    sqlite: { url: sqliteUrl, valid: sqlite.valid, expired: sqlite.expired, foreign: foreign.valid, data: sqlite.data },
    redis: { url: redisUrl, prefix, valid: redis.valid, data: redis.data },
    cookie: { valid: cookie, tampered, data: cookieData },
  };
  const infoPath = join(tmp, 'ds-e2e.json');
  writeFileSync(infoPath, JSON.stringify(info, null, 2));
  return { workspace, infoPath, info };
}

/** Removes the temp folder and the Redis keys the run wrote (its own prefix, db 7). */
export function cleanupWorkspace(info: E2EInfo): void {
  const scan = spawnSync('redis-cli', ['-n', '7', '--scan', '--pattern', `${info.redis.prefix}:*`], { encoding: 'utf8' });
  const keys = scan.stdout.split('\n').filter(Boolean);
  if (keys.length) spawnSync('redis-cli', ['-n', '7', 'del', ...keys]);
  rmSync(info.signalDir, { recursive: true, force: true });
}
