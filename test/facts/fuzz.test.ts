// Bad input never crashes the extractors: truncated and corrupted versions of the example's files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { extractPythonFacts } from '../../server/src/facts/python';
import { extractTemplateFacts } from '../../server/src/facts/template';
import { initPythonParser, parsePython } from '../../server/src/syntax/python';

const shop = join(__dirname, '..', '..', 'examples', 'shop');
const pythonSources = ['cart/cart.py', 'checkout/views.py', 'accounts/oauth.py'].map((f) => readFileSync(join(shop, f), 'utf8'));
const templateSources = ['templates/base.html', 'checkout/templates/checkout/step.html'].map((f) => readFileSync(join(shop, f), 'utf8'));

/** A source with a slice cut out and random text spliced in at a random place. */
const corrupted = (sources: string[]) => fc.tuple(
  fc.constantFrom(...sources), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 40 }),
).map(([source, a, b, junk]) => {
  const at = a % (source.length + 1);
  const cut = Math.min(source.length, at + (b % 200));
  return source.slice(0, at) + junk + source.slice(cut);
});

test('corrupted Python never makes the extractor throw', async () => {
  const parser = await initPythonParser();
  fc.assert(fc.property(corrupted(pythonSources), (text) => {
    const tree = parsePython(parser, text);
    try {
      const facts = extractPythonFacts(tree, text, 'x.py', 'x');
      assert.ok(Array.isArray(facts.accesses));
      for (const access of facts.accesses) assert.ok(access.span.startLine <= access.span.endLine);
    } finally {
      tree.delete();
    }
  }), { numRuns: 150, seed: 42 });
});

test('corrupted templates never make the extractor throw, read as Django or as Jinja2 (tags may span lines)', () => {
  fc.assert(fc.property(corrupted(templateSources), fc.boolean(), (text, jinja2) => {
    const facts = extractTemplateFacts(text, jinja2 ? 'jinja2/x.html' : 'templates/x.html');
    assert.ok(facts.syntaxErrors >= 0);
    for (const access of facts.accesses) assert.ok(access.span.startLine <= access.span.endLine);
  }), { numRuns: 300, seed: 42 });
});
