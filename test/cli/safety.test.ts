// Writes need --yes; secrets are named by environment variable and never echoed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from './cli';

test('delete and clear-expired refuse without --yes, before touching the store', async () => {
  // Port 9 (discard) on loopback: nothing listens, so reaching the store would be a different error.
  for (const args of [['sessions', 'delete', 'abcdefgh12345678'], ['sessions', 'clear-expired']]) {
    const run = await cli([...args, '--store', 'redis://127.0.0.1:9/0']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /refusing without --yes/);
    assert.equal(run.stdout, '');
  }
});

test('a secret passed where a variable name belongs is refused and never printed', async () => {
  const secret = 'django-insecure-9f$x+k2!q)secretvalue';
  for (const args of [['decode', 'abc', '--secret-key-env', secret], ['sessions', 'list', '--store', 'sqlite:x.db', '--secret-key-env', secret]]) {
    const run = await cli(args);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /takes the NAME of an environment variable/);
    assert.ok(!run.stderr.includes(secret) && !run.stdout.includes(secret), 'the secret is not echoed');
  }
});

test('a named secret variable that is unset is a clear error', async () => {
  const run = await cli(['decode', 'abc', '--secret-key-env', 'DS_CLI_TEST_UNSET']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /the environment variable DS_CLI_TEST_UNSET is not set/);
});

test('--password-env names a variable too', async () => {
  const run = await cli(['sessions', 'list', '--store', 'postgres://postgres@127.0.0.1:9/x', '--password-env', 'hunter2!pw']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--password-env takes the NAME of an environment variable/);
  assert.ok(!run.stderr.includes('hunter2!pw'));
});
