// The Live Sessions requests through the real server: stores from configuration, a page of
// sessions decoded with the secret from the client, the read-only guard, pasted-value decoding.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DecodeResult, SessionsResult, StoresResult, WriteResult } from '../../common/protocol';
import { LspClient } from '../support/lspClient';
import { copyFixture } from './fixture';

// Known-answer vector (django-session-spec V2): SessionBase.encode of a logged-in session, sha256.
const SECRET = 'django-insecure-test-vector-secret-key-0123456789abcdefghij';
const DATA = '.eJxVjMsOwiAQRf-FtSFAy8ul-34DGZhBqgaS0q6M_641Xej2nnPukwXY1hK2TkuYkZ2ZZKffLUK6U90B3qBeG0-trssc-a7wg3Y-NaTH5XD_Dgr08qlF1nFMAxmQ6EllFy2YpHGkISuQUSSPjmw28PVQkcwCfHTJoiGd2esNET85Uw:1r31eq:9kPdg3wBVDdWgLMLCGnPNwmUsIUoLXMjK7RE4dWSFj8';
const KEY = 'abcdefgh12345678abcdefgh12345678';

const fixture = copyFixture('shop');
let client: LspClient;
const dir = join(fixture.root, 'sessions');

before(async () => {
  mkdirSync(dir);
  writeFileSync(join(dir, `sessionid${KEY}`), DATA);
  client = await LspClient.start(fixture.root);
});
after(async () => { await client?.stop(); fixture.remove(); });

test('stores, a page of sessions decoded with the secret, and the read-only guard', async () => {
  const { stores } = await client.request<StoresResult>('djangoSessions/stores', { configured: [{ engine: 'file', url: `file:${dir}` }] });
  const store = stores.find((s) => s.backend === 'file' && s.id.includes(dir));
  assert.ok(store, JSON.stringify(stores));
  const page = await client.request<SessionsResult>('djangoSessions/sessions', { storeId: store.id, limit: 10, secrets: [SECRET] });
  assert.deepEqual(page.errors, []);
  assert.equal(page.sessions.length, 1);
  assert.equal(page.sessions[0].key, KEY);
  assert.equal(page.sessions[0].user, '1');
  assert.equal((page.sessions[0].data as Record<string, string>)._auth_user_backend, 'django.contrib.auth.backends.ModelBackend');
  const refused = await client.request<WriteResult>('djangoSessions/deleteSession', { storeId: store.id, key: KEY, confirmed: true });
  assert.equal(refused.ok, false);
  assert.match(refused.message ?? '', /read-only/);
  assert.equal(JSON.stringify(client.logs).includes(SECRET), false, 'the secret never reaches the log');
});

test('decode: a pasted session_data verifies with the right secret only', async () => {
  const good = await client.request<DecodeResult>('djangoSessions/decode', { value: DATA, secrets: [SECRET] });
  assert.equal(good.status, 'valid');
  assert.equal(good.user, '1');
  const bad = await client.request<DecodeResult>('djangoSessions/decode', { value: DATA, secrets: ['wrong'] });
  assert.equal(bad.status, 'bad-signature');
});
