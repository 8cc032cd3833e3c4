// The SARIF writer against the official SARIF 2.1.0 schema and what GitHub code scanning needs:
// rules with ids and help, results pointing at rules, relative URIs under a uriBaseId, 1-based regions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Log } from 'sarif';
import { sarifLog, SRCROOT } from '../../server/src/shells/cli/format/sarif';
import type { CliDiagnostic, CliRule } from '../../server/src/shells/cli/model';
import { sarifErrors } from './sarif-schema';

const rules: CliRule[] = [
  { code: 'DS201', name: 'session-cookie-not-secure', summary: 'SESSION_COOKIE_SECURE is not True', help: '## What it does\nFlags it.', djangoIds: ['security.W010', 'security.W011', 'security.W012'], defaultSeverity: 'warning' },
];
const diagnostics: CliDiagnostic[] = [
  { file: 'shop/settings/prod.py', line: 3, column: 1, endLine: 3, endColumn: 30, code: 'DS201', severity: 'warning', message: 'SESSION_COOKIE_SECURE is False', django: 'security.W012' },
  { file: 'shop/views with space.py', line: 12, column: 5, endLine: 12, endColumn: 11, code: 'DS101', severity: 'hint', message: "'crat' is read but never written", django: null },
];

test('a log with results is valid SARIF 2.1.0', () => {
  const log = sarifLog(diagnostics, rules, { name: 'django-sessions', version: '0.1.0' });
  assert.deepEqual(sarifErrors(log), []);
});

test('an empty log is valid too', () => {
  assert.deepEqual(sarifErrors(sarifLog([], [], { name: 'django-sessions', version: '0.1.0' })), []);
});

test('the schema check can fail: a result without a message is rejected', () => {
  const log = sarifLog(diagnostics, rules, { name: 'django-sessions', version: '0.1.0' }) as unknown as { runs: { results: Record<string, unknown>[] }[] };
  delete log.runs[0].results[0].message;
  assert.notDeepEqual(sarifErrors(log), []);
});

test('results reference rules by id and index; undocumented codes still get a rule', () => {
  const log = sarifLog(diagnostics, rules, { name: 'django-sessions', version: '0.1.0' });
  const run = log.runs[0];
  const ids = run.tool.driver.rules?.map((r) => r.id);
  assert.deepEqual(ids, ['DS201', 'DS101']);
  for (const result of run.results ?? []) assert.equal(ids?.[result.ruleIndex ?? -1], result.ruleId);
  assert.deepEqual(run.tool.driver.rules?.[0].help, { text: rules[0].help, markdown: rules[0].help });
  assert.equal(run.tool.driver.rules?.[0].defaultConfiguration?.level, 'warning');
});

test('locations are relative, percent-encoded, under %SRCROOT%, with 1-based regions; hint maps to note', () => {
  const [first, second] = sarifLog(diagnostics, rules, { name: 'django-sessions', version: '0.1.0' }).runs[0].results ?? [];
  const where = (r: typeof first) => r.locations?.[0].physicalLocation;
  assert.deepEqual(where(first)?.artifactLocation, { uri: 'shop/settings/prod.py', uriBaseId: SRCROOT });
  assert.deepEqual(where(first)?.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 30 });
  assert.equal(where(second)?.artifactLocation?.uri, 'shop/views%20with%20space.py');
  assert.equal(first.level, 'warning');
  assert.equal(second.level, 'note');
  assert.match(first.message.text ?? '', /\(security\.W012\)$/);
});

test('the bundled check gives each rule id one meaning: the Django id of a result is among the tags of its rule', async () => {
  const { cli, json, repoRoot } = await import('./cli');
  const run = await cli(['check', `${repoRoot}/test/fixtures/cli/project`, '--format', 'sarif']);
  const [sarifRun] = json<Log>(run).runs;
  const rules = sarifRun.tool.driver.rules ?? [];
  const checked = (sarifRun.results ?? []).filter((r) => /\((security|admin)\.\w+\)$/.test(r.message.text ?? ''));
  assert.ok(checked.length > 0);
  for (const result of checked) {
    const id = /\(([\w.]+)\)$/.exec(result.message.text ?? '')?.[1];
    assert.ok(rules[result.ruleIndex ?? -1]?.properties?.tags?.includes(id ?? ''), `${result.ruleId} ${id}`);
  }
});
