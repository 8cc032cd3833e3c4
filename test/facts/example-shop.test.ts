// The example project must exercise every pattern the extractor knows, and stay runnable by real Django.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { extractTemplateFacts } from '../../server/src/facts/template';
import type { FileFacts } from '../../server/src/facts/types';
import { requires } from '../support/requirements';
import { pythonFacts } from './helpers';

const root = join(__dirname, '..', '..', 'examples', 'shop');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === '__pycache__' || name === 'migrations') return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

async function extractShop(): Promise<FileFacts[]> {
  const out: FileFacts[] = [];
  for (const path of files(root)) {
    const rel = relative(root, path).split('\\').join('/');
    const text = readFileSync(path, 'utf8');
    if (rel.endsWith('.py')) out.push(await pythonFacts(text, rel, rel.replace(/(\/__init__)?\.py$/, '').replaceAll('/', '.')));
    else if (rel.endsWith('.html')) out.push(extractTemplateFacts(text, rel));
  }
  return out;
}

test('examples/shop: every session key and pattern is found', async () => {
  const facts = await extractShop();
  const accesses = facts.flatMap((f) => f.accesses.map((a) => ({ ...a, file: f.file })));
  const keysOf = (op: string) => new Set(accesses.filter((a) => a.op === op && a.key !== null).map((a) => a.key));
  const written = keysOf('write');
  const read = new Set([...keysOf('read'), ...keysOf('contains')]);
  for (const key of ['theme', 'language', 'checkout_step', 'checkout_data', 'last_login_at', 'login_count', 'next_url',
    'last_oauth_provider', 'last_order_id', 'oauth_*_state', 'oauth_*_access_token', 'oauth_*_refresh_token', 'checkout_*_data']) {
    assert.ok(written.has(key), `written: ${key}`);
  }
  for (const key of ['font_size', 'currency', 'cart', 'recently_viewed', 'coupon_id', '_auth_user_id', '_auth_user_backend']) {
    assert.ok(read.has(key), `read: ${key}`);
  }
  // Intentional bugs: keys read but never written anywhere.
  assert.ok(!written.has('font_size') && !written.has('currency'));
  // The datetime written while the JSON serializer is the default.
  assert.equal(accesses.find((a) => a.key === 'last_login_at' && a.op === 'write')?.valueType, 'datetime');
  // The nested mutation nobody saves, and the ones that are saved.
  const mutations = facts.flatMap((f) => f.mutations.map((m) => `${f.file} ${m.scope} ${m.key ?? m.pending?.name} ${m.saved}`));
  assert.ok(mutations.includes('checkout/views.py add_gift_note checkout_data false'), mutations.join('\n'));
  assert.ok(mutations.includes('checkout/views.py checkout_step checkout_data true'));
  assert.ok(mutations.includes('cart/cart.py Cart.add CART_SESSION_ID true'));
  // Keys that the index resolves: the constants module and the setting behind Cart.SESSION_KEY.
  const pending = facts.flatMap((f) => (f.pendingKeys ?? []).map((p) => `${f.file} ${JSON.stringify(p.ref)}`));
  assert.ok(pending.includes('cart/views.py {"kind":"import","module":"cart.constants","name":"COUPON_SESSION_KEY"}'));
  assert.ok(pending.includes('cart/tests.py {"kind":"import","module":"cart.constants","name":"CART_SESSION_KEY"}'));
  assert.ok(pending.includes('cart/cart.py {"kind":"setting","name":"CART_SESSION_ID","default":null}'));
  const constants = facts.find((f) => f.file === 'cart/constants.py')?.constants.map((c) => `${c.name}=${c.value}`);
  assert.ok(constants?.includes('CART_SESSION_KEY=cart'));
  // Test clients, SessionStore built from SESSION_ENGINE, a session passed to a helper.
  assert.ok(accesses.some((a) => a.via.startsWith('self.client.session') && a.file === 'cart/tests.py'));
  assert.ok(accesses.some((a) => a.via === 'in SessionStore()' && a.key === 'last_oauth_provider'));
  assert.ok(accesses.some((a) => a.scope === 'remember_provider' && a.key === 'last_oauth_provider'));
  assert.deepEqual(facts.filter((f) => f.syntaxErrors > 0).map((f) => f.file), [], 'the example has no syntax errors');
});

const django5 = join(root, '..', '..', '.cache', 'django5');

for (const [label, pythonPath] of [['Django 3.2', ''], ['Django 5.2', django5]] as const) {
  test(`examples/shop: manage.py check and the example's tests pass under ${label}`, async (t) => {
    const env = { ...process.env, PYTHONPATH: pythonPath, PYTHONDONTWRITEBYTECODE: '1' };
    const probe = () => spawnSync('/usr/bin/python3', ['-c', 'import django'], { env }).status === 0
      && (pythonPath === '' || existsSync(pythonPath));
    if (!(await requires(t, `${label} (/usr/bin/python3)`, probe))) return;
    const run = spawnSync('/usr/bin/python3', ['manage.py', 'check'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /no issues/);
    // The example's own Django tests drive the views through a real session (test client, sqlite in memory).
    const tests = spawnSync('/usr/bin/python3', ['manage.py', 'test', '--noinput'], { cwd: root, env, encoding: 'utf8', timeout: 300_000 });
    assert.equal(tests.status, 0, tests.stderr);
    assert.match(tests.stderr, /Ran \d+ tests[\s\S]*OK/);
  });
}
