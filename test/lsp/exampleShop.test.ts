// The server on examples/shop (read only): its three intentional session bugs are reported,
// and keys that come from settings (CART_SESSION_ID) and constants modules resolve.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { KeysResult } from '../../common/protocol';
import { LspClient, repoRoot } from '../support/lspClient';

let client: LspClient;
before(async () => { client = await LspClient.start(join(repoRoot, 'examples', 'shop')); });
after(async () => { await client?.stop(); });

const mine = (d: { source?: string }) => d.source === 'django-sessions';

test('the three intentional bugs: DS101 font_size, DS104 add_gift_note, DS103 datetime', async () => {
  const prefs = await client.diagnosticsOf(client.uri('preferences/views.py'), (d) => d.some(mine));
  assert.ok(prefs.some((d) => d.code === 'DS101' && /'font_size'/.test(String(d.message))), JSON.stringify(prefs.map((d) => d.message)));
  const checkout = await client.diagnosticsOf(client.uri('checkout/views.py'), (d) => d.some(mine));
  assert.deepEqual(checkout.filter((d) => d.code === 'DS104').map((d) => d.range.start.line), [37]);
  const accounts = await client.diagnosticsOf(client.uri('accounts/views.py'), (d) => d.some(mine));
  assert.ok(accounts.some((d) => d.code === 'DS103' && /datetime/.test(String(d.message))));
});

test('keys from settings.CART_SESSION_ID and constants modules resolve', async () => {
  const { keys } = await client.request<KeysResult>('djangoSessions/keys', {});
  const names = keys.map((k) => k.key);
  assert.ok(names.includes('recently_viewed'), names.join(','));
  const cart = keys.find((k) => k.key === 'cart');
  assert.ok(cart && cart.accesses.some((a) => a.uri.endsWith('/cart/cart.py')), 'Cart helper keyed by settings.CART_SESSION_ID');
  assert.ok(keys.some((k) => k.pattern && k.key === 'checkout_*_data'));
});

test('a session handed to a helper of another module: place_order -> checkout/progress.py forget_checkout', async () => {
  const { keys } = await client.request<KeysResult>('djangoSessions/keys', {});
  const step = keys.find((k) => k.key === 'checkout_step');
  assert.ok(step?.accesses.some((a) => a.uri.endsWith('/checkout/progress.py') && a.op === 'delete'), JSON.stringify(step?.accesses));
  const data = keys.find((k) => k.pattern && k.key === 'checkout_*_data');
  assert.ok(data?.accesses.some((a) => a.uri.endsWith('/checkout/progress.py')));
});
