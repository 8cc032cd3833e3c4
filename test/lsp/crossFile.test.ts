// A session passed to a helper in another file, through the real server: the keys the helper
// writes are completed, referenced, renamed and checked like any other, and stop counting as soon
// as the caller stops passing the session (an unsaved edit).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionItem, Diagnostic, Location, WorkspaceEdit } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { copyFixture, positionOf } from './fixture';

const fixture = copyFixture('shop');
// The helper module never says "session": the index learns about it from the caller only.
const BASKET = [
  'def add_to_basket(store, sku):',
  "    store['basket'] = [sku]",
  '',
  '',
  'def remember_sku(store, sku):',
  "    store['seen_skus'].append(sku)",
  '',
].join('\n');
const CHECKOUT = [
  'from cart.basket import add_to_basket, remember_sku',
  '',
  '',
  'def checkout(request, sku):',
  '    add_to_basket(request.session, sku)',
  '    remember_sku(store=request.session, sku=sku)',
  "    return request.session.get('basket')",
  '',
].join('\n');
writeFileSync(join(fixture.root, 'cart', 'basket.py'), BASKET);
writeFileSync(join(fixture.root, 'cart', 'checkout.py'), CHECKOUT);

let client: LspClient;
before(async () => { client = await LspClient.start(fixture.root); });
after(async () => { await client?.stop(); fixture.remove(); });

const rel = (uri: string) => uri.slice(client.uri('').length + 1);
const codes = (d: Diagnostic[]) => d.filter((x) => x.source === 'django-sessions').map((x) => `${x.code}@${x.range.start.line}`).sort();

test('completion and references include a key written only in a helper of another file', async () => {
  const text = "def extra(request):\n    return request.session['']\n";
  const uri = await client.open('cart/scratch.py', text);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, "['']", 2) });
  const basket = items.find((i) => i.label === 'basket');
  assert.ok(basket, items.map((i) => i.label).join(','));
  assert.match(basket.detail ?? '', /list · 1 write, 1 read/);
  assert.match((basket.documentation as { value: string }).value, /First written at `cart\/basket.py:2`/);

  const checkout = await client.open('cart/checkout.py', CHECKOUT);
  const refs = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri: checkout }, position: positionOf(CHECKOUT, "get('basket')", 6), context: { includeDeclaration: true },
  });
  assert.deepEqual(refs.map((r) => `${rel(r.uri)}:${r.range.start.line}:${r.range.start.character}`).sort(), ['cart/basket.py:1:10', 'cart/checkout.py:6:31']);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: checkout }, position: positionOf(CHECKOUT, "get('basket')", 6), newName: 'bag' });
  assert.deepEqual(Object.keys(edit.changes ?? {}).map(rel).sort(), ['cart/basket.py', 'cart/checkout.py']);
});

test('diagnostics follow the caller: the helper\'s findings go when it no longer receives the session', async () => {
  const basket = client.uri('cart/basket.py');
  const checkout = await client.open('cart/checkout.py', CHECKOUT);
  // seen_skus: read (and appended to) in the helper, never written, the change never saved.
  assert.deepEqual(codes(await client.diagnosticsOf(basket, (d) => codes(d).length > 0)), ['DS101@5', 'DS104@5']);
  assert.deepEqual(codes(await client.diagnosticsOf(checkout, () => true)), []);
  // Whether each key is written does not change, so no full re-publish: only the index says basket.py
  // is affected. (Once the full re-publish the earlier requests may have scheduled is done.)
  await new Promise((resolve) => setTimeout(resolve, 500));
  await client.change(checkout, [{ text: CHECKOUT.replace('store=request.session', 'store={}') }]);
  assert.deepEqual(codes(await client.diagnosticsOf(basket, (d) => codes(d).length === 0, 5000)), []);
  await client.change(checkout, [{ text: CHECKOUT.replace('add_to_basket(request.session, sku)', 'add_to_basket({}, sku)') }]);
  assert.deepEqual(codes(await client.diagnosticsOf(checkout, (d) => codes(d).length > 0)), ['DS101@6'], "'basket' is no longer written");
  assert.deepEqual(codes(await client.diagnosticsOf(basket, (d) => codes(d).length > 0)), ['DS101@5', 'DS104@5'], 'remember_sku receives it again');
});

test('inside the helper, its session parameter completes keys like request.session does', async () => {
  const text = `${BASKET}\n\ndef peek(store):\n    return store.get('')\n`;
  const uri = await client.open('cart/basket.py', text);
  // The caller passes the session to remember_sku(store=...): `store` is a session there (no
  // longer to add_to_basket, since the test above).
  const inHelper = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, "store['seen_skus']", 7) });
  assert.ok(inHelper.some((i) => i.label === 'seen_skus'), inHelper.map((i) => i.label).join(','));
  // The names are per scope: peek's own `store`, never handed a session, is not offered keys.
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, "get('')", 5) });
  assert.deepEqual(items, []);
});
