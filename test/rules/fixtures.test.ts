// One fixture per rule (test/fixtures/settings/rules/<CODE>.py): every diagnostic the settings produce
// must be announced by an `# expect: CODE` comment on its line, and nothing else reported; the `.ok.py`
// twin must be clean. Where a rule offers a quick fix, applying it must make the diagnostic go away.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkSettings } from '../../server/src/rules/check';
import { rules } from '../../server/src/rules/registry';
import type { SettingsDiagnostic, TextEdit } from '../../server/src/rules/types';
import { evaluateSettings } from '../../server/src/settings/evaluate';
import { workspace } from '../settings/workspace';

const dir = 'test/fixtures/settings/rules';
const FILE = 'proj/settings/prod.py';

async function diagnose(text: string): Promise<SettingsDiagnostic[]> {
  const version = text.split('\n')[0].startsWith('# django: ') ? text.split('\n')[0].slice(10).trim() : '3.2';
  const ws = workspace({ 'manage.py': '', 'proj/__init__.py': '', 'proj/settings/__init__.py': '', [FILE]: text });
  const model = await evaluateSettings('proj.settings.prod', ws);
  return checkSettings(model, { djangoVersion: version });
}

function expected(text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const at = line.indexOf('# expect: ');
    return at < 0 ? [] : line.slice(at + 10).trim().split(/\s+/).map((code) => `${i}:${code}`);
  }).sort();
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + column;
  return [...edits]
    .sort((a, b) => offset(b.span.startLine, b.span.startColumn) - offset(a.span.startLine, a.span.startColumn))
    .reduce((t, e) => t.slice(0, offset(e.span.startLine, e.span.startColumn)) + e.newText + t.slice(offset(e.span.endLine, e.span.endColumn)), text);
}

test('every rule has a triggering fixture and a clean twin', () => {
  const names = readdirSync(dir);
  for (const rule of rules) {
    assert.ok(names.includes(`${rule.code}.py`), `${rule.code}.py`);
    assert.ok(names.includes(`${rule.code}.ok.py`), `${rule.code}.ok.py`);
  }
});

for (const rule of rules) {
  test(`${rule.code} ${rule.name}`, async () => {
    const bad = readFileSync(join(dir, `${rule.code}.py`), 'utf8');
    const found = await diagnose(bad);
    assert.deepEqual(found.map((d) => `${d.span.startLine}:${d.code}`).sort(), expected(bad), found.map((d) => `${d.code}: ${d.message}`).join('\n'));
    for (const d of found) {
      assert.ok(d.message.length > 20 && !d.message.includes('k8#Qz2v'), `${d.code} message is informative and never shows the key`);
      assert.equal(d.file, FILE);
      assert.notEqual(d.severity, 'off');
    }
    const mine = found.find((d) => d.code === rule.code);
    assert.ok(mine);
    if (mine.fixes.length > 0) {
      const fixed = applyEdits(bad, mine.fixes[0].edits);
      const after = await diagnose(fixed);
      assert.ok(!after.some((d) => d.code === rule.code), `after "${mine.fixes[0].title}":\n${fixed}`);
    }
    const ok = readFileSync(join(dir, `${rule.code}.ok.py`), 'utf8');
    assert.deepEqual((await diagnose(ok)).map((d) => `${d.code}: ${d.message}`), []);
  });
}
