// Completion, hover, navigation, rename and the custom Keys request through the real server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CompletionItem, Hover, InsertReplaceEdit, Location, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-types';
import type { KeysResult } from '../../common/protocol';
import { LspClient } from '../support/lspClient';
import { copyFixture, positionOf } from './fixture';

const fixture = copyFixture('shop');
let client: LspClient;
const views = fixture.read('cart/views.py');

before(async () => { client = await LspClient.start(fixture.root); });
after(async () => { await client?.stop(); fixture.remove(); });

const rel = (uri: string) => uri.slice(client.uri('').length + 1);

function labels(items: CompletionItem[] | { items: CompletionItem[] } | null): string[] {
  const list = Array.isArray(items) ? items : items?.items ?? [];
  return list.map((i) => i.label);
}

test('completes keys inside request.session[...] with types, counts and the typed quote respected', async () => {
  const text = `${views}\n\ndef extra(request):\n    return request.session['co']\n`;
  const uri = await client.open('cart/views.py', text);
  const position = positionOf(text, "request.session['co']", "request.session['co".length);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
  assert.ok(labels(items).includes('cart'));
  assert.ok(labels(items).includes('coupon'));
  assert.ok(labels(items).includes('_auth_user_id'), 'Django keys are offered too');
  const coupon = items.find((i) => i.label === 'coupon')!;
  assert.match(coupon.detail ?? '', /str · 1 write, 2 reads, 1 delete/);
  assert.match((coupon.documentation as { value: string }).value, /First written at `cart\/views.py:11`/);
  const edit = coupon.textEdit as InsertReplaceEdit;
  assert.equal(edit.newText, 'coupon', 'the closing quote is already there');
  assert.deepEqual(edit.insert, { start: { line: position.line, character: position.character - 2 }, end: position });
  assert.deepEqual(edit.replace.end, position);
  const cart = items.find((i) => i.label === 'cart')!;
  assert.match(cart.detail ?? '', /list|unknown/);
});

test('completes keys in .get(" with an unclosed string, adding the closing quote', async () => {
  const text = 'def f(request):\n    return request.session.get("\n';
  const uri = await client.open('cart/scratch.py', text);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 32 } });
  const coupon = items.find((i) => i.label === 'coupon')!;
  assert.equal((coupon.textEdit as InsertReplaceEdit).newText, 'coupon"');
});

test('an alias is a completion receiver only in the scope that binds it; a module-level one everywhere', async () => {
  const text = [
    'from django.contrib.sessions.backends.db import SessionStore',
    'store = SessionStore()',
    '',
    'def first(request):',
    '    s = request.session',
    "    return s['co']",
    '',
    'def second(rows):',
    "    s = {'a': 1}",
    "    return s['co'], store['co']",
    '',
  ].join('\n');
  const uri = await client.open('cart/aliases.py', text);
  const at = async (needle: string, nth = 0) => {
    let from = -1;
    for (let i = 0; i <= nth; i++) from = text.indexOf(needle, from + 1);
    const before = text.slice(0, from + needle.length);
    const line = before.split('\n').length - 1;
    const position = { line, character: before.length - before.lastIndexOf('\n') - 1 };
    return labels(await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position }));
  };
  assert.ok((await at("s['co")).includes('coupon'), 'the alias bound in first()');
  assert.deepEqual(await at("s['co", 1), [], "second()'s s is a dict: no session keys");
  assert.ok((await at("store['co")).includes('coupon'), 'a module-level SessionStore() is a receiver in every function');
});

test('completes the session API after request.session. with docs', async () => {
  const text = 'def f(request):\n    request.session.\n';
  const uri = await client.open('cart/api.py', text);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 20 } });
  for (const name of ['get', 'pop', 'setdefault', 'flush', 'cycle_key', 'set_expiry', 'modified', 'session_key', 'test_cookie_worked']) {
    assert.ok(labels(items).includes(name), name);
  }
  const flush = items.find((i) => i.label === 'flush')!;
  assert.match((flush.documentation as { value: string }).value, /new key/);
  assert.equal(labels(items).includes('cart'), false, 'no keys after a dot in Python');
});

test('completes keys after request.session. in templates, without underscore keys', async () => {
  const text = '{{ request.session. }}';
  const uri = await client.open('cart/templates/cart/new.html', text);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 19 } });
  assert.ok(labels(items).includes('coupon'));
  assert.equal(labels(items).some((l) => l.startsWith('_')), false);
});

test('hover on a key lists writes, reads and types; hover on an API method shows its doc', async () => {
  const uri = await client.open('cart/views.py', views);
  const onKey = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(views, "'coupon' in", 2) });
  const value = (onKey.contents as { value: string }).value;
  assert.match(value, /session key\*\* `coupon`/);
  assert.match(value, /1 write, 2 reads, 1 delete/);
  assert.match(value, /`str`/);
  assert.match(value, /cart\/templates\/cart\/detail.html:2/);
  const onApi = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(views, 'session.get(', 9) });
  assert.match((onApi.contents as { value: string }).value, /request\.session\.get\(key, default=None\)/);
});

test('definition goes to the constant for CART_KEY and to the writes for a literal key', async () => {
  const uri = await client.open('cart/views.py', views);
  const toConstant = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(views, 'get(CART_KEY', 5) });
  assert.equal(toConstant.length, 1);
  assert.ok(toConstant[0].uri.endsWith('/cart/keys.py'));
  assert.deepEqual(toConstant[0].range.start, { line: 1, character: 11 });
  const toWrites = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(views, "'coupon' in", 1) });
  assert.deepEqual(toWrites.map((l) => l.range.start.line), [10]);
});

test('references include Python and template accesses and the constant', async () => {
  const uri = await client.open('cart/views.py', views);
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(views, "session['cart']", 9), context: { includeDeclaration: true } });
  const where = refs.map((r) => `${rel(r.uri)}:${r.range.start.line}`).sort();
  assert.deepEqual(where, ['cart/keys.py:1', 'cart/templates/cart/detail.html:0', 'cart/views.py:18', 'cart/views.py:6', 'cart/views.py:8']);
});

test('rename rewrites literals, the constant value and templates', async () => {
  const uri = await client.open('cart/views.py', views);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(views, "session['cart']", 10), newName: 'basket' });
  const files = Object.keys(edit.changes ?? {}).map(rel).sort();
  assert.deepEqual(files, ['cart/keys.py', 'cart/templates/cart/detail.html', 'cart/views.py']);
  const keysEdit = edit.changes![client.uri('cart/keys.py')];
  assert.deepEqual(keysEdit, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 16 } }, newText: 'basket' }]);
  const viewEdits = edit.changes![uri];
  assert.equal(viewEdits.length, 1, 'only the literal: CART_KEY uses change with the constant');
  assert.deepEqual(viewEdits[0].range, { start: { line: 18, character: 21 }, end: { line: 18, character: 25 } });
});

test("a key held in a dict's element: hover names the element, definition and rename go to its literal", async () => {
  const text = [
    "FLOW_KEYS = {'step': 'flow_stage', 'total': 'flow_sum'}",
    '',
    'def checkout(request):',
    "    request.session[FLOW_KEYS['step']] = 1",
    "    return request.session.get(FLOW_KEYS['step'])",
    '',
  ].join('\n');
  const uri = await client.open('cart/flow.py', text);
  const at = positionOf(text, "FLOW_KEYS['step']] = 1", 12);
  const hovered = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at });
  assert.match(JSON.stringify(hovered?.contents), /flow_stage/);
  const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at });
  assert.ok(defs.some((d) => rel(d.uri) === 'cart/flow.py' && d.range.start.line === 0), JSON.stringify(defs));
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at, newName: 'flow_phase' });
  assert.deepEqual(edit.changes?.[uri], [{ range: { start: { line: 0, character: 22 }, end: { line: 0, character: 32 } }, newText: 'flow_phase' }],
    'only the element literal: both accesses use it');
});

test('rename is refused with a reason when a dynamic key may match', async () => {
  const text = "def f(request, k):\n    request.session[f'pref_{k}'] = 1\n    return request.session['pref_theme']\n";
  const uri = await client.open('cart/prefs.py', text);
  await assert.rejects(
    client.request('textDocument/rename', { textDocument: { uri }, position: { line: 2, character: 30 }, newName: 'x' }),
    (error: Error) => /dynamic key 'pref_\*'/.test(error.message),
  );
  const prepare = client.request('textDocument/prepareRename', { textDocument: { uri }, position: { line: 2, character: 30 } });
  await assert.rejects(prepare, /pref_\*/);
});

test('a loop over a key list: hover lists each key, definition finds them in the list, references cover both, rename refuses there and works from a literal', async () => {
  const text = [
    "LOGOUT_KEYS = ('loop_a', 'loop_b')",
    'def out(request):',
    '    for key in LOGOUT_KEYS:',
    '        request.session.pop(key, None)',
    "    request.session['loop_a'] = 1",
    "    request.session['loop_b'] = 2",
    '',
  ].join('\n');
  const uri = await client.open('cart/logout.py', text);
  const at = positionOf(text, 'pop(key', 5);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at });
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /one of 2 session keys/);
  assert.match(value, /`loop_a`/);
  assert.match(value, /`loop_b`/);
  const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at });
  assert.deepEqual(definition.map((l) => l.range.start), [{ line: 0, character: 15 }, { line: 0, character: 25 }]);
  const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: at, context: { includeDeclaration: true } });
  assert.deepEqual(references.map((l) => `${l.range.start.line}:${l.range.start.character}`).sort(), ['0:15', '0:25', '3:28', '4:20', '5:20']);
  await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: at, newName: 'x' }), /stands for several keys \('loop_a', 'loop_b'\)/);
  // From a literal write of one of them: the list's literal is renamed with it, the loop access follows.
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, "'loop_b'] = 2", 2), newName: 'loop_c' });
  assert.deepEqual(edit.changes![uri].map((e) => e.range.start).sort((a, b) => a.line - b.line), [{ line: 0, character: 26 }, { line: 5, character: 21 }]);
});

test('a loop over a key list of another module: hover lists its keys, definition goes to them there, rename from a write edits that list', async () => {
  const keys = "LOGOUT_KEYS = ('xloop_a', 'xloop_b')\n";
  const text = [
    'from cart.logout_keys import LOGOUT_KEYS',
    'def out(request):',
    '    for key in LOGOUT_KEYS:',
    '        request.session.pop(key, None)',
    "    request.session['xloop_b'] = 2",
    '',
  ].join('\n');
  const keysUri = await client.open('cart/logout_keys.py', keys);
  const uri = await client.open('cart/logout_all.py', text);
  const at = positionOf(text, 'pop(key', 5);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at });
  assert.match((hover.contents as { value: string }).value, /one of 2 session keys[\s\S]*`xloop_a`[\s\S]*`xloop_b`/);
  const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at });
  assert.deepEqual(definition.map((l) => [rel(l.uri), l.range.start.character]), [['cart/logout_keys.py', 15], ['cart/logout_keys.py', 26]]);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, "'xloop_b'] = 2", 2), newName: 'xloop_c' });
  assert.deepEqual(edit.changes![keysUri].map((e) => [e.range.start.character, e.newText]), [[27, 'xloop_c']]);
  assert.deepEqual(edit.changes![uri].map((e) => e.range.start), [{ line: 4, character: 21 }]);
});

test('workspace symbols and the Keys request list every key', async () => {
  const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'coup' });
  assert.deepEqual(symbols.map((s) => s.name), ['coupon']);
  const { keys } = await client.request<KeysResult>('djangoSessions/keys', {});
  const coupon = keys.find((k) => k.key === 'coupon')!;
  assert.equal(coupon.writes, 1);
  assert.equal(coupon.deletes, 1);
  assert.equal(coupon.reads, 2, 'the `in` test and the template');
  assert.ok(coupon.accesses.every((a) => a.uri.startsWith('file://')));
});
