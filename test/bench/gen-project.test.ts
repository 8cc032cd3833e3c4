import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generate, largeViewsFile, MANIFEST, type Manifest, writeProject } from '../../bench/gen/project';
import { requires } from '../support/requirements';

function digest(files: number, seed: string): string {
  const h = createHash('sha256');
  for (const f of generate(files, seed)) h.update(f.path).update('\0').update(f.text).update('\0');
  return h.digest('hex');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

test('same files and seed give byte-identical projects; another seed differs', () => {
  const a = digest(300, 'alpha');
  assert.equal(digest(300, 'alpha'), a);
  assert.notEqual(digest(300, 'beta'), a);
});

test('exactly N files are produced, with unique paths', () => {
  for (const n of [1, 9, 10, 77, 400]) {
    const paths = [...generate(n, 's')].map((f) => f.path);
    assert.equal(paths.length, n);
    assert.equal(new Set(paths).size, n);
  }
});

test('realistic mix: about 10 KB per file, a few percent use sessions, all kinds present', () => {
  const files = [...generate(1200, 'mix')];
  const avg = files.reduce((a, f) => a + f.text.length, 0) / files.length;
  assert.ok(avg > 8000 && avg < 12000, `average ${avg} bytes`);
  const share = files.filter((f) => f.usesSession).length / files.length;
  assert.ok(share > 0.01 && share < 0.1, `session share ${share}`);
  for (const re of [/\/views\/\w+\.py$/, /\/models\.py$/, /\/tests\/test_\w+\.py$/, /\.html$/, /settings\/production\.py$/, /migrations\/\d+/]) {
    assert.ok(files.some((f) => re.test(f.path)), `no file matches ${re}`);
  }
});

test('every probe points at its key inside a quoted literal or a template variable', () => {
  const files = [...generate(600, 'probes')];
  const probes = files.flatMap((f) => f.probes.map((p) => ({ p, lines: f.text.split('\n') })));
  assert.ok(probes.length > 20, `only ${probes.length} probes`);
  for (const { p, lines } of probes) {
    const line = lines[p.line];
    assert.equal(line.slice(p.character, p.character + p.key.length), p.key, `${p.file}:${p.line}`);
    assert.match(line.charAt(p.character - 1), /['".]/);
  }
});

test('writeProject writes the files and a manifest that describes them', () => {
  const out = mkdtempSync(join(tmpdir(), 'ds-gen-'));
  try {
    const m = writeProject(150, 'disk', out);
    const written = walk(out).filter((p) => !p.endsWith(MANIFEST));
    assert.equal(written.length, 150);
    const bytes = written.reduce((a, p) => a + statSync(p).size, 0);
    assert.equal(m.bytes, bytes);
    const onDisk = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as Manifest;
    assert.deepEqual(onDisk, m);
    for (const p of m.probes.slice(0, 50)) assert.ok(existsSync(join(out, p.file)));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the large edit file has exactly the requested lines and session accesses', () => {
  const text = largeViewsFile(3000);
  assert.equal(text.split('\n').length - 1, 3000);
  assert.ok((text.match(/request\.session/g) ?? []).length > 20);
  assert.equal(largeViewsFile(3000), text);
});

test('generated Python compiles with CPython', async (t) => {
  if (!(await requires(t, '/usr/bin/python3', () => existsSync('/usr/bin/python3')))) return;
  const out = mkdtempSync(join(tmpdir(), 'ds-gen-py-'));
  try {
    writeProject(250, 'compile', out);
    const py = 'import pathlib,sys\nbad=[]\nfor p in pathlib.Path(sys.argv[1]).rglob("*.py"):\n' +
      '    try: compile(p.read_text(), str(p), "exec")\n    except SyntaxError as e: bad.append(f"{p}: {e}")\nprint("\\n".join(bad)); sys.exit(1 if bad else 0)';
    const r = spawnSync('/usr/bin/python3', ['-c', py, out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the CLI rejects bad arguments without a stack trace', () => {
  const r = spawnSync(process.execPath, ['scripts/gen-project.mjs', '--files', 'lots', '--out', join(tmpdir(), 'ds-never')], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--files must be a positive integer/);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
});
