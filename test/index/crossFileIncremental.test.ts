// Sessions handed across files under random edits: callers that start and stop passing them,
// helpers (that never say "session") renamed, re-parameterised, passing them on, in a cycle.
// After every edit the index must hold what a fresh index of the same texts holds.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { djangoExtractor } from '../../server/src/index/djangoExtractor';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { scratchWorkspace, seededRandom } from '../support/scratch';


const FILES: Record<string, string> = {
  'manage.py': '',
  'app/__init__.py': 'from .helpers import put\n',
  'app/views.py': [
    'from app.helpers import put, take', 'from app import deeper', '', 'def view(request):',
    "    put(request.session, 'a')", '    take(store=request.session)', '',
  ].join('\n'),
  'app/helpers.py': [
    'from .deeper import bounce', '', 'def put(store, key):', '    store[key] = 1', "    store['put'] = 1", '',
    'def take(store):', "    return store.get('took')", '',
  ].join('\n'),
  'app/deeper.py': [
    'from .helpers import take', '', 'def bounce(x):', "    x['bounced'] = 1", '    take(x)', '',
  ].join('\n'),
};

/** Lines the edits insert into any of the three files. */
const SNIPPETS = [
  "    put(request.session, 'b')", '    put({}, 1)', '    bounce(request.session)', '    deeper.bounce(request.session)',
  '    take(store=request.session)', '    bounce(store)', '    take(x)', '    bounce(x)', "    store['more'] = 2",
  "    x['deep2'] = 3", 'def put(store, key):', 'def put(key, store):', 'def take(other):', 'def bounce(x):',
  'def view(request):', 'from app.deeper import bounce', 'from .helpers import put', 'from .deeper import bounce',
  "    other['other'] = 1", '    return store', '    pass', '(', "    s = request.session", '    bounce(s)',
];

const workspace = (files: Record<string, string | Buffer>): string => scratchWorkspace(files, 'ds-crossfile-edits-');

/**
 * What the features read: every file's accesses and mutations, and the keys. (A file that once
 * said "session" in the editor stays indexed with nothing in it: no difference to the features.)
 */
function snapshot(index: WorkspaceIndex) {
  const files = index.files().filter((f) => index.accessesIn(f).length > 0 || index.mutationsIn(f).length > 0).sort();
  return {
    files,
    accesses: Object.fromEntries(files.map((f) => [f, index.accessesIn(f)])),
    mutations: Object.fromEntries(files.map((f) => [f, index.mutationsIn(f)])),
    keys: [...index.keys().keys()].sort(),
  };
}

test('random edits of callers and helpers across files leave what a fresh index of the final texts holds', async () => {
  const texts = { ...FILES };
  const root = workspace(texts);
  const index = new WorkspaceIndex({ root, extractor: djangoExtractor() });
  await index.build();
  const edited = ['app/views.py', 'app/helpers.py', 'app/deeper.py'];
  const next = seededRandom(1125);
  let linked = 0;
  for (let edit = 1; edit <= 150; edit++) {
    const file = edited[next(edited.length)];
    const lines = texts[file].split('\n');
    const at = next(lines.length + 1);
    if (next(10) < 6) lines.splice(at, 0, SNIPPETS[next(SNIPPETS.length)]);
    else if (lines.length > 1) lines.splice(Math.min(at, lines.length - 1), 1);
    texts[file] = lines.join('\n');
    // Half the edits are saved (a watched-file change), half stay in the editor.
    const saved = next(2) === 0;
    if (saved) {
      writeFileSync(join(root, file), texts[file]);
      index.closeFile(file);
      index.updateFile(file, texts[file]);
    } else {
      index.updateFile(file, texts[file], true);
    }
    const fresh = new WorkspaceIndex({ root: workspace(texts), extractor: djangoExtractor() });
    await fresh.build();
    assert.deepEqual(snapshot(index), snapshot(fresh), `after edit ${edit} of ${file}:\n${texts[file]}`);
    if (index.accessesIn('app/helpers.py').length > 0 || index.accessesIn('app/deeper.py').length > 0) linked++;
  }
  assert.ok(linked > 30, `the helpers received the session after ${linked} of 150 edits: the test exercised linking`);
});
