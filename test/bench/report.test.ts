import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MachineInfo } from '../../bench/harness/machine';
import { formatValue, markdownTable, type Results, textTable, updatePerformanceDoc } from '../../bench/harness/report';
import { measured, notAvailable, reason } from '../../bench/harness/rows';

const machine: MachineInfo = {
  cpu: 'Test CPU', cores: 2, memoryGB: 4, freeMemoryGB: 2, loadAverage: [1, 1, 1], node: 'v20.0.0',
  platform: 'linux x64', ripgrep: 'ripgrep 13.0.0', date: '2026-01-01T00:00:00.000Z',
};

test('status follows value and target: max for times, min for throughput, info without target', () => {
  const t = { id: 'x', section: '1', label: 'x', unit: 'ms' };
  assert.equal(measured({ ...t, target: { value: 10, direction: 'max' } }, 9.5).status, 'met');
  assert.equal(measured({ ...t, target: { value: 10, direction: 'max' } }, 12).status, 'missed');
  assert.equal(measured({ ...t, target: { value: 3, direction: 'min' } }, 2).status, 'missed');
  assert.equal(measured(t, 5).status, 'info');
});

test('a figure that could not be measured has no number, only its reason', () => {
  const row = notAvailable({ id: 'y', section: '6', label: 'codec', unit: '×', target: { value: 3, direction: 'min' } }, 'codec not landed yet');
  assert.equal(row.value, null);
  assert.equal(row.status, 'n/a');
  assert.equal(formatValue(row), 'not available');
  assert.match(textTable([row]), /not available.*n\/a.*codec not landed yet/);
});

test('reasons are one short line', () => {
  assert.equal(reason(new Error('first line\n    at secret/stack.ts:1')), 'first line');
  assert.equal(reason('x'.repeat(500)).length, 200);
});

test('missed targets are marked in both tables; pipes in notes do not break markdown', () => {
  const row = measured({ id: 'z', section: '3', label: 'hover p99', unit: 'ms', target: { value: 10, direction: 'max' }, note: 'a|b' }, 42);
  assert.match(textTable([row]), /MISSED/);
  const md = markdownTable([row]);
  assert.match(md, /\| 3 \| hover p99 \| 42\.0 ms \| ≤ 10\.0 ms \| MISSED \| a\\\|b \|/);
});

test('the generated section is replaced; hand-written text around it is kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ds-report-'));
  try {
    const doc = join(dir, 'performance.md');
    const results = (value: number): Results => ({ machine, quick: false, durationSeconds: 1, rows: [measured({ id: 'a', section: '1', label: 'figure A', unit: 'ms' }, value)] });
    updatePerformanceDoc(doc, results(1));
    writeFileSync(doc, `# Perf\n\nIntro by hand.\n\n${readFileSync(doc, 'utf8').split('\n').slice(2).join('\n')}\nAnalysis by hand.\n`);
    updatePerformanceDoc(doc, results(777));
    const text = readFileSync(doc, 'utf8');
    assert.match(text, /Intro by hand\./);
    assert.match(text, /Analysis by hand\./);
    assert.match(text, /777 ms/);
    assert.doesNotMatch(text, /\| 1\.00 ms/);
    assert.equal(text.match(/bench:begin/g)?.length, 1);
    assert.match(text, /Test CPU, 2 cores/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
