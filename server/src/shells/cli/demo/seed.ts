// Creates the demo's SQLite session database: the `django_session` table exactly as Django's
// migration makes it, and a few realistic sessions encoded by our codec's encoder.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import type { PyJson } from '../../../codec/types';

/** Django's `sqlmigrate sessions 0001` for SQLite (identical in 3.2 and 5.2). */
export const DJANGO_SESSION_DDL = [
  'CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL)',
  'CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date")',
];

export type Encode = (data: Record<string, PyJson>, secret: string) => string;

interface DemoSession {
  data: Record<string, PyJson>;
  /** Days from now; negative is in the past. */
  expiresInDays: number;
  /** Signed with a key the project no longer has: shows up as a bad signature. */
  foreignSecret?: boolean;
}

const backend = 'django.contrib.auth.backends.ModelBackend';

export const demoSessions: DemoSession[] = [
  { // a signed-in shopper with a cart, a coupon and preferences
    data: {
      _auth_user_id: '1', _auth_user_backend: backend, _auth_user_hash: hex(64),
      cart: { '3': { quantity: 2, price: '24.00' }, '8': { quantity: 1, price: '9.50' } },
      coupon_id: 4, recently_viewed: [8, 3, 11], login_count: 3, theme: 'dark',
    },
    expiresInDays: 13,
  },
  { // a guest half-way through checkout
    data: { cart: { '5': { quantity: 1, price: '120.00' } }, language: 'fr', checkout_step: 2, recently_viewed: [5] },
    expiresInDays: 9,
  },
  { // expired two days ago: clearsessions would delete it
    data: { _auth_user_id: '2', _auth_user_backend: backend, _auth_user_hash: hex(64), theme: 'light' },
    expiresInDays: -2,
  },
  { // signed with a SECRET_KEY the project no longer has
    data: { _auth_user_id: '1', _auth_user_backend: backend, _auth_user_hash: hex(64), next_url: '/checkout/' },
    expiresInDays: 6,
    foreignSecret: true,
  },
];

/** A 32-character key from Django's alphabet (lowercase letters and digits). */
export function sessionKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((b) => alphabet[b % 36]).join('');
}

/** `expire_date` as Django stores it in SQLite: naive UTC text with microseconds. */
export function sqliteDatetime(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')}000`;
}

function hex(length: number): string {
  return randomBytes(length / 2).toString('hex');
}

export interface SeedRow {
  session_key: string;
  session_data: string;
  expire_date: string;
}

export function demoRows(encode: Encode, secret: string, now: Date): SeedRow[] {
  const foreign = randomBytes(32).toString('base64'); // a key nobody keeps: its signatures never verify
  return demoSessions.map((s) => ({
    session_key: sessionKey(),
    session_data: encode(s.data, s.foreignSecret ? foreign : secret),
    expire_date: sqliteDatetime(new Date(now.getTime() + s.expiresInDays * 86_400_000)),
  }));
}

/** Writes the database beside `path` and renames it into place: a failed run leaves no half file. */
export async function createDemoDatabase(path: string, rows: SeedRow[]): Promise<void> {
  const { Database } = await import('node-sqlite3-wasm');
  const partial = `${path}.${process.pid}.partial`;
  try {
    const db = new Database(partial);
    try {
      for (const statement of DJANGO_SESSION_DDL) db.exec(statement);
      for (const row of rows) {
        db.run('INSERT INTO "django_session" ("session_key", "session_data", "expire_date") VALUES (?, ?, ?)',
          [row.session_key, row.session_data, row.expire_date]);
      }
    } finally {
      db.close();
    }
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
}
