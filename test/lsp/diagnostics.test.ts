// Diagnostics DS101–DS104 and their quick fixes through the real server, including incremental
// edits and severity overrides from workspace/configuration.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { copyFixture } from './fixture';

const fixtures: { remove: () => void }[] = [];
const clients: LspClient[] = [];
after(async () => { await Promise.all(clients.map((c) => c.stop())); fixtures.forEach((f) => f.remove()); });

async function start(config?: unknown) {
  const fixture = copyFixture('shop');
  fixtures.push(fixture);
  const client = await LspClient.start(fixture.root, { config });
  clients.push(client);
  return { client, fixture, views: client.uri('cart/views.py') };
}

const codes = (d: Diagnostic[]) => d.map((x) => `${x.code}@${x.range.start.line}:${x.severity}`).sort();

test('published after indexing for files never opened, with stable codes and severities', async () => {
  const { client, views } = await start();
  const diagnostics = await client.diagnosticsOf(views, (d) => d.length > 0);
  // DS101 cartt (warning 2) · DS102 last_added, viewed (hint 4) · DS103 datetime (warning) and tuple (info 3) · DS104 append (warning).
  assert.deepEqual(codes(diagnostics), ['DS101@14:2', 'DS102@24:4', 'DS102@9:4', 'DS103@24:3', 'DS103@9:2', 'DS104@18:2']);
  const ds101 = diagnostics.find((d) => d.code === 'DS101')!;
  assert.match(ds101.message as string, /'cartt' is read but never written.*Did you mean 'cart'\?/);
  assert.equal(ds101.source, 'django-sessions');
  const template = await client.diagnosticsOf(client.uri('cart/templates/cart/detail.html'), () => true);
  assert.deepEqual(template, [], 'cart and coupon are written in Python');
});

test('quick fixes: did-you-mean replaces the key, DS104 inserts modified = True', async () => {
  const { client, views, fixture } = await start();
  const text = fixture.read('cart/views.py');
  const diagnostics = await client.diagnosticsOf(views, (d) => d.length > 0);
  await client.open('cart/views.py', text);
  const wanted = diagnostics.filter((d) => d.code === 'DS101' || d.code === 'DS104');
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: views }, range: wanted[0].range, context: { diagnostics: wanted },
  });
  const titles = actions.map((a) => a.title).sort();
  assert.deepEqual(titles, ["Add request.session.modified = True", "Change to 'cart'"]);
  const rename = actions.find((a) => a.title.startsWith('Change'))!.edit!.changes![views];
  assert.deepEqual(rename, [{ range: { start: { line: 14, character: 32 }, end: { line: 14, character: 37 } }, newText: 'cart' }]);
  const insert = actions.find((a) => a.title.startsWith('Add'))!.edit!.changes![views];
  assert.deepEqual(insert, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 0 } }, newText: '    request.session.modified = True\n' }]);
});

test('an edit updates diagnostics across files: writing the key clears DS101', async () => {
  const { client, views, fixture } = await start();
  await client.diagnosticsOf(views, (d) => d.some((x) => x.code === 'DS101'));
  const uri = await client.open('cart/extra.py', 'def f(request):\n    pass\n');
  await client.change(uri, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } }, text: "request.session['cartt'] = 1" }]);
  const after = await client.diagnosticsOf(views, (d) => !d.some((x) => x.code === 'DS101'));
  assert.equal(after.some((d) => d.code === 'DS101'), false);
  // And the new write is itself read by show(): no DS102 on it.
  const extra = await client.diagnosticsOf(uri, () => true);
  assert.deepEqual(extra, []);
  // Applying the fix in the editor: the mutation is saved, DS104 goes away.
  const text = fixture.read('cart/views.py');
  await client.open('cart/views.py', text);
  await client.change(views, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 0 } }, text: '    request.session.modified = True\n' }]);
  const fixed = await client.diagnosticsOf(views, (d) => !d.some((x) => x.code === 'DS104'));
  assert.equal(fixed.some((d) => d.code === 'DS104'), false);
});

test('djangoSessions.severity turns codes off or changes their level', async () => {
  const { client, views } = await start({ severity: { DS102: 'off', DS101: 'error' } });
  const diagnostics = await client.diagnosticsOf(views, (d) => d.length > 0);
  assert.equal(diagnostics.some((d) => d.code === 'DS102'), false);
  assert.equal(diagnostics.find((d) => d.code === 'DS101')?.severity, 1);
});

test('watched-file changes on disk are picked up (created, then deleted)', async () => {
  const { client, views, fixture } = await start();
  await client.diagnosticsOf(views, (d) => d.some((x) => x.code === 'DS101'));
  const path = join(fixture.root, 'cart', 'writer.py');
  writeFileSync(path, "def w(request):\n    request.session['cartt'] = 0\n");
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('cart/writer.py'), type: 1 }] });
  await client.diagnosticsOf(views, (d) => !d.some((x) => x.code === 'DS101'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('cart/writer.py'), type: 3 }] });
  const back = await client.diagnosticsOf(views, (d) => d.some((x) => x.code === 'DS101'));
  assert.ok(back.some((d) => d.code === 'DS101'));
});

test('DS104 through a local value, an alias or a Channels scope: the message and the fix name that session', async () => {
  const { client } = await start();
  const text = [
    'def add(request, pid):',
    '    s = request.session',
    "    items = s.get('items', [])",
    '    items.append(pid)',
    '',
    'class Consumer:',
    '    async def receive(self, text_data):',
    "        seen = self.scope['session'].get('seen', [])",
    '        seen.append(text_data)',
    '',
    'def view(request):',
    "    cart = request.session.get('cart', {})",
    "    cart['n'] = 1",
    '',
  ].join('\n');
  const uri = await client.open('cart/more.py', text);
  const diagnostics = (await client.diagnosticsOf(uri, (d) => d.filter((x) => x.code === 'DS104').length === 3)).filter((d) => d.code === 'DS104');
  assert.deepEqual(diagnostics.map((d) => d.range.start.line), [3, 8, 12]);
  assert.match(diagnostics[0].message as string, /Set s\.modified = True/);
  const fixes = await Promise.all(diagnostics.map(async (d) => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    return actions.map((a) => a.edit!.changes![uri][0].newText);
  }));
  assert.deepEqual(fixes, [['    s.modified = True\n'], ["        self.scope['session'].modified = True\n"], ['    request.session.modified = True\n']]);
});

test("DS103 follows a test's override of SESSION_SERIALIZER: @override_settings on the test or its class, with self.settings(...)", async () => {
  const { client } = await start();
  const text = [
    'from django.test import TestCase, override_settings',
    'from shop.models import Product',
    '',
    'PICKLE = "django.contrib.sessions.serializers.PickleSerializer"',
    '',
    'class StoreTests(TestCase):',
    '    @override_settings(SESSION_SERIALIZER="django.contrib.sessions.serializers.PickleSerializer")',
    '    def test_pickled(self):',
    "        self.client.session['product'] = Product()",
    '',
    '    def test_block(self):',
    '        s = self.client.session',
    '        with self.settings(SESSION_SERIALIZER="django.contrib.sessions.serializers.PickleSerializer"):',
    "            s['product'] = Product()",
    "        s['product'] = Product()",
    '',
    '@override_settings(SESSION_SERIALIZER="django.contrib.sessions.serializers.PickleSerializer")',
    'class PickledTests(TestCase):',
    '    @override_settings(SESSION_SERIALIZER="django.contrib.sessions.serializers.JSONSerializer")',
    '    def test_json_again(self):',
    "        self.client.session['product'] = Product()",
    '',
    '    def test_inherits(self):',
    "        self.client.session['product'] = Product()",
    '',
  ].join('\n');
  const uri = await client.open('cart/test_serializers.py', text);
  const diagnostics = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'DS103'));
  // Only the write after the with block (line 14) and the one under the JSON override (line 20).
  assert.deepEqual(diagnostics.filter((d) => d.code === 'DS103').map((d) => d.range.start.line), [14, 20]);
});

test("DS103 on a tuple follows the reads in other files: gone while every read unpacks it, back when one edit keeps the value", async () => {
  const { client } = await start();
  const writer = await client.open('cart/oauth_start.py', 'def start(request, state, code):\n    request.session["oauth_pair"] = (state, code)\n');
  const readerText = 'def finish(request):\n    state, code = request.session.pop("oauth_pair")\n    return state, code\n';
  const reader = await client.open('cart/oauth_finish.py', readerText);
  const tuple = (d: Diagnostic[]) => d.filter((x) => x.code === 'DS103').length;
  // Opened first, the writer had the info (no reads yet); the reader's unpacking read takes it away.
  assert.equal(tuple(await client.diagnosticsOf(writer, (d) => tuple(d) === 0, 5000)), 0);
  // The reader now keeps the value: the writer (not edited) is published again with the info,
  // because the index says the key's reads changed (once the full publish of start-up is done).
  await new Promise((resolve) => setTimeout(resolve, 500));
  await client.change(reader, [{ text: 'def finish(request):\n    pair = request.session.pop("oauth_pair")\n    return pair[0]\n' }]);
  assert.equal(tuple(await client.diagnosticsOf(writer, (d) => tuple(d) > 0, 2000)), 1);
});

test("importing formtools in one file makes its wizard keys known in another, unedited one", async () => {
  const { client } = await start();
  const reader = await client.open('cart/wizard_tests.py', "def test_steps(client):\n    return client.session['wizard_checkout_wizard']\n");
  const ds101 = (d: Diagnostic[]) => d.filter((x) => x.code === 'DS101').length;
  assert.equal(ds101(await client.diagnosticsOf(reader, (d) => ds101(d) > 0)), 1);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const wizard = await client.open('cart/wizard.py', 'class CheckoutWizard:\n    pass\n');
  await client.change(wizard, [{ text: 'from formtools.wizard.views import SessionWizardView\n\nclass CheckoutWizard(SessionWizardView):\n    pass\n' }]);
  assert.equal(ds101(await client.diagnosticsOf(reader, (d) => ds101(d) === 0, 3000)), 0);
});
