// `check` on a careless production project: every format, exit codes, and Django as the judge of
// the deploy-check ids the CLI reports.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Log } from 'sarif';
import { requires } from '../support/requirements';
import { cli, json, repoRoot } from './cli';
import { sarifErrors } from './sarif-schema';

const project = join(repoRoot, 'test/fixtures/cli/project');

interface Diagnostic { file: string; line: number; column: number; code: string; severity: string; message: string; django: string | null }

async function checkJson(): Promise<{ code: number | null; diagnostics: Diagnostic[] }> {
  const run = await cli(['check', project, '--format', 'json', '--fail-on', 'info']);
  return { code: run.code, diagnostics: json<{ diagnostics: Diagnostic[] }>(run).diagnostics };
}

test('json: relative paths, 1-based positions that point at the setting, the Django id beside ours', async () => {
  const { diagnostics } = await checkJson();
  const secure = diagnostics.find((d) => d.django === 'security.W012');
  assert.ok(secure, JSON.stringify(diagnostics, null, 1));
  assert.equal(secure.file, 'proj/settings/prod.py');
  const line = readFileSync(join(project, secure.file), 'utf8').split('\n')[secure.line - 1];
  assert.match(line.slice(secure.column - 1), /^SESSION_COOKIE_SECURE\b|^False/);
  for (const d of diagnostics) {
    assert.ok(!d.file.startsWith('/') && !d.file.includes('\\'), d.file);
    assert.ok(d.line >= 1 && d.column >= 1);
    assert.match(d.code, /^DS\d{3}$/);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity));
  }
  assert.ok(!JSON.stringify(diagnostics).includes('too-short'), 'the SECRET_KEY value is never printed');
});

test('the deploy-check ids match what Django 3.2 reports on the same project', async (t) => {
  if (!(await requires(t, 'Django 3.2 (/usr/bin/python3)', () => spawnSync('/usr/bin/python3', ['-c', 'import django']).status === 0))) return;
  const django = spawnSync('/usr/bin/python3', ['manage.py', 'check', '--deploy', '--fail-level', 'CRITICAL'], { cwd: project, encoding: 'utf8' });
  const reported = new Set((django.stdout + django.stderr).match(/security\.W0(09|1[0-6]|25)\b/g));
  const { diagnostics } = await checkJson();
  const ours = new Set(diagnostics.map((d) => d.django).filter((id): id is string => Boolean(id && /^security\.W0(09|1[0-6]|25)$/.test(id))));
  assert.deepEqual([...ours].sort(), [...reported].sort());
});

test('text: one file:line:col line per finding, in the order and content of the JSON', async () => {
  const { diagnostics } = await checkJson();
  const run = await cli(['check', '--fail-on', 'info'], { cwd: project });
  const lines = run.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
  assert.equal(lines.length, diagnostics.length);
  diagnostics.forEach((d, i) => assert.equal(lines[i], `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}${d.django ? ` [${d.django}]` : ''}`));
  assert.match(run.stdout, new RegExp(`\\n${diagnostics.length} problems? \\(`));
});

test('--fail-on decides the exit code from the findings severities', async () => {
  const { diagnostics } = await checkJson();
  const rank = ['hint', 'info', 'warning', 'error'];
  for (const failOn of ['error', 'warning', 'info']) {
    const expected = diagnostics.some((d) => rank.indexOf(d.severity) >= rank.indexOf(failOn)) ? 1 : 0;
    const run = await cli(['check', project, '--fail-on', failOn, '--format', 'json']);
    assert.equal(run.code, expected, `--fail-on ${failOn}`);
  }
  assert.ok(diagnostics.some((d) => d.severity === 'warning' || d.severity === 'error'), 'the fixture has real findings');
});

test('a project with nothing to report exits 0', async () => {
  const run = await cli(['check', join(repoRoot, 'test/fixtures/cli/project/store/templates'), '--fail-on', 'info']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /No problems found\./);
});

test('sarif: valid SARIF 2.1.0; every result points at a real file and line, with its rule documented', async () => {
  const run = await cli(['check', project, '--format', 'sarif', '--fail-on', 'info']);
  const log = json<Log>(run);
  assert.deepEqual(sarifErrors(log), []);
  const { diagnostics } = await checkJson();
  const [sarifRun] = log.runs;
  assert.equal(sarifRun.results?.length, diagnostics.length);
  const rules = sarifRun.tool.driver.rules ?? [];
  for (const result of sarifRun.results ?? []) {
    const rule = rules[result.ruleIndex ?? -1];
    assert.equal(rule?.id, result.ruleId);
    assert.ok(rule.help?.text, `rule ${rule.id} has help`);
    const where = result.locations?.[0].physicalLocation;
    assert.equal(where?.artifactLocation?.uriBaseId, '%SRCROOT%');
    const lines = readFileSync(join(project, decodeURI(where?.artifactLocation?.uri ?? '')), 'utf8').split('\n');
    assert.ok((where?.region?.startLine ?? 0) <= lines.length);
  }
});

test('bad input does not crash check: syntax errors, binary files', async () => {
  const run = await cli(['check', join(repoRoot, 'test/fixtures/cli/broken'), '--format', 'json']);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  assert.ok(Array.isArray(json<{ diagnostics: unknown[] }>(run).diagnostics));
});
