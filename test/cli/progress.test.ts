// Progress goes to stderr only when stderr is a terminal; piped runs get nothing but the result.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, cliPath, repoRoot } from './cli';

const project = join(repoRoot, 'test/fixtures/cli/project');

test('piped: stderr stays empty and stdout holds only the result', async () => {
  const run = await cli(['keys', project, '--format', 'json']);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, '');
  assert.doesNotThrow(() => JSON.parse(run.stdout));
});

test('on a terminal: an indexing progress line that erases itself', (t) => {
  if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('util-linux script is not installed');
  // script(1) gives the CLI a pseudo-terminal; stdout goes to /dev/null so only stderr reaches it.
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} keys ${JSON.stringify(project)} >/dev/null`;
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const erase = '\r\u001b[2K';
  assert.match(run.stdout.split(erase).join('<erase>'), /<erase>indexing \d+\/\d+ files/);
  assert.ok(run.stdout.endsWith(erase), 'the line is cleared at the end');
});
