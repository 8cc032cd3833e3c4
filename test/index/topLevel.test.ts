import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractPythonFacts } from '../../server/src/facts/python';
import { initPythonParser, parsePython, parseRanges } from '../../server/src/syntax/python';
import { outline, sessionRanges, topLevelBlocks } from '../../server/src/syntax/topLevel';

const SOURCE = [
  'import os',                      // 0
  'from x import (',                // 1
  '    a,',                         // 2
  ')',                              // 3
  'DOC = """',                      // 4
  'def not_a_def():',               // 5
  '"""',                            // 6
  '@decorator',                     // 7
  '# comment',                      // 8
  '@other(1,',                      // 9
  '2)',                             // 10
  'def first(request):',            // 11
  '    return request.session["k"]', // 12
  'x = 1 + \\',                     // 13
  '2',                              // 14
  'class Helper:',                  // 15
  '    def f(self): return "}"',    // 16
  'async def unrelated():',         // 17
  '    return 1',                   // 18
  '',
].join('\n');

test('topLevelBlocks: statements at column 0 outside brackets, strings and continuations; decorators join their def', () => {
  const blocks = topLevelBlocks(SOURCE);
  assert.deepEqual(blocks.map((b) => [b.row, b.name]), [[0, null], [1, null], [4, null], [7, 'first'], [13, null], [15, 'Helper'], [17, 'unrelated']]);
});

test('sessionRanges keeps imports, module statements and session blocks, drops unrelated defs', () => {
  const ranges = sessionRanges(SOURCE, 0);
  assert.ok(ranges);
  const kept = ranges.map((r) => SOURCE.slice(r.startIndex, r.endIndex)).join('');
  assert.ok(kept.includes('request.session'));
  assert.ok(kept.includes('import os'));
  assert.ok(!kept.includes('class Helper'));
  assert.ok(!kept.includes('unrelated'));
  for (const r of ranges) assert.equal(r.startPosition.row, SOURCE.slice(0, r.startIndex).split('\n').length - 1);
});

test('a helper that receives a session, and classes of UPPER_CASE constants, are kept', () => {
  const src = [
    'class Keys:', "    CART = 'cart'", '',
    'class Other:', "    name = 'x'", '',
    'def helper(s):', "    s['k'] = 1", '',
    'def view(request):', '    helper(request.session)', '',
  ].join('\n');
  const kept = (sessionRanges(src, 0) ?? []).map((r) => src.slice(r.startIndex, r.endIndex)).join('');
  assert.ok(kept.includes('class Keys'));
  assert.ok(kept.includes('def helper'));
  assert.ok(!kept.includes('class Other'));
});

test('a class is kept for its constants only when its own body assigns them, not for UPPER_CASE keywords inside its methods', () => {
  const src = [
    'class Unrelated(TestCase):',
    '    @override_settings(',
    '        AUTH_PASSWORD_VALIDATORS=[],',
    '    )',
    '    def test_x(self):',
    '        LIMIT = 3',
    '        return LIMIT',
    '',
    'class Keys:', "    CART: str = 'cart'", '',
    'def view(request):', "    return request.session.get(Keys.CART)", '',
  ].join('\n');
  const kept = (sessionRanges(src, 0) ?? []).map((r) => src.slice(r.startIndex, r.endIndex)).join('');
  assert.ok(kept.includes('class Keys'));
  assert.ok(!kept.includes('class Unrelated'));
});

test('a base class named by a kept class is kept split: header, constants and session methods, not its other methods', async () => {
  const src = [
    'class BaseTests:',
    "    KEY = 'step'",
    '',
    '    def test_unrelated_one(self):',
    '        self.assertEqual(1 + 1, 2)',
    '',
    '    def test_reads(self):',
    '        return self.client.session.get(self.KEY)',
    '',
    'class Mixin:',
    '    def helper_of_no_interest(self):',
    '        return 41 + 1',
    '',
    '    def other(self):',
    '        return 0',
    '',
    'class CartTests(BaseTests, Mixin, TestCase):',
    '    def test_cart(self):',
    '        s = self.client.session',
    '        s[self.KEY] = 1',
    '',
  ].join('\n');
  const ranges = sessionRanges(src, 0);
  assert.ok(ranges);
  const kept = ranges.map((r) => src.slice(r.startIndex, r.endIndex)).join('');
  assert.ok(kept.includes('class BaseTests') && kept.includes("KEY = 'step'") && kept.includes('def test_reads'));
  assert.ok(!kept.includes('test_unrelated_one'));
  // A base with nothing to keep still parses as a class (its shortest statement), so inherited lookups see it.
  assert.ok(kept.includes('class Mixin') && kept.includes('def other') && !kept.includes('helper_of_no_interest'));
  const parser = await initPythonParser();
  const full = parsePython(parser, src);
  const part = parseRanges(parser, src, ranges);
  assert.ok(part);
  try {
    assert.equal(part.rootNode.hasError, false);
    const a = extractPythonFacts(full, src, 'm.py', 'm');
    const b = extractPythonFacts(part, src, 'm.py', 'm');
    assert.deepEqual(b.accesses, a.accesses);
    assert.deepEqual(a.accesses.map((x) => [x.key, x.op]), [['step', 'read'], ['step', 'write']]);
  } finally {
    full.delete();
    part.delete();
  }
});

test('inside a class that touches the session, unrelated methods are skipped one by one; what kept methods use stays', () => {
  const src = [
    'class CartTests(TestCase):',
    "    KEY = 'cart'",
    '',
    '    def setUp(self):',
    "        self.url = '/cart/'",
    '',
    '    def test_unrelated(self):',
    '        self.assertEqual(1, 1)',
    '',
    '    @override_settings(DEBUG=True)',
    '    def test_cart(self):',
    '        self.client.get(self.url)',
    "        self.assertIn('cart', self.client.session)",
    '        self._check()',
    '',
    '    def _check(self):',
    '        pass',
    '',
    'class Store(SessionBase):',
    '    def load(self):',
    '        return {}',
    '',
  ].join('\n');
  const ranges = sessionRanges(src, 0);
  assert.ok(ranges);
  const kept = ranges.map((r) => src.slice(r.startIndex, r.endIndex)).join('');
  for (const wanted of ['class CartTests', "KEY = 'cart'", 'def setUp', '@override_settings', 'def test_cart', 'def _check', 'class Store', 'def load']) assert.ok(kept.includes(wanted), wanted);
  assert.ok(!kept.includes('test_unrelated'));
  for (const r of ranges) {
    assert.equal(r.startPosition.column, 0);
    assert.equal(r.startPosition.row, src.slice(0, r.startIndex).split('\n').length - 1);
  }
});

test('mentions in comments and plain strings keep nothing; strings the facts read as code still do', async () => {
  const src = [
    "MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware']",
    'def installed_apps():',
    '    """Lists django.contrib.sessions among the apps."""',
    "    return ['django.contrib.sessions']  # session app",
    'def uses_middleware():',
    '    return MIDDLEWARE',
    'class Docs:',
    "    '''Nothing about the Session here but words.'''",
    '    def m(self):',
    '        return 1',
    'def by_getattr(request):',
    "    return getattr(request, 'session')['a']",
    'def in_fstring(request):',
    "    return f\"{request.session['b']}\"",
    "def annotated(s: 'SessionBase'):",
    "    return s['c']",
    'def filler():',
    '    return [0] * 100',
    '',
  ].join('\n');
  const ranges = sessionRanges(src, 0);
  assert.ok(ranges);
  const kept = ranges.map((r) => src.slice(r.startIndex, r.endIndex)).join('');
  for (const wanted of ['MIDDLEWARE = [', 'def by_getattr', 'def in_fstring', 'def annotated']) assert.ok(kept.includes(wanted), wanted);
  // A name bound next to a session only in a string (MIDDLEWARE) pulls nothing in either.
  for (const unwanted of ['def installed_apps', 'def uses_middleware', 'class Docs', 'def filler']) assert.ok(!kept.includes(unwanted), unwanted);
  const parser = await initPythonParser();
  const full = parsePython(parser, src);
  const part = parseRanges(parser, src, ranges);
  assert.ok(part);
  try {
    const a = extractPythonFacts(full, src, 'm.py', 'm');
    const b = extractPythonFacts(part, src, 'm.py', 'm');
    assert.deepEqual(b.accesses, a.accesses);
    assert.deepEqual(a.accesses.map((x) => x.key), ['a', 'b', 'c']);
  } finally {
    full.delete();
    part.delete();
  }
});

test('outline: class bodies by indentation, decorators joined, strings and brackets do not start statements', () => {
  const src = ['class A:', '    """doc', 'def not_a_method():', '    """', '    @dec', '    def m(self,', '          x): pass', '    class Inner:', '        Y = 1', 'z = (', '  1)', ''].join('\n');
  const [a, z] = outline(src);
  assert.deepEqual([a.name, a.kind, z.row], ['A', 'class', 9]);
  assert.deepEqual(a.children.map((c) => [c.row, c.name, c.kind]), [[1, null, 'other'], [4, 'm', 'def'], [7, 'Inner', 'class']]);
  assert.deepEqual(a.children[2].children.map((c) => c.row), [8]);
  assert.equal(a.end, z.start);
});

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? pythonFiles(path) : name.endsWith('.py') ? [path] : [];
  });
}

test('on the example shop, the test fixtures and a generated project, facts from the ranged parse (and the ranged walk of a full tree) have the accesses and mutations of a full parse', async (t) => {
  const parser = await initPythonParser();
  // The bench's generator (views, tests, settings, helpers): a different seed from the bench's.
  const generated = mkdtempSync(join(tmpdir(), 'ds-gen-'));
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'gen-project.mjs'), '--files', '1500', '--seed', 'ranges-1', '--out', generated]);
  t.after(() => rmSync(generated, { recursive: true, force: true }));
  let ranged = 0;
  for (const file of [join(__dirname, '..', '..', 'examples', 'shop'), join(__dirname, '..', 'fixtures'), generated].flatMap(pythonFiles)) {
    const text = readFileSync(file, 'utf8');
    const ranges = sessionRanges(text, 0);
    const full = parsePython(parser, text);
    // The index's way (the text handed over range by range) and web-tree-sitter's (the whole string).
    const part = ranges ? parseRanges(parser, text, ranges) : null;
    const wholeString = ranges ? parser.parse(text, null, { includedRanges: ranges }) : null;
    try {
      const a = extractPythonFacts(full, text, file, 'm');
      if (!part) continue;
      ranged++;
      assert.equal(part.rootNode.toString(), wholeString?.rootNode.toString(), file);
      const b = extractPythonFacts(part, text, file, 'm');
      assert.deepEqual(b.accesses, a.accesses, file);
      assert.deepEqual(b.mutations, a.mutations, file);
      // Open documents: the whole tree, walked only inside the ranges.
      const c = extractPythonFacts(full, text, file, 'm', ranges ?? undefined);
      assert.deepEqual(c.accesses, a.accesses, file);
      assert.deepEqual(c.mutations, a.mutations, file);
    } finally {
      full.delete();
      part?.delete();
      wholeString?.delete();
    }
  }
  assert.ok(ranged > 50, `${ranged} files had ranges`);
  // The parser does not keep the ranges: the next plain parse covers the whole text.
  const after = parsePython(parser, SOURCE);
  assert.equal(after.rootNode.descendantsOfType('function_definition').length, 3);
  after.delete();
});
