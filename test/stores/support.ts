// Shared helpers of the store tests: run the real Django side, probe servers, normalise data.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { AdapterContext } from '../../server/src/stores/context';

export const SECRET = 'django-sessions-store-tests-secret-0123456789abcdefghijklmnop';
export const OTHER_SECRET = 'a-different-secret-key-that-did-not-sign-these-0123456789xyz';
export const PYTHON = '/usr/bin/python3';
export const HELPER = join(import.meta.dirname, '..', 'fixtures', 'stores', 'django_side.py');
const DJANGO5_PATH = join(import.meta.dirname, '..', '..', '.cache', 'django5');

export type DjangoVersion = '3.2' | '5.2';

export function contextFor(secrets: string[] = [SECRET], timeoutMs = 3000): AdapterContext {
  return { secrets, timeoutMs, now: () => new Date() };
}

/** Runs the Django helper with one request; resolves its JSON answer. */
export function django<T = Record<string, unknown>>(version: DjangoVersion, request: Record<string, unknown>): Promise<T> {
  const env = { ...process.env, ...(version === '5.2' ? { PYTHONPATH: DJANGO5_PATH } : {}) };
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [HELPER, JSON.stringify({ secret: SECRET, ...request })], { env, timeout: 60_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`django helper failed: ${stderr || error.message}`));
      try {
        resolve(JSON.parse(stdout) as T);
      } catch {
        reject(new Error(`django helper printed no JSON: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

/** The probe for requires(): Debian's Django 3.2 or the unpacked 5.2 imports. */
export function djangoProbe(version: DjangoVersion, modules: string[] = []): () => Promise<boolean> {
  return () => new Promise((resolve, reject) => {
    if (version === '5.2' && !existsSync(join(DJANGO5_PATH, 'django'))) return reject(new Error(`${DJANGO5_PATH} is missing`));
    const code = ['import django', ...modules.map((m) => `import ${m}`)].join('; ');
    const env = { ...process.env, ...(version === '5.2' ? { PYTHONPATH: DJANGO5_PATH } : {}) };
    execFile(PYTHON, ['-c', code], { env, timeout: 20_000 }, (error, _out, stderr) => (error ? reject(new Error(stderr.trim().split('\n').pop())) : resolve(true)));
  });
}

export function portProbe(port: number): () => Promise<boolean> {
  return () => new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`127.0.0.1:${port} timed out`))), 2000);
    socket.once('connect', () => (clearTimeout(timer), socket.destroy(), resolve(true)));
    socket.once('error', (e) => (clearTimeout(timer), reject(e)));
  });
}

/** A unique lowercase tag so parallel runs never share keys, prefixes or schemas. */
export function uniqueTag(): string {
  return `t${process.pid}${Date.now().toString(36)}`.toLowerCase();
}

/** Tagged values compared on `$type` and `value` only (the codec may add detail such as `tz`). */
export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$type === 'string' && 'value' in o) return { $type: o.$type, value: o.value };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}
