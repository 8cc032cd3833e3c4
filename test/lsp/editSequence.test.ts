// Random edits through the real server, some sent as bursts without waiting: once they are in,
// every file's published diagnostics equal those of a fresh server started on the final texts.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { copyFixture } from './fixture';
import { seededRandom } from '../support/scratch';

const fixtures: { remove: () => void }[] = [];
const clients: LspClient[] = [];
after(async () => { await Promise.all(clients.map((c) => c.stop())); fixtures.forEach((f) => f.remove()); });

const LINES = [
  "    request.session['cartt'] = 1", "    request.session.get('coupon')", "    del request.session['coupon']",
  "    x = request.session['unwritten']", "    request.session['viewed'] = datetime.now()", "    request.session['cart'].append(2)",
  '    request.session.modified = True', "    request.session[f'pref_{x}'] = 1", "    request.session['",
];

const shape = (d: Diagnostic[]) => JSON.stringify(d.map((x) => [x.code, x.range, x.severity, x.message]));

test('after random edits and bursts, every file has the diagnostics a fresh server gives the final texts', async () => {
  const fixture = copyFixture('shop');
  fixtures.push(fixture);
  const client = await LspClient.start(fixture.root);
  clients.push(client);
  let lines = fixture.read('cart/views.py').split('\n');
  const views = await client.open('cart/views.py', lines.join('\n'));
  const next = seededRandom(42);
  for (let edit = 0; edit < 80; edit++) {
    const at = 5 + next(lines.length - 5);
    const insert = next(2) === 0 || lines.length < 10;
    const text = insert ? `${LINES[next(LINES.length)]}\n` : '';
    const change = { range: { start: { line: at, character: 0 }, end: { line: insert ? at : at + 1, character: 0 } }, text };
    lines = insert ? [...lines.slice(0, at), text.slice(0, -1), ...lines.slice(at)] : [...lines.slice(0, at), ...lines.slice(at + 1)];
    const sent = client.change(views, [change]);
    // Two edits in three go out in a burst; the others wait until the server has answered a request.
    if (next(3) === 0) { await sent; await client.request('workspace/symbol', { query: '' }); }
  }
  const final = lines.join('\n');
  const reference = copyFixture('shop');
  fixtures.push(reference);
  writeFileSync(join(reference.root, 'cart/views.py'), final);
  const fresh = await LspClient.start(reference.root);
  clients.push(fresh);
  await fresh.open('cart/views.py', final);
  const files = ['cart/views.py', 'cart/keys.py', 'cart/templates/cart/detail.html', 'shop/settings.py'];
  for (const file of files) {
    const expected = shape(await fresh.diagnosticsOf(fresh.uri(file), () => true));
    const got = await client.diagnosticsOf(client.uri(file), (d) => shape(d) === expected, 5000).catch(() => client.diagnostics.get(client.uri(file)) ?? []);
    assert.equal(shape(got), expected, file);
  }
});
