// The CLI's contract before any engine work: usage, unknown input, exit codes, stdout/stderr split.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, repoRoot } from './cli';

test('no command: usage on stderr, exit 2, nothing on stdout', async () => {
  const run = await cli([]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /Usage: django-sessions <command>/);
});

test('--help prints usage on stdout with exit 0; each command has its own help', async () => {
  const main = await cli(['--help']);
  assert.equal(main.code, 0);
  for (const command of ['check', 'keys', 'sessions', 'decode', 'demo']) assert.match(main.stdout, new RegExp(`\\n  ${command}\\b`));
  for (const command of ['check', 'keys', 'sessions', 'decode']) {
    const run = await cli([command, '--help']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^Usage: django-sessions ${command}`));
  }
});

test('--version is the package version', async () => {
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const run = await cli(['--version']);
  assert.equal(run.code, 0);
  assert.equal(run.stdout.trim(), version);
});

test('unknown command, unknown option and bad option values exit 2 with a message', async () => {
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
    [['check', '--format', 'xml'], /--format must be one of text, json, sarif \(got "xml"\)/],
    [['check', '--fail-on', 'hint'], /--fail-on must be one of error, warning, info/],
    [['check', 'a', 'b'], /expected at most one PATH/],
    [['check', 'no/such/dir'], /no\/such\/dir does not exist/],
    [['keys', 'package.json'], /package.json is not a directory/],
    [['sessions'], /expected one of list, show, delete, clear-expired/],
    [['sessions', 'show'], /expected one session KEY/],
    [['sessions', 'list', '--limit', '0', '--store', 'sqlite:x'], /--limit must be a positive integer/],
    [['decode'], /expected one VALUE/],
  ];
  for (const [args, message] of cases) {
    const run = await cli(args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stdout, '', args.join(' '));
    assert.match(run.stderr, message, args.join(' '));
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
});
