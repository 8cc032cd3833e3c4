import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderRulesDoc } from '../../server/src/rules/docs';
import { rules } from '../../server/src/rules/registry';

test('docs/rules.md is generated from the rules and up to date', () => {
  assert.equal(readFileSync('docs/rules.md', 'utf8'), renderRulesDoc(), 'stale: run `npx tsx scripts/gen-rules-doc.ts`');
});

test('every rule is documented: unique code and name, all four sections, severities', () => {
  assert.equal(new Set(rules.map((r) => r.code)).size, rules.length);
  assert.equal(new Set(rules.map((r) => r.name)).size, rules.length);
  for (const r of rules) {
    assert.match(r.code, /^DS\d{3}$/);
    assert.match(r.name, /^[a-z0-9-]+$/);
    for (const part of [r.docs.whatItDoes, r.docs.whyIsThisBad, r.docs.example, r.docs.fix]) assert.ok(part.length > 10, `${r.code} docs`);
  }
  const ids = rules.flatMap((r) => r.djangoIds).sort();
  assert.deepEqual(ids, ['admin.E410', 'security.W009', 'security.W010', 'security.W011', 'security.W012', 'security.W013', 'security.W014', 'security.W015', 'security.W016', 'security.W025']);
});
