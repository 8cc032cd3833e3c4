// The edit path against a from-scratch index: a long sequence of random edits to open documents
// (incremental re-parse through the tree cache, re-extraction, the key table updated file by
// file) must leave exactly what a fresh index of the same texts holds — after every edit for the
// edited file's diagnostics, and for everything at checkpoints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../common/settings';
import type { FeatureContext } from '../../server/src/features/context';
import { diagnosticsFor } from '../../server/src/features/diagnostics';
import { djangoExtractor } from '../../server/src/index/djangoExtractor';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { scratchWorkspace, seededRandom } from '../support/scratch';


const FILES: Record<string, string> = {
  'manage.py': '',
  'shop/__init__.py': '',
  'shop/keys.py': "# keys\nCART_KEY = 'cart'\nLAST = 'last_seen'\n",
  'shop/views.py': [
    'from datetime import datetime', 'from .keys import CART_KEY, LAST', '',
    'def add(request, item):', '    cart = request.session.get(CART_KEY, [])', '    cart.append(item)',
    '    request.session[CART_KEY] = cart', "    request.session['when'] = datetime.now()", '',
    'def show(request):', "    return request.session.get('cartt')", '',
    'def unrelated(x):', '    return x + 1', '',
    'class Basket:', '    def __init__(self, request):', '        self.session = request.session',
    "        self.items = self.session.get('basket', [])", '    def save(self):',
    "        self.session['basket'] = self.items", '',
  ].join('\n'),
  'shop/other.py': [
    'def other(request):', "    if 'coupon' in request.session:", "        del request.session['coupon']",
    "    request.session[f'pref_{1}'] = 1", "    request.session['viewed'] = ('a', 'b')", '',
  ].join('\n'),
};

/** Lines the edits insert: accesses of every kind, constants, imports, and some broken syntax. */
const SNIPPETS = [
  "    request.session['cart'] = []", "    x = request.session['cartt']", "    request.session.get('coupon')",
  "    request.session['coupon'] = 'X'", "    del request.session['viewed']", "    if 'viewed' in request.session: pass",
  "    request.session['cart'].append(1)", '    request.session.modified = True', "    request.session[LAST] = 1",
  "    v = request.session.get(LAST)", "    request.session[f'pref_{x}'] = x", "    request.session.get(f'pref_{x}')",
  "    request.session['when'] = datetime.now()", "    request.session['basket'] = ('a',)", "    s = request.session",
  "    s['aliased'] = 1", "CART_KEY = 'cart2'", "NEW_KEY = 'new'", "    request.session[NEW_KEY] = 1",
  'from .keys import NEW_KEY', 'def helper(session):', "    session['helped'] = 1", '    helper(request.session)',
  'def view(request):', '    pass', "    request.session['", '    (request.session[', '"""', "    return request.session.get('unwritten')",
  'class Late:', "    SESSION_KEY = 'late'", "    request.session[Late.SESSION_KEY] = 1",
];

const workspace = (files: Record<string, string | Buffer>): string => scratchWorkspace(files, 'ds-incremental-');

function contextOf(index: WorkspaceIndex): FeatureContext {
  return { index, config: defaultSettings, uriOf: (f) => f, textOf: () => undefined };
}

/** A fresh index of the same texts, open documents parsed whole (the extractor's open path, no old tree). */
async function fromScratch(texts: Record<string, string>, open: string[]): Promise<WorkspaceIndex> {
  const extractor = djangoExtractor();
  const index = new WorkspaceIndex({ root: workspace(texts), extractor });
  await index.build();
  for (const file of open) {
    extractor.closed?.(file); // no cached tree: a full parse
    index.updateFile(file, texts[file], true);
  }
  return index;
}

/** Everything the features read from the index, in an order-free form where the order is not part of the answer. */
function snapshot(index: WorkspaceIndex) {
  const context = contextOf(index);
  const files = index.files().sort();
  const sorted = <T>(items: T[]) => items.map((x) => JSON.stringify(x)).sort();
  return {
    files,
    diagnostics: Object.fromEntries(files.map((f) => [f, diagnosticsFor(context, f)])),
    accesses: Object.fromEntries(files.map((f) => [f, index.accessesIn(f)])),
    mutations: Object.fromEntries(files.map((f) => [f, index.mutationsIn(f)])),
    keys: Object.fromEntries([...index.keys()].map(([key, items]) => [key, sorted(items)]).sort(([a], [b]) => (a < b ? -1 : 1))),
    written: [...index.writtenKeys()].sort(),
    patterns: sorted(index.patternAccesses()),
  };
}

test('random edits to open documents leave what a from-scratch index of the final texts holds', async () => {
  const texts = { ...FILES };
  const extractor = djangoExtractor();
  const index = new WorkspaceIndex({ root: workspace(texts), extractor });
  await index.build();
  const open = ['shop/views.py', 'shop/other.py', 'shop/keys.py'];
  for (const file of open) index.updateFile(file, texts[file], true);
  const next = seededRandom(20261125);
  const EDITS = 240;
  let checked = 0;
  try {
    for (let edit = 1; edit <= EDITS; edit++) {
      const file = open[next(10) < 7 ? next(2) : 2];
      const lines = texts[file].split('\n');
      const at = next(lines.length + 1);
      const kind = next(10);
      if (kind < 5) lines.splice(at, 0, SNIPPETS[next(SNIPPETS.length)]);
      else if (kind < 8 && lines.length > 1) lines.splice(Math.min(at, lines.length - 1), 1 + next(2));
      else if (lines.length > 0) {
        // A change inside a line: a few characters removed or typed (half-typed keys, quotes).
        const row = Math.min(at, lines.length - 1);
        const col = next(lines[row].length + 1);
        lines[row] = lines[row].slice(0, col) + ["'", 'x', '', ']', 'session'][next(5)] + lines[row].slice(col + next(3));
      }
      texts[file] = lines.join('\n');
      index.updateFile(file, texts[file], true);
      const fresh = await fromScratch(texts, open);
      assert.deepEqual(diagnosticsFor(contextOf(index), file), diagnosticsFor(contextOf(fresh), file), `diagnostics of ${file} after edit ${edit}`);
      if (edit % 20 === 0 || edit === EDITS) {
        assert.deepEqual(snapshot(index), snapshot(fresh), `the whole index after edit ${edit}`);
        checked++;
      }
    }
  } finally {
    for (const file of open) index.closeFile(file);
  }
  assert.equal(checked, EDITS / 20);
});
