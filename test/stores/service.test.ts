// The live-session service: write guards, decode auto-detection (spec vectors V2/V3), secrets
// kept out of messages, configured stores.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LiveSessionService } from '../../server/src/stores/service';

// Known-answer vectors from the session spec (§9), SECRET_KEY below, signed at 1700000000.
const VECTOR_SECRET = 'django-insecure-test-vector-secret-key-0123456789abcdefghij';
const V2_SESSION_DATA = '.eJxVjMsOwiAQRf-FtSFAy8ul-34DGZhBqgaS0q6M_641Xej2nnPukwXY1hK2TkuYkZ2ZZKffLUK6U90B3qBeG0-trssc-a7wg3Y-NaTH5XD_Dgr08qlF1nFMAxmQ6EllFy2YpHGkISuQUSSPjmw28PVQkcwCfHTJoiGd2esNET85Uw:1r31eq:9kPdg3wBVDdWgLMLCGnPNwmUsIUoLXMjK7RE4dWSFj8';
const V3_COOKIE = '.eJxVjMsOwiAQRf-FtSFAy8ul-34DGZhBqgaS0q6M_641Xej2nnPukwXY1hK2TkuYkZ2ZZKffLUK6U90B3qBeG0-trssc-a7wg3Y-NaTH5XD_Dgr08qlF1nFMAxmQ6EllFy2YpHGkISuQUSSPjmw28PVQkcwCfHTJoiGd2esNET85Uw:1r31eq:KYqpBwdM2_Ehy4zvRUfQi_xtVYy_aqo6acup5Dox1FI';

test('decode() tells session_data from a signed cookie by which salt verifies', () => {
  const service = new LiveSessionService({ now: () => new Date(1700000100 * 1000) });
  const data = service.decode(V2_SESSION_DATA, [VECTOR_SECRET]);
  assert.deepEqual([data.status, data.user], ['valid', '1']);
  const cookie = service.decode(` ${V3_COOKIE}\n`, [VECTOR_SECRET]);
  assert.deepEqual([cookie.status, cookie.user], ['valid', '1']);
  assert.equal(service.decode(V3_COOKIE, ['wrong-secret-wrong-secret-wrong-secret-0000']).status, 'bad-signature');
  assert.equal(service.decode(V2_SESSION_DATA, []).status, 'no-secret');
  assert.equal(service.decode('\u0000\uffff garbage', [VECTOR_SECRET]).status, 'undecodable');
});

test('delete and clearExpired refuse unless confirmed and not read-only; nothing is touched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ds-stores-guard-'));
  writeFileSync(join(dir, 'sessionidabcdefgh12345678'), V2_SESSION_DATA);
  const service = new LiveSessionService();
  try {
    const [problem] = service.setConfigured([{ engine: 'file', url: `file:${dir}` }, { url: 'ftp://nope' }, 42]);
    assert.match(problem ?? '', /unknown store URL scheme/);
    const [store] = service.listStores();
    assert.ok(store);
    for (const guard of [{ confirmed: false, readOnly: false }, { confirmed: true, readOnly: true }, { confirmed: false, readOnly: true }]) {
      const del = await service.deleteSession(store.id, 'abcdefgh12345678', guard);
      assert.equal(del.ok, false);
      assert.match(del.message ?? '', /refused/);
      assert.ok(!(del.message ?? '').includes('abcdefgh12345678'));
      assert.equal((await service.clearExpired(store.id, guard)).ok, false);
    }
    assert.deepEqual(readdirSync(dir), ['sessionidabcdefgh12345678']);
    const done = await service.deleteSession(store.id, 'abcdefgh12345678', { confirmed: true, readOnly: false });
    assert.deepEqual([done.ok, done.deleted, done.message], [true, 1, 'deleted abcd…5678']);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('listSessions reports the total on the first page and secrets never appear in errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ds-stores-svc-'));
  writeFileSync(join(dir, 'sessionidabcdefgh12345678'), V2_SESSION_DATA);
  writeFileSync(join(dir, 'sessionidzzzzzzzz12345678'), 'garbage-not-a-session');
  const service = new LiveSessionService({ now: () => new Date(1700000100 * 1000) });
  try {
    service.setConfigured([{ engine: 'file', url: `file:${dir}?age=1209600` }]);
    const [store] = service.listStores();
    const page = await service.listSessions(store!.id, { limit: 10 }, [VECTOR_SECRET]);
    assert.equal(page.total, 2);
    assert.deepEqual(page.sessions.map((s) => [s.key, s.status]), [['abcdefgh12345678', 'valid'], ['zzzzzzzz12345678', 'undecodable']]);
    assert.equal(page.errors.length, 1);
    assert.match(page.errors[0]!, /^zzzz…5678: /);
    const filtered = await service.listSessions(store!.id, { limit: 10, filter: 'ModelBackend' }, [VECTOR_SECRET]);
    assert.deepEqual(filtered.sessions.map((s) => s.key), ['abcdefgh12345678']);
    assert.ok(!JSON.stringify(page.errors).includes(VECTOR_SECRET));
  } finally {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
