// The db backend on SQLite (node-sqlite3-wasm) against Django 3.2 and 5.2.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStoreUrl } from '../../server/src/stores/url';
import { ALL_KINDS, contractSuite, type Prepared } from './contract';
import { django, djangoProbe, type DjangoVersion } from './support';

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

for (const version of ['3.2', '5.2'] as const) {
  contractSuite({
    name: `db/sqlite`,
    django: version,
    needs: [{ what: `Django ${version}`, probe: djangoProbe(version) }],
    specs: version === '5.2' ? [...ALL_KINDS, { kind: 'expiry_datetime' }] : ALL_KINDS,
    signed: true,
    async prepare(): Promise<Prepared> {
      const s = await sqliteStore(version);
      return {
        store: s.store,
        config: parseStoreUrl(`sqlite:${s.path}`),
        corrupt: s.corrupt,
        clearsessionsOnCopy: s.copyClear,
        cleanup: async () => rmSync(s.dir, { recursive: true, force: true }),
      };
    },
  });
}
