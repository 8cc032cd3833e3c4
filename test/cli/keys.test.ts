// `keys` on the fixture project: every key with its accesses, positions that point at the key in
// the source, constants resolved across modules, templates included.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, json, repoRoot } from './cli';

const project = join(repoRoot, 'test/fixtures/cli/project');

interface Key {
  key: string | null;
  pattern: boolean;
  accesses: { file: string; line: number; column: number; op: string; valueType?: string }[];
}

async function keys(): Promise<Key[]> {
  const run = await cli(['keys', project, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  return json<{ keys: Key[] }>(run).keys;
}

/** The source text at a 1-based position. */
function at(file: string, line: number, column: number): string {
  return readFileSync(join(project, file), 'utf8').split('\n')[line - 1].slice(column - 1);
}

test('json: keys with ops, 1-based positions at the key expression, relative paths', async () => {
  const all = await keys();
  const cart = all.find((k) => k.key === 'cart');
  assert.ok(cart, JSON.stringify(all));
  assert.equal(cart.pattern, false);
  const ops = cart.accesses.map((a) => `${a.file}:${a.op}`).sort();
  assert.deepEqual(ops, ['store/views.py:contains', 'store/views.py:delete', 'store/views.py:read', 'store/views.py:write', 'store/views.py:write']);
  assert.ok(cart.accesses.some((a) => a.op === 'write' && a.valueType === 'dict'), 'the literal {} is a dict');
  const write = cart.accesses.find((a) => a.op === 'write');
  // Through the imported constant: the position is the constant's use, `CART_KEY`.
  assert.match(at(write!.file, write!.line, write!.column), /^CART_KEY\]/);
  const contains = cart.accesses.find((a) => a.op === 'contains');
  assert.match(at(contains!.file, contains!.line, contains!.column), /^'cart' not in/);
});

test('templates and typos are keys too', async () => {
  const all = await keys();
  const lastAdded = all.find((k) => k.key === 'last_added');
  assert.deepEqual(lastAdded?.accesses.map((a) => `${a.file}:${a.op}`).sort(), ['store/templates/store/cart.html:read', 'store/views.py:write']);
  const html = lastAdded?.accesses.find((a) => a.file.endsWith('.html'));
  assert.match(at(html!.file, html!.line, html!.column), /^last_added/);
  assert.deepEqual(all.find((k) => k.key === 'cupon')?.accesses.map((a) => a.op), ['read']);
});

test('text: a table with one row per key and the counts of the JSON', async () => {
  const all = await keys();
  const run = await cli(['keys', project]);
  assert.equal(run.code, 0, run.stderr);
  const [header, ...rows] = run.stdout.split('\n');
  assert.match(header, /^KEY\s+TYPE\s+READS\s+WRITES\s+DELETES\s+IN\s+FIRST WRITE/);
  for (const k of all.filter((x) => x.key)) {
    const row = rows.find((r) => r.startsWith(`${k.key} `) || r.startsWith(`${k.key}  `));
    assert.ok(row, `row for ${k.key}`);
    const count = (op: string) => k.accesses.filter((a) => a.op === op).length;
    assert.match(row, new RegExp(`\\s${count('read')}\\s+${count('write')}\\s+${count('delete')}\\s+${count('contains')}\\s`));
  }
  assert.match(run.stdout, new RegExp(`\\n${all.length} keys?, `));
});

test('bad input does not crash keys: syntax errors, binary and non-UTF-8 files', async () => {
  const run = await cli(['keys', join(repoRoot, 'test/fixtures/cli/broken'), '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(Array.isArray(json<{ keys: unknown[] }>(run).keys));
});
