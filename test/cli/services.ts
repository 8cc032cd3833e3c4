// Probes for the real servers and Django the store tests use (with requires()).
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './cli';

export function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (ok: boolean) => { socket.destroy(); done(ok); };
    socket.setTimeout(1500, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export function djangoAvailable(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import django, django_redis, pymemcache, psycopg2, MySQLdb'], { stdio: 'ignore' }).status === 0;
}

export interface WrittenSessions {
  valid: string;
  expired: string | null;
  data: Record<string, unknown>;
}

/** Real Django (3.2, /usr/bin/python3) creates a valid and, where the store keeps them, an expired session. */
export function djangoWrites(backend: string, target: string, secret: string): WrittenSessions {
  const run = spawnSync('/usr/bin/python3', [join(repoRoot, 'test/fixtures/cli/write_sessions.py'), backend, target], {
    env: { PATH: process.env.PATH ?? '', DS_CLI_SECRET: secret }, encoding: 'utf8', timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`Django could not write ${backend} sessions: ${run.stderr}`);
  return JSON.parse(run.stdout) as WrittenSessions;
}
