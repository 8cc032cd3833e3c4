// Where completion thinks the cursor is, from tree-sitter tokens, including mid-edit text.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { pythonCursorContext, templateCursorContext } from '../../server/src/features/cursorContext';
import { prepareFeatures } from '../../server/src/features/pythonTree';

before(prepareFeatures);

/** `|` marks the cursor; `aliases`: names the file binds to a session (the index's sessionNames). */
function at(source: string, template = false, aliases?: ReadonlySet<string>) {
  const offset = source.indexOf('|');
  const text = source.replace('|', '');
  const line = text.slice(0, offset).split('\n').length - 1;
  const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  return template ? templateCursorContext(text, { line, character }) : pythonCursorContext(text, { line, character }, undefined, aliases);
}

test('a name the file binds to a session is a receiver too: subscript, get, in, assertIn, the API', () => {
  const s = new Set(['s']);
  assert.equal(at("s = request.session\nx = s['|", false, s)?.kind, 'key');
  assert.equal(at("x = s.get('|')", false, s)?.kind, 'key');
  assert.equal(at("if 'c|' in s:\n    pass", false, s)?.kind, 'key');
  assert.equal(at("self.assertIn('|', s)", false, s)?.kind, 'key');
  assert.equal(at('s.|', false, s)?.kind, 'api');
  // Not without the index saying so, and not as an attribute of something else.
  assert.equal(at("x = s['|"), null);
  assert.equal(at("x = obj.s['|", false, s), null);
});

test('key contexts: subscript, get/pop/setdefault, in, closed or not', () => {
  assert.deepEqual(at("x = request.session['|"), { kind: 'key', prefix: '', start: 21, end: 21, quote: "'", closed: false });
  assert.deepEqual(at("x = request.session['ca|"), { kind: 'key', prefix: 'ca', start: 21, end: 23, quote: "'", closed: false });
  assert.deepEqual(at("x = request.session['ca|rt']"), { kind: 'key', prefix: 'ca', start: 21, end: 25, quote: "'", closed: true });
  assert.equal(at('x = request.session.get("|")')?.kind, 'key');
  assert.equal(at("x = self.request.session.pop('a|")?.kind, 'key');
  assert.equal(at("request.session.setdefault('|', [])")?.kind, 'key');
  assert.equal(at("if 'c|' in request.session:\n    pass")?.kind, 'key');
  assert.equal(at("if 'c|' not in self.client.session:\n    pass")?.kind, 'key');
});

test("async API and Channels' scope['session']: key and API contexts", () => {
  assert.equal(at("x = await request.session.aget('|')")?.kind, 'key');
  assert.equal(at("await request.session.aset('|', 1)")?.kind, 'key');
  assert.equal(at("await request.session.ahas_key('|')")?.kind, 'key');
  assert.equal(at("x = self.scope['session']['|")?.kind, 'key');
  assert.equal(at('x = scope["session"].get("|")')?.kind, 'key');
  assert.equal(at("self.scope['session'].|")?.kind, 'api');
  assert.equal(at("x = self.scope['user']['|"), null);
  assert.equal(at("x = other['session']['|"), null);
});

test('not a key: other dicts, other strings, after the closing quote, comments', () => {
  assert.equal(at("x = foo['|']"), null);
  assert.equal(at("x = request.session['a'] + '|'"), null);
  assert.equal(at("x = request.session['a']|"), null);
  assert.equal(at("x = request.GET.get('|')"), null);
  assert.equal(at("if '|"), null);
});

test('API context after .session. even with the rest of the file broken', () => {
  assert.deepEqual(at('x = request.session.|\ny = 1'), { kind: 'api', prefix: '', start: 20 });
  assert.deepEqual(at('def f(request):\n    request.session.fl|\n    return (\n'), { kind: 'api', prefix: 'fl', start: 36 });
  assert.equal(at('x = request.user.|'), null);
});

test('templates: only inside an open tag after request.session.', () => {
  assert.deepEqual(at('<p>{{ request.session.ca| }}</p>', true), { kind: 'template-key', prefix: 'ca', start: 22 });
  assert.equal(at('{% if request.session.| %}', true)?.kind, 'template-key');
  assert.equal(at('<p>request.session.|</p>', true), null);
  assert.equal(at('{{ request.session.cart }} request.session.|', true), null);
});

test('unittest assertIn / assertNotIn on a session: the first argument is a key', () => {
  assert.equal(at("        self.assertIn('ca|rt', self.client.session)")?.kind, 'key');
  assert.equal(at("        self.assertNotIn('ca|rt', self.client.session.keys())")?.kind, 'key');
  assert.equal(at("        self.assertIn('|")?.kind, 'key');
  assert.equal(at("        self.assertIn('ca|rt', items)"), null);
});

test('with a file name the cached tree is used, and an edited text is re-parsed', () => {
  const text = "x = request.session['cart']\n";
  assert.equal(pythonCursorContext(text, { line: 0, character: 22 }, 'cached.py')?.kind, 'key');
  assert.equal(pythonCursorContext(text, { line: 0, character: 22 }, 'cached.py')?.kind, 'key');
  const edited = "x = request.GET['cart']\n";
  assert.equal(pythonCursorContext(edited, { line: 0, character: 18 }, 'cached.py'), null);
});
