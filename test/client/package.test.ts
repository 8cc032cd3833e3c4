// `vsce package` makes a .vsix with only what runs (bundles, wasm, grammars, snippets, icon,
// README, LICENSE, CHANGELOG), at most 5 MB. Needs the bundles: `npm run build` (npm test does it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { inflateRawSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..');

/** Entries of a zip file from its central directory (name -> uncompressed content on demand). */
function zipEntries(buf: Buffer): Map<string, () => Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, () => Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    entries.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : data;
    });
    p += 46 + nameLength + extra;
  }
  return entries;
}

test('the .vsix holds only what runs and stays under 5 MB', { timeout: 180_000 }, () => {
  for (const bundle of ['dist/client.js', 'dist/server.js']) {
    assert.ok(existsSync(join(root, bundle)), `${bundle} missing: run npm run build`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ds-vsix-'));
  try {
    const out = join(dir, 'django-sessions.vsix');
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', out], { cwd: root, encoding: 'utf8', timeout: 170_000 });
    assert.equal(run.status, 0, `vsce package failed:\n${run.stdout}\n${run.stderr}`);
    const size = statSync(out).size;
    assert.ok(size <= 5 * 1024 * 1024, `vsix is ${size} bytes`);

    const entries = zipEntries(readFileSync(out));
    const files = [...entries.keys()].filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length)).sort();
    const allowed = [
      /^dist\/(client|server|factsWorker)\.js$/, /^dist\/[\w-]+\.wasm$/, /^syntaxes\/[\w.-]+\.tmLanguage\.json$/, /^snippets\/[\w-]+\.json$/,
      /^media\/(icon\.png|sessions\.svg)$/, /^(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
    ];
    assert.deepEqual(files.filter((f) => !allowed.some((r) => r.test(f))), [], 'unexpected files in the vsix');
    for (const needed of ['dist/client.js', 'dist/server.js', 'dist/factsWorker.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'media/icon.png', 'package.json', 'readme.md', 'LICENSE.txt', 'changelog.md']) {
      assert.ok(files.includes(needed), `${needed} is missing from the vsix`);
    }
    // Everything package.json points at is inside.
    const manifest = JSON.parse(entries.get('extension/package.json')!().toString());
    const referenced = [
      manifest.main.replace(/^\.\//, ''), manifest.icon,
      ...manifest.contributes.grammars.map((g: { path: string }) => g.path.replace(/^\.\//, '')),
      ...manifest.contributes.snippets.map((s: { path: string }) => s.path.replace(/^\.\//, '')),
      ...manifest.contributes.viewsContainers.activitybar.map((v: { icon: string }) => v.icon),
    ];
    for (const f of referenced) assert.ok(files.includes(f), `package.json references ${f}, not in the vsix`);
    assert.ok(!files.some((f) => f.endsWith('.map') || f.endsWith('.ts')), 'no sources or source maps');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
