// A Django-migrated SQLite session database in a temp dir, for the db and cached_db suites.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { django, type DjangoVersion } from './support';

export async function sqliteStore(version: DjangoVersion, engine = 'db'): Promise<{ dir: string; path: string; store: Record<string, unknown>; corrupt(key: string): Promise<void>; copyClear(): Promise<string[]> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ds-stores-sqlite-'));
  const path = join(dir, 'db.sqlite3');
  const store = { engine, db: { kind: 'sqlite', path } };
  await django(version, { store, action: 'migrate' });
  return {
    dir, path, store,
    async corrupt(key) {
      const sqlite = await import('node-sqlite3-wasm');
      const db = new (sqlite.default ?? sqlite).Database(path);
      try {
        db.run("UPDATE django_session SET session_data = substr(session_data, 1, 12) WHERE session_key = ?", [key]);
      } finally {
        db.close();
      }
    },
    async copyClear() {
      const copy = join(dir, 'copy.sqlite3');
      copyFileSync(path, copy);
      const copyStore = { ...store, db: { kind: 'sqlite', path: copy } };
      await django(version, { store: copyStore, action: 'clearsessions' });
      return (await django<{ keys: string[] }>(version, { store: copyStore, action: 'keys' })).keys;
    },
  };
}
