// The file backend (SESSION_FILE_PATH) against Django 3.2 and 5.2, including the int
// `_session_expiry` quirk, mtime-based expiry and the temp files clearsessions leaves alone.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { requires } from '../support/requirements';
import { createAdapter } from '../../server/src/stores/factory';
import { parseStoreUrl } from '../../server/src/stores/url';
import { ALL_KINDS, contractSuite, type Prepared } from './contract';
import { contextFor, django, djangoProbe, type DjangoVersion } from './support';

function fileStore(version: DjangoVersion) {
  const dir = mkdtempSync(join(tmpdir(), 'ds-stores-file-'));
  const store = { engine: 'file', file_path: dir };
  return {
    dir, store,
    async copyClear(): Promise<string[]> {
      const copy = `${dir}-copy`;
      cpSync(dir, copy, { recursive: true, preserveTimestamps: true });
      try {
        const copyStore = { engine: 'file', file_path: copy };
        await django(version, { store: copyStore, action: 'clearsessions' });
        return (await django<{ keys: string[] }>(version, { store: copyStore, action: 'keys' })).keys;
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
  };
}

for (const version of ['3.2', '5.2'] as const) {
  contractSuite({
    name: 'file',
    django: version,
    needs: [{ what: `Django ${version}`, probe: djangoProbe(version) }],
    specs: [...ALL_KINDS, { kind: 'old', mtime_age: 3 * 1209600 }, ...(version === '5.2' ? [{ kind: 'expiry_datetime' }] : [])],
    signed: true,
    async prepare(): Promise<Prepared> {
      const s = fileStore(version);
      return {
        store: s.store,
        config: parseStoreUrl(`file:${s.dir}?cookie=sessionid`),
        corrupt: async (key) => writeFileSync(join(s.dir, `sessionid${key}`), 'not:a:session'),
        clearsessionsOnCopy: s.copyClear,
        cleanup: async () => rmSync(s.dir, { recursive: true, force: true }),
      };
    },
  });
}

test('file: temp `_out_` files, short names and empty placeholders are skipped and never deleted', async (t) => {
  if (!(await requires(t, 'Django 3.2', djangoProbe('3.2')))) return;
  const s = fileStore('3.2');
  try {
    const { sessions } = await django<{ sessions: { key: string }[] }>('3.2', { store: s.store, action: 'create', specs: [{ kind: 'old', mtime_age: 3 * 1209600 }] });
    const temp = join(s.dir, `sessionid${sessions[0]!.key}_out_abc123`);
    const short = join(s.dir, 'sessionidabc');
    const placeholder = join(s.dir, 'sessionidemptyplaceholder0000000');
    writeFileSync(temp, 'partial');
    writeFileSync(short, 'x');
    writeFileSync(placeholder, '');
    const expected = await s.copyClear();
    const adapter = createAdapter(parseStoreUrl(`file:${s.dir}`), contextFor());
    const page = await adapter.list({ limit: 10 });
    assert.deepEqual(page.sessions.map((x) => x.key).sort(), [sessions[0]!.key, 'emptyplaceholder0000000'].sort());
    assert.deepEqual(await adapter.clearExpired(), { deleted: 1 });
    assert.deepEqual((await django<{ keys: string[] }>('3.2', { store: s.store, action: 'keys' })).keys, expected);
    assert.ok(existsSync(temp) && existsSync(short) && existsSync(placeholder));
    await assert.rejects(adapter.delete('../etc/passwd'), /only a-z and 0-9/);
  } finally {
    rmSync(s.dir, { recursive: true, force: true });
  }
});
