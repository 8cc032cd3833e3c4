// The settings layer wired into the server: settings.X keys resolve through the evaluated
// settings, SESSION_SERIALIZER decides DS103, settings diagnostics and hover come through.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import type { KeysResult } from '../../common/protocol';
import { LspClient } from '../support/lspClient';
import { copyFixture, positionOf } from './fixture';

const fixture = copyFixture('shop');
let client: LspClient;
const settingsText = [
  'SECRET_KEY = "django-insecure-abc"',
  'DEBUG = False',
  "INSTALLED_APPS = ['django.contrib.sessions', 'cart']",
  "SESSION_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'",
  'SESSION_COOKIE_AGE = 3600',
  "CART_SESSION_ID = 'basket'",
  '',
].join('\n');

before(async () => {
  writeFileSync(join(fixture.root, 'shop', 'settings.py'), settingsText);
  writeFileSync(join(fixture.root, 'cart', 'basket.py'), [
    'from django.conf import settings',
    '',
    '',
    'def basket(request):',
    '    request.session[settings.CART_SESSION_ID] = {}',
    '    return request.session.get(settings.CART_SESSION_ID)',
    '',
  ].join('\n'));
  client = await LspClient.start(fixture.root);
});
after(async () => { await client?.stop(); fixture.remove(); });

test('settings.X keys resolve through the evaluated settings', async () => {
  const { keys } = await client.request<KeysResult>('djangoSessions/keys', {});
  const basket = keys.find((k) => k.key === 'basket');
  assert.ok(basket, keys.map((k) => k.key).join(','));
  assert.equal(basket.writes, 1);
  assert.equal(basket.reads, 1);
});

test('a pickle SESSION_SERIALIZER silences DS103; settings diagnostics are published', async () => {
  const views = await client.diagnosticsOf(client.uri('cart/views.py'), (d) => d.length > 0);
  assert.equal(views.some((d) => d.code === 'DS103' && d.source === 'django-sessions'), false);
  const settings = await client.diagnosticsOf(client.uri('shop/settings.py'), (d) => d.length > 0);
  assert.ok(settings.every((d) => d.source === 'django-sessions (settings)'));
  assert.ok(settings.some((d) => /SECRET_KEY/.test(String(d.message))), settings.map((d) => d.message).join('\n'));
});

test('hover on a SESSION_* setting comes from the settings helper', async () => {
  const uri = await client.open('shop/settings.py', settingsText);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(settingsText, 'SESSION_COOKIE_AGE', 3) });
  assert.match((hover.contents as { value: string }).value, /SESSION_COOKIE_AGE/);
  assert.match((hover.contents as { value: string }).value, /1209600/);
});
