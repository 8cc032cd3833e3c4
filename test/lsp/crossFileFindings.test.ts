// Findings of a file that was not edited follow edits elsewhere: DS101's "did you mean" follows the
// written keys of the whole workspace, and a pattern write (f-string key) covers the keys it matches.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { copyFixture } from './fixture';

const fixtures: { remove: () => void }[] = [];
const clients: LspClient[] = [];
after(async () => { await Promise.all(clients.map((c) => c.stop())); fixtures.forEach((f) => f.remove()); });

const suggestion = (d: Diagnostic[]) => /Did you mean '([^']*)'/.exec(String(d.find((x) => x.code === 'DS101')?.message ?? ''))?.[1];

test('an edit elsewhere changes the DS101 suggestion of an unedited file', async () => {
  const fixture = copyFixture('shop');
  fixtures.push(fixture);
  const client = await LspClient.start(fixture.root);
  clients.push(client);
  const views = client.uri('cart/views.py');
  assert.equal(suggestion(await client.diagnosticsOf(views, (d) => suggestion(d) !== undefined)), 'cart');
  const extra = await client.open('cart/extra.py', 'def f(request):\n    pass\n');
  // 'bartt' is as close to 'cartt' as 'cart' is, and comes first.
  await client.change(extra, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } }, text: "request.session['bartt'] = 1" }]);
  assert.equal(suggestion(await client.diagnosticsOf(views, (d) => suggestion(d) === 'bartt', 10_000)), 'bartt');
  await client.change(extra, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 32 } }, text: 'pass' }]);
  assert.equal(suggestion(await client.diagnosticsOf(views, (d) => suggestion(d) === 'cart', 10_000)), 'cart');
});

test('a pattern write in another file clears DS101 on the keys it matches, and removing it brings DS101 back', async () => {
  const fixture = copyFixture('shop');
  fixtures.push(fixture);
  const client = await LspClient.start(fixture.root);
  clients.push(client);
  const views = client.uri('cart/views.py');
  const ds101 = (d: Diagnostic[]) => d.some((x) => x.code === 'DS101');
  await client.diagnosticsOf(views, ds101);
  const extra = await client.open('cart/extra.py', 'def f(request, x):\n    pass\n');
  // f'cart{x}' is the pattern 'cart*': it may write 'cartt', so the read in views.py is no longer reported.
  await client.change(extra, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } }, text: "request.session[f'cart{x}'] = 1" }]);
  assert.equal(ds101(await client.diagnosticsOf(views, (d) => !ds101(d), 10_000)), false);
  await client.change(extra, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 35 } }, text: 'pass' }]);
  assert.equal(ds101(await client.diagnosticsOf(views, ds101, 10_000)), true);
});
