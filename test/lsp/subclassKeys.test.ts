// A key a base class reads from `self` and its subclasses set, through the real server: a test's read
// of a subclass's key is not "never written", hover at the base names the keys, rename works from the
// subclass's constant and is refused at the base, and a new subclass changes the base's keys.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic, Hover, WorkspaceEdit } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { copyFixture, positionOf } from './fixture';

const fixture = copyFixture('shop');
const BASE = [
  'class BaseRestriction:',
  '    def mark(self, request):',
  '        request.session[self.passed_session_key] = [self.pk]',
  '',
].join('\n');
const PAGES = [
  'from gate.restrictions import BaseRestriction',
  '',
  '',
  'class PageRestriction(BaseRestriction):',
  "    passed_session_key = 'passed_pages'",
  '',
].join('\n');
mkdirSync(join(fixture.root, 'gate'), { recursive: true });
writeFileSync(join(fixture.root, 'gate', '__init__.py'), '');
writeFileSync(join(fixture.root, 'gate', 'restrictions.py'), BASE);
writeFileSync(join(fixture.root, 'gate', 'pages.py'), PAGES);

let client: LspClient;
before(async () => { client = await LspClient.start(fixture.root); });
after(async () => { await client?.stop(); fixture.remove(); });

const codes = (d: Diagnostic[]) => d.filter((x) => x.source === 'django-sessions').map((x) => `${x.code}@${x.range.start.line}`).sort();

test('the keys subclasses give a base class: read without DS101, hovered at the base, renamed at the subclass', async () => {
  const reader = "def test_passed(client):\n    assert client.session['passed_pages'] == [1]\n    assert client.session['passed_docs'] == [2]\n";
  const readerUri = await client.open('gate/test_gate.py', reader);
  assert.deepEqual(codes(await client.diagnosticsOf(readerUri, (d) => codes(d).includes('DS101@2'))), ['DS101@2']);

  // A second subclass, opened in the editor: the base now writes its key too.
  const docs = PAGES.replace('PageRestriction', 'DocumentRestriction').replace('passed_pages', 'passed_docs');
  await client.open('gate/documents.py', docs);
  assert.deepEqual(codes(await client.diagnosticsOf(readerUri, (d) => !codes(d).includes('DS101@2'))), []);

  const base = await client.open('gate/restrictions.py', BASE);
  const at = positionOf(BASE, 'passed_session_key]', 2);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: base }, position: at });
  assert.match(JSON.stringify(hover.contents), /passed_pages/);
  await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: base }, position: at, newName: 'x' }), /several keys/);

  const pages = await client.open('gate/pages.py', PAGES);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: pages }, position: positionOf(PAGES, "'passed_pages'", 3), newName: 'passed_pages_v2' });
  const edited = Object.entries(edit.changes ?? {}).map(([uri, list]) => `${uri.slice(client.uri('').length + 1)}:${list.map((c) => c.range.start.line).join(',')}`).sort();
  assert.deepEqual(edited, ['gate/pages.py:4', 'gate/test_gate.py:1']);
});
