// Real Django judges the checks it has: for every fixture project under test/fixtures/settings and
// every environment variant, the Django ids we report must equal the ids `manage.py check --deploy`
// reports, under Django 3.2.25 and Django 5.2.17 alike. Ids static evaluation cannot decide are listed
// per fixture in oracle.json ("unknown") and checked to be exactly those.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { rules } from '../../server/src/rules/registry';
import { djangoIdsReported } from '../../server/src/rules/check';
import { evaluateSettings } from '../../server/src/settings/evaluate';
import { findSettingsModules } from '../../server/src/settings/discover';
import { requires } from '../support/requirements';
import { workspaceFromDir } from '../settings/workspace';

const fixturesDir = resolve('test/fixtures/settings');
const django5 = resolve('.cache/django5');
const PYTHON = '/usr/bin/python3';
const versions = [
  { name: 'Django 3.2', version: '3.2', pythonPath: '' },
  { name: 'Django 5.2', version: '5.2', pythonPath: django5 },
];
/** Only ids some rule of ours reproduces are compared (Django also reports HSTS, ALLOWED_HOSTS, ...). */
const covered = new Set(rules.flatMap((r) => r.djangoIds));

interface Oracle { note: string; variants: Record<string, string>[]; unknown: Record<string, string[]> }
interface Job { id: string; dir: string; module: string; env: Record<string, string> }

const fixtures = readdirSync(fixturesDir).filter((d) => existsSync(join(fixturesDir, d, 'oracle.json'))).sort();
/** The example project is judged too: its dev settings (what manage.py loads) and its prod settings. */
const exampleSecret = 'k8#Qz2vLp9Rt4Wm7Xc1Nb5Hy3Jd6Fg0Su-Ae_Io+Qw=Er%Ty!Ui@Op^As&Df*';
const examples: { id: string; module: string; env: Record<string, string> }[] = [
  { id: 'examples/shop dev', module: 'shop.settings.dev', env: {} },
  { id: 'examples/shop prod', module: 'shop.settings.prod', env: { DJANGO_SECRET_KEY: exampleSecret } },
  { id: 'examples/shop prod, insecure cookies', module: 'shop.settings.prod', env: { DJANGO_SECRET_KEY: exampleSecret, DJANGO_INSECURE_COOKIES: '1' } },
];

function djangoIds(output: string): string[] {
  const ids = new Set<string>();
  for (const m of output.matchAll(/\(([a-z_]+\.[A-Z]\d+)\)/g)) if (covered.has(m[1])) ids.add(m[1]);
  return [...ids].sort();
}

function runDriver(jobs: Job[], pythonPath: string): Promise<Map<string, { output: string; error: string | null }>> {
  return new Promise((done, fail) => {
    const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8' };
    if (pythonPath) env.PYTHONPATH = pythonPath;
    const child = spawn(PYTHON, [resolve('test/rules/oracle_driver.py')], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', () => {
      const results = new Map<string, { output: string; error: string | null }>();
      for (const line of out.split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as { id: string; output: string; error: string | null };
        results.set(r.id, r);
      }
      done(results);
    });
    child.stdin.end(JSON.stringify(jobs));
  });
}

test('the settings oracle has at least 20 fixture projects', () => {
  assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixtures`);
});

for (const v of versions) {
  test(`${v.name} check --deploy agrees with our rules on every fixture`, async (t) => {
    const ok = await requires(t, v.name, () => {
      const r = spawnSync(PYTHON, ['-c', 'import django; print(django.get_version())'], { env: { PATH: '/usr/bin:/bin', ...(v.pythonPath ? { PYTHONPATH: v.pythonPath } : {}) }, encoding: 'utf8' });
      return r.status === 0 && r.stdout.startsWith(v.version);
    });
    if (!ok) return;
    const jobs: (Job & { fixture: string; oracle: Oracle })[] = [];
    for (const fixture of fixtures) {
      const oracle = JSON.parse(readFileSync(join(fixturesDir, fixture, 'oracle.json'), 'utf8')) as Oracle;
      const dir = join(fixturesDir, fixture);
      const { primary } = await findSettingsModules(workspaceFromDir(dir));
      assert.ok(primary, `${fixture}: manage.py names the settings module`);
      oracle.variants.forEach((env, i) => jobs.push({ id: `${fixture}#${i}`, dir, module: primary.module, env, fixture, oracle }));
    }
    for (const e of examples) jobs.push({ ...e, dir: resolve('examples/shop'), fixture: e.id, oracle: { note: e.id, variants: [], unknown: {} } });
    const results = await runDriver(jobs, v.pythonPath);
    for (const job of jobs) {
      await t.test(`${job.id} env: ${Object.keys(job.env).join(', ') || 'none'}`, async () => {
        const result = results.get(job.id);
        assert.ok(result && !result.error, `Django failed on ${job.id}: ${result?.error}`);
        const theirs = djangoIds(result.output);
        const model = await evaluateSettings(job.module, workspaceFromDir(job.dir), { env: job.env });
        const ours = djangoIdsReported(model, v.version);
        const undecidable = job.oracle.unknown[v.version] ?? [];
        for (const id of undecidable) assert.ok(theirs.includes(id) && !ours.includes(id), `${id} is documented as undecidable for ${job.fixture}`);
        assert.deepEqual(ours, theirs.filter((id) => !undecidable.includes(id)), `${job.fixture}: ${job.oracle.note}`);
      });
    }
  });
}
