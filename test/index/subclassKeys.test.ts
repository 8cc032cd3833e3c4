// Keys a base class reads from `self` and its subclasses define (wagtail's BaseViewRestriction reads
// `self.passed_view_restrictions_session_key`; PageViewRestriction and CollectionViewRestriction,
// in other modules, set it): each subclass's key is an access at the base's place, with the
// subclass's constant as its source; new and edited subclasses change them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { indexedProject } from '../support/indexedProject';

const base = [
  'from django.db import models',
  '',
  'class BaseRestriction(models.Model):',
  '    def accept(self, request):',
  '        return self.id in request.session.get(self.passed_session_key, [])',
  '',
  '    def mark(self, request):',
  '        passed = request.session.setdefault(self.passed_session_key, [])',
  '        passed.append(self.id)',
  '        request.session[self.passed_session_key] = passed',
  '',
  '    class Meta:',
  '        abstract = True',
  '',
].join('\n');

const subclass = (cls: string, key: string, from = 'app.restrictions') => [
  `from ${from} import BaseRestriction`,
  '',
  `class ${cls}(BaseRestriction):`,
  `    passed_session_key = '${key}'`,
  '',
].join('\n');

/** `op key` of the base file's accesses (null keys as `<dynamic>`), sorted. */
function keysIn(index: WorkspaceIndex, file: string): string[] {
  return index.accessesIn(file).map((a) => `${a.op} ${a.key ?? '<dynamic>'}`).sort();
}

test('a key the subclasses define: each one is an access at the base class, its source the subclass constant', async () => {
  const { index } = await indexedProject({
    'app/__init__.py': '',
    'app/restrictions.py': base,
    'app/pages.py': subclass('PageRestriction', 'passed_pages'),
    'media/__init__.py': '',
    'media/models.py': subclass('CollectionRestriction', 'passed_collections', 'app.restrictions'),
  });
  assert.deepEqual(keysIn(index, 'app/restrictions.py'), [
    'read passed_collections', 'read passed_collections', 'read passed_pages', 'read passed_pages',
    'write passed_collections', 'write passed_collections', 'write passed_pages', 'write passed_pages',
  ]);
  const write = index.accessesOf('passed_pages').find((a) => a.access.op === 'write');
  assert.equal(write?.file, 'app/restrictions.py');
  assert.deepEqual(write?.access.source.kind === 'constant' && [write.access.source.file, write.access.source.name],
    ['app/pages.py', 'PageRestriction.passed_session_key']);
  // Two keys at one place: rename one where it is written (the subclass's constant), not here.
  assert.equal(index.accessesOf('passed_collections').length, 4);
});

test('subclasses found through a re-export, down a chain, and in the same file; an own default stays', async () => {
  const { index } = await indexedProject({
    'app/__init__.py': 'from app.restrictions import BaseRestriction\n',
    'app/restrictions.py': base.replace('class BaseRestriction(models.Model):', "class BaseRestriction(models.Model):\n    passed_session_key = 'passed_default'")
      + "\nclass LocalRestriction(BaseRestriction):\n    passed_session_key = 'passed_local'\n",
    'app/middle.py': 'from app import BaseRestriction\n\nclass MiddleRestriction(BaseRestriction):\n    session_timeout = 5\n',
    'app/leaf.py': subclass('LeafRestriction', 'passed_leaf', 'app.middle').replaceAll('BaseRestriction', 'MiddleRestriction'),
  });
  const keys = new Set(keysIn(index, 'app/restrictions.py').map((l) => l.split(' ')[1]));
  assert.deepEqual([...keys].sort(), ['passed_default', 'passed_leaf', 'passed_local']);
});

test('no subclass defines it: the key stays unknown, and an instance attribute is not a subclass constant', async () => {
  const { index } = await indexedProject({
    'app/__init__.py': '',
    'app/restrictions.py': base,
    'app/other.py': 'class Other:\n    passed_session_key = "not_a_subclass"\n',
    'app/store.py': [
      'class KeyedStore:',
      '    def __init__(self, request, session_key):',
      '        self.session_key = session_key',
      '        self.request = request',
      '    def load(self):',
      '        return self.request.session.get(self.session_key)',
      '',
    ].join('\n'),
  });
  assert.deepEqual(keysIn(index, 'app/restrictions.py'), ['read <dynamic>', 'read <dynamic>', 'write <dynamic>', 'write <dynamic>']);
  assert.deepEqual(keysIn(index, 'app/store.py'), ['read <dynamic>']);
});

test('a subclass added, edited, then removed: the base class follows without a rebuild', async () => {
  const { index } = await indexedProject({
    'app/__init__.py': '',
    'app/restrictions.py': base,
  });
  assert.ok(keysIn(index, 'app/restrictions.py').every((l) => l.endsWith('<dynamic>')));
  index.updateFile('app/pages.py', subclass('PageRestriction', 'passed_pages'));
  assert.ok(keysIn(index, 'app/restrictions.py').includes('write passed_pages'));
  index.updateFile('app/pages.py', subclass('PageRestriction', 'passed_pages_v2'));
  assert.ok(keysIn(index, 'app/restrictions.py').includes('write passed_pages_v2'));
  assert.equal(index.accessesOf('passed_pages').length, 0);
  index.updateFile('app/pages.py', "# the restriction moved away; this file still says session\n");
  assert.deepEqual(keysIn(index, 'app/restrictions.py'), ['read <dynamic>', 'read <dynamic>', 'write <dynamic>', 'write <dynamic>']);
});
