// Bad input never takes the server down: binary, non-UTF-8 and huge files, a symlink loop,
// syntax errors mid-edit, and 10,000 rapid edits. The server answers afterwards, RSS bounded.
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { copyFixture } from './fixture';

const fixture = copyFixture('shop');
let client: LspClient;

before(async () => {
  writeFileSync(join(fixture.root, 'cart', 'blob.py'), Buffer.from([0x73, 0x65, 0x73, 0x73, 0x69, 0x6f, 0x6e, 0, 1, 2, 0xff, 0xfe]));
  writeFileSync(join(fixture.root, 'cart', 'latin1.py'), Buffer.from("def f(request):\n    request.session['caf\xe9'] = 1\n", 'latin1'));
  writeFileSync(join(fixture.root, 'cart', 'huge.py'), `# session\n${'x = 1\n'.repeat(900_000)}`);
  symlinkSync(fixture.root, join(fixture.root, 'cart', 'loop'));
  client = await LspClient.start(fixture.root);
});
after(async () => { await client?.stop(); fixture.remove(); });

async function stillAnswers(): Promise<void> {
  const uri = await client.open('cart/probe.py', 'def f(request):\n    request.session.\n');
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 20 } });
  assert.ok(items.some((i) => i.label === 'flush'));
  assert.equal(client.process.exitCode, null);
}

test('indexing survives binary, non-UTF-8, 5 MB files and a symlink loop', { timeout: 120_000 }, async () => {
  const log = client.logs.join('');
  assert.match(log, /not parsed \(binary/);
  assert.match(log, /not parsed \(too-large/);
  assert.match(log, /symlink loop/);
  const { keys } = await client.request<{ keys: { key: string }[] }>('djangoSessions/keys', {});
  assert.ok(keys.some((k) => k.key === 'caf\ufffd'), 'invalid UTF-8 decoded leniently');
  await stillAnswers();
});

test('syntax errors mid-edit: completion and hover still answer', { timeout: 120_000 }, async () => {
  const broken = "def f(:\n    x = request.session['\n    class\n";
  const uri = await client.open('cart/broken.py', broken);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 25 } });
  assert.ok(items.some((i) => i.label === 'coupon'));
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 6 } });
  assert.equal(hover, null);
});

test('a 5 MB document opened in the editor is not parsed but requests answer', { timeout: 120_000 }, async () => {
  const big = `def f(request):\n    request.session['cart']\n${'# filler line\n'.repeat(400_000)}`;
  const uri = await client.open('cart/big_open.py', big);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 22 } });
  assert.equal(hover, null, 'too large to index: no facts, no crash');
  await client.change(uri, [{ text: 'def f(request):\n    request.session["cart"]\n' }]);
  const after = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 22 } });
  assert.match((after?.contents as { value: string }).value, /`cart`/);
});

test('10,000 rapid didChange edits: no crash, no hang, the final text wins, RSS bounded', { timeout: 120_000 }, async (t) => {
  const text = 'def f(request):\n    request.session["k"] = 1\n';
  const uri = await client.open('cart/typing.py', text);
  let line = 2;
  let pending: Promise<void>[] = [];
  for (let i = 0; i < 10_000; i++) {
    // Type `request.session['t']` one character at a time on new lines, with newlines in between.
    const piece = i % 25 === 24 ? '\n' : "    r['x']#"[i % 11] ?? ' ';
    pending.push(client.change(uri, [{ range: { start: { line, character: 10_000 }, end: { line, character: 10_000 } }, text: piece }]));
    if (piece === '\n') line++;
    if (pending.length === 500) { await Promise.all(pending); pending = []; }
  }
  await client.change(uri, [{ range: { start: { line, character: 10_000 }, end: { line, character: 10_000 } }, text: "\n    request.session['typed'] = 2\n" }]);
  await Promise.all(pending);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: line + 1, character: 22 } });
  assert.match((hover?.contents as { value: string }).value, /`typed`/);
  const rssMb = client.rssKb() / 1024;
  t.diagnostic(`server RSS after the edits: ${rssMb.toFixed(0)} MB`);
  assert.ok(rssMb < 400, `server RSS ${rssMb.toFixed(0)} MB`);
  await stillAnswers();
});
