// The db backend on SQLite (node-sqlite3-wasm) against Django 3.2 and 5.2, also while Django writes.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { requires } from '../support/requirements';
import { LiveSessionService } from '../../server/src/stores/service';
import { parseStoreUrl } from '../../server/src/stores/url';
import { ALL_KINDS, contractSuite, type Prepared } from './contract';
import { sqliteStore } from './sqliteStore';
import { django, djangoProbe, SECRET } from './support';

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

test('db/sqlite: listing while Django writes to the same database never fails or shows a bad session', async (t) => {
  if (!(await requires(t, 'Django 3.2', djangoProbe('3.2')))) return;
  const s = await sqliteStore('3.2');
  const service = new LiveSessionService();
  try {
    const id = service.register(parseStoreUrl(`sqlite:${s.path}`));
    const writing = django('3.2', { store: s.store, action: 'create', specs: Array.from({ length: 150 }, (_, n) => ({ kind: 'plain', n })) });
    let finished = false;
    void writing.finally(() => (finished = true)).catch(() => undefined);
    let reads = 0;
    while (!finished) {
      const page = await service.listSessions(id, { limit: 50 }, [SECRET]);
      assert.equal(page.error, undefined);
      assert.ok(page.sessions.every((x) => x.status === 'valid'));
      reads++;
    }
    await writing;
    assert.ok(reads > 1, `${reads} reads overlapped the writes`);
    assert.equal((await service.listSessions(id, { limit: 10 }, [SECRET])).total, 150);
  } finally {
    await service.dispose();
    rmSync(s.dir, { recursive: true, force: true });
  }
});
