// Snippets: well-formed, clear `ds-` prefixes, Python bodies that compile, a settings block that
// passes Django's own `check --deploy` for sessions/cookies, template bodies our grammar sees as keys.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { requires } from '../support/requirements';
import { textsWithScope } from '../grammar/tokenize';

const root = join(import.meta.dirname, '..', '..');
type Snippets = Record<string, { prefix: string; body: string[]; description: string }>;
const load = (file: string): Snippets => JSON.parse(readFileSync(join(root, 'snippets', file), 'utf8'));
const python = load('python.json');
const templates = load('django-html.json');
const djangoPython = '/usr/bin/python3';

/** The text a user gets by accepting every default: `${1:x}` -> x, `${1|a,b|}` -> a, `$1` -> pass. */
function expand(body: string[]): string {
  return body.join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, 'pass');
}

test('every snippet has a unique ds- prefix, a description and a body', () => {
  const prefixes = new Set<string>();
  for (const [name, s] of Object.entries({ ...python, ...templates })) {
    assert.match(s.prefix, /^ds-[a-z-]+$/, name);
    assert.ok(!prefixes.has(s.prefix), `duplicate prefix ${s.prefix}`);
    prefixes.add(s.prefix);
    assert.ok(s.description.length > 10, name);
    assert.ok(s.body.length > 0 && s.body.every((l) => typeof l === 'string'), name);
  }
  for (const wanted of ['ds-set', 'ds-get', 'ds-del', 'ds-flush', 'ds-cycle-key', 'ds-expiry', 'ds-cart', 'ds-settings-secure']) {
    assert.ok(prefixes.has(wanted), `missing ${wanted}`);
  }
});

test('python snippets compile once expanded', async (t) => {
  if (!(await requires(t, 'Debian python3', () => existsSync(djangoPython)))) return;
  const sources = Object.fromEntries(Object.entries(python).map(([name, s]) => [name, `def _snippet(request, value=None, username='', password='', HttpResponse=None):\n${expand(s.body).split('\n').map((l) => `    ${l}`).join('\n')}\n`]));
  const script = 'import json, sys\nfor name, src in json.load(sys.stdin).items():\n    try:\n        compile(src, name, "exec")\n    except SyntaxError as e:\n        print(name, e)\n';
  const run = spawnSync(djangoPython, ['-c', script], { input: JSON.stringify(sources), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '', `snippets with syntax errors:\n${run.stdout}`);
});

test("the secure settings snippet silences Django's session/cookie deploy checks", async (t) => {
  if (!(await requires(t, 'Django (Debian python3-django)', () => spawnSync(djangoPython, ['-c', 'import django']).status === 0))) return;
  const dir = mkdtempSync(join(tmpdir(), 'ds-snippet-'));
  try {
    const base = [
      "SECRET_KEY = 'x' * 60 + 'a-long-random-enough-secret-key-for-the-deploy-check-only'",
      'DEBUG = False',
      "ALLOWED_HOSTS = ['shop.example']",
      "INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', 'django.contrib.sessions']",
      "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware', 'django.middleware.csrf.CsrfViewMiddleware']",
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}",
    ].join('\n');
    const check = (name: string, extra: string) => {
      writeFileSync(join(dir, `${name}.py`), `${base}\n${extra}\n`);
      const r = spawnSync(djangoPython, ['-m', 'django', 'check', '--deploy', `--settings=${name}`], { cwd: dir, env: { ...process.env, PYTHONPATH: dir }, encoding: 'utf8' });
      return `${r.stdout}${r.stderr}`;
    };
    const session = /security\.W0(0[48]|1[0-6])\b/g;
    // Without the block Django warns (the check is live), with it those warnings are gone.
    assert.ok([...(check('plain', '').match(session) ?? [])].includes('security.W012'));
    const out = check('secure', expand(python['Session: secure production settings'].body));
    assert.match(out, /System check identified|no issues/);
    assert.deepEqual(out.match(session) ?? [], [], out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('template snippets put a key where the grammar marks session keys', async () => {
  for (const [name, s] of Object.entries(templates)) {
    const keys = await textsWithScope('text.html.django', expand(s.body), 'entity.name.session-key.django');
    assert.equal(keys.length, 1, `${name}: ${expand(s.body)}`);
  }
});
