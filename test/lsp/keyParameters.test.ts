// Keys passed to a helper that takes its key as a parameter, through the real server: completed in
// the call's string, hovered, referenced and renamed at the call's literal; a read of a key written
// only through the helper is not reported as never written.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionItem, Diagnostic, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { copyFixture, positionOf } from './fixture';

const fixture = copyFixture('shop');
// Neither the helper module nor the caller ever says "session" in its name.
const PREFS = [
  'def remember(request, name, value):',
  '    request.session[name] = value',
  '',
  '',
  'def recall(request, name, default=None):',
  '    return request.session.get(name, default)',
  '',
].join('\n');
const VIEWS = [
  'from prefs.store import remember, recall',
  '',
  '',
  'def choose(request):',
  "    remember(request, 'font_size', 14)",
  "    return recall(request, 'font_size')",
  '',
].join('\n');
mkdirSync(join(fixture.root, 'prefs'), { recursive: true });
writeFileSync(join(fixture.root, 'prefs', '__init__.py'), '');
writeFileSync(join(fixture.root, 'prefs', 'store.py'), PREFS);
writeFileSync(join(fixture.root, 'prefs', 'views.py'), VIEWS);

let client: LspClient;
before(async () => { client = await LspClient.start(fixture.root); });
after(async () => { await client?.stop(); fixture.remove(); });

const rel = (uri: string) => uri.slice(client.uri('').length + 1);
const codes = (d: Diagnostic[]) => d.filter((x) => x.source === 'django-sessions').map((x) => `${x.code}@${x.range.start.line}`).sort();

test('a key passed to a key-taking helper is completed in the call, hovered, referenced and renamed at the literal', async () => {
  const reader = "from prefs.store import recall\n\n\ndef show(request):\n    return recall(request, '')\n";
  const readerUri = await client.open('prefs/reader.py', reader);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: readerUri }, position: positionOf(reader, "request, ''", 10) });
  const font = items.find((i) => i.label === 'font_size');
  assert.ok(font, items.map((i) => i.label).join(','));
  assert.match(font.detail ?? '', /^int · 1 write, 1 read/);
  // Not in other arguments, nor in calls of functions that take no key.
  const other = "from prefs.store import recall\n\n\ndef show(request):\n    return recall(request, 'x', '')\n";
  await client.change(readerUri, [{ text: other }]);
  assert.deepEqual(await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: readerUri }, position: positionOf(other, "'x', ''", 6) }), []);

  const views = await client.open('prefs/views.py', VIEWS);
  const at = positionOf(VIEWS, "'font_size', 14", 3);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: views }, position: at });
  assert.match(JSON.stringify(hover.contents), /font_size/);
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: views }, position: at, context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r) => `${rel(r.uri)}:${r.range.start.line}:${r.range.start.character}`).sort(), ['prefs/views.py:4:22', 'prefs/views.py:5:27']);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: views }, position: at, newName: 'text_size' });
  const changes = edit.changes?.[views] ?? [];
  assert.deepEqual(changes.map((c) => `${c.range.start.line}:${c.range.start.character}:${c.newText}`).sort(), ['4:23:text_size', '5:28:text_size']);
});

test('a key read directly but written only through the helper is not "never written"; dropping the write reports it', async () => {
  const reader = "def show(request):\n    return request.session['font_size']\n";
  const uri = await client.open('prefs/direct.py', reader);
  assert.deepEqual(codes(await client.diagnosticsOf(uri, (d) => !codes(d).includes('DS101@1'))), []);
  const views = client.uri('prefs/views.py');
  const without = VIEWS.replace("    remember(request, 'font_size', 14)\n", '');
  await client.change(views, [{ text: without }]);
  assert.deepEqual(codes(await client.diagnosticsOf(uri, (d) => codes(d).includes('DS101@1'))), ['DS101@1']);
});

test('a key passed as a keyword to a **kwargs helper is renamed at the keyword; a name Python cannot take there is refused', async () => {
  const helper = 'def add_session(client, **kwargs):\n    store = client.session\n    for key, value in kwargs.items():\n        store[key] = value\n    store.save()\n';
  const caller = 'from prefs.kwhelper import add_session\n\n\ndef test_year(client):\n    add_session(client, kw_year = 1999)\n';
  const reader = "def year(request):\n    return request.session['kw_year']\n";
  await client.open('prefs/kwhelper.py', helper);
  const callerUri = await client.open('prefs/test_kw.py', caller);
  const readerUri = await client.open('prefs/kwreader.py', reader);
  assert.deepEqual(codes(await client.diagnosticsOf(readerUri, (d) => !codes(d).includes('DS101@1'))), []);
  const at = positionOf(reader, "'kw_year'", 2);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: readerUri }, position: at, newName: 'kw_born' });
  assert.deepEqual(edit.changes?.[callerUri]?.map((c) => `${c.range.start.line}:${c.range.start.character}-${c.range.end.character}:${c.newText}`), ['4:24-31:kw_born']);
  assert.deepEqual(edit.changes?.[readerUri]?.map((c) => `${c.range.start.line}:${c.range.start.character}:${c.newText}`), ['1:28:kw_born']);
  for (const bad of ['kw-born', 'class']) {
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: readerUri }, position: at, newName: bad }), /keyword argument at prefs\/test_kw\.py:5/);
  }
});
