// The same server driven by real Neovim (headless, vim.lsp): completion, hover and diagnostics.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { requires } from '../support/requirements';
import { repoRoot, serverPath } from '../support/lspClient';
import { copyFixture, positionOf } from './fixture';

test('Neovim gets completion, hover and diagnostics from the server', async (t) => {
  if (!(await requires(t, 'Neovim (nvim)', () => spawnSync('nvim', ['--version']).status === 0))) return;
  const fixture = copyFixture('shop');
  try {
    const out = join(fixture.root, 'nvim-result.json');
    const position = positionOf(fixture.read('cart/views.py'), "'coupon' in", 3);
    const run = spawnSync('nvim', ['--headless', '--clean', '-u', join(repoRoot, 'test/fixtures/lsp/nvim/init.lua')], {
      env: { ...process.env, DS_ROOT: fixture.root, DS_OUT: out, DS_SERVER: serverPath, DS_FILE: 'cart/views.py', DS_LINE: String(position.line), DS_COL: String(position.character) },
      timeout: 90_000, encoding: 'utf8',
    });
    assert.equal(run.status, 0, `nvim exited with ${run.status}: ${run.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { ready: string; completion: string[]; hover?: string; diagnostics: string[]; error?: string };
    assert.equal(result.error, undefined);
    assert.equal(result.ready, 'ready');
    assert.ok(result.completion.includes('coupon') && result.completion.includes('cart'), result.completion.join(','));
    assert.match(result.hover ?? '', /session key\*\* `coupon`/);
    assert.ok(result.diagnostics.includes('DS101'), result.diagnostics.join(','));
  } finally {
    fixture.remove();
  }
});
