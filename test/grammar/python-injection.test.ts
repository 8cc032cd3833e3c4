// Session keys get their own scope in Python, with the real MagicPython grammar underneath.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textsWithScope, tokenize } from './tokenize';

const keyScope = 'entity.name.session-key.python';
const keys = (code: string) => textsWithScope('source.python', code, keyScope);

test('subscript reads, writes and deletes give the key its scope', async () => {
  const code = [
    "def view(request):",
    "    cart = request.session['cart']",
    '    request.session["last_seen"] = now()',
    "    del self.request.session['coupon']",
    "    session['flag'] = True",
  ].join('\n');
  assert.deepEqual(await keys(code), ['cart', 'last_seen', 'coupon', 'flag']);
});

test('get, pop and setdefault mark their first argument only', async () => {
  const code = "x = request.session.get('theme', 'dark')\nrequest.session.pop(\"promo\", None)\nrequest.session.setdefault('visits', 0)";
  assert.deepEqual(await keys(code), ['theme', 'promo', 'visits']);
});

test("membership tests ('k' in request.session) are keys too", async () => {
  assert.deepEqual(await keys("if 'cart' in request.session and 'x' not in session:\n    pass"), ['cart', 'x']);
});

test('the quotes keep string punctuation and the session object is marked', async () => {
  const [line] = await tokenize('source.python', "request.session['cart']");
  const quote = line.find((t) => t.text === "'");
  assert.ok(quote?.scopes.includes('punctuation.definition.string.begin.python'), JSON.stringify(line));
  const session = line.find((t) => t.text === 'session');
  assert.equal(session?.scopes.at(-1), 'support.variable.session.python');
  assert.ok(line.find((t) => t.text === 'cart')?.scopes.includes('meta.session-key.python'));
});

test('no session key where there is none', async () => {
  const code = [
    "# request.session['in_comment']",
    "s = \"request.session['in_string']\"",
    "d = data['not_session']",
    "x = request.session[f'cart_{id}']",
    "y = request.session['a' + suffix]",
    "z = request.session.get(KEY)",
    "w = obj.sessions['plural']",
    "v = 'item' in cart",
  ].join('\n');
  assert.deepEqual(await keys(code), []);
});

test('the rest of the line is still Python (the base grammar resumes after the key)', async () => {
  const [line] = await tokenize('source.python', "total = request.session['cart'] + len(items)  # sum");
  assert.ok(line.find((t) => t.text === 'len')?.scopes.some((s) => s.startsWith('support.function.builtin')), JSON.stringify(line));
  assert.ok(line.find((t) => t.text.includes('sum'))?.scopes.some((s) => s.startsWith('comment')));
});

test('odd input does not break tokenizing', async () => {
  const lines = ["request.session['", "request.session['unterminated", "request.session[" + "'k'".repeat(2000), '\u0000\uFFFD session[]'];
  const tokens = await tokenize('source.python', lines.join('\n'));
  assert.equal(tokens.length, lines.length);
  assert.deepEqual(await keys(lines.join('\n')), []);
});
