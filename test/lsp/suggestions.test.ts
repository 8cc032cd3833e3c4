// DS101's "did you mean" follows the written keys of the whole workspace: writing a closer key in
// another file changes the suggestion in a file that was not edited, and removing it restores it.
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
