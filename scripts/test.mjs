// Runs every test file under test/ with node's test runner (TypeScript through tsx), then prints
// one plain summary line. Usage: node scripts/test.mjs [substring filter...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // test/e2e/suite holds mocha suites that run inside VS Code (test/e2e/vscode.test.ts starts them).
    if (name === 'fixtures' || name === 'node_modules' || path === join('test', 'e2e', 'suite')) return [];
    return statSync(path).isDirectory() ? find(path) : name.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = find('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
mkdirSync('.cache', { recursive: true });
// One file per run: several runs at once must not read each other's counts.
const tap = join('.cache', `test-results-${process.pid}.tap`);
const result = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', '--test-concurrency=1',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ...files,
], { stdio: 'inherit' });

const count = (name) => Number((readFileSync(tap, 'utf8').match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
console.log(`\ntests: ${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`);
rmSync(tap, { force: true });
process.exit(result.status ?? 1);
