// The db backend on SQLite (node-sqlite3-wasm) against Django 3.2 and 5.2.
import { rmSync } from 'node:fs';
import { parseStoreUrl } from '../../server/src/stores/url';
import { ALL_KINDS, contractSuite, type Prepared } from './contract';
import { sqliteStore } from './sqliteStore';
import { djangoProbe } from './support';

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
