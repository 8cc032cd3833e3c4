// Shared by the node:test driver (vscode.test.ts) and the Electron entry (electron.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { freePort, repo } from './harness';

export const suiteBundle = join(repo, 'dist', 'e2e', 'index.js');

/** Bundles the in-VS Code suite (and the extension when not built yet). */
export async function buildSuite(): Promise<void> {
  if (!existsSync(join(repo, 'dist', 'client.js')) || !existsSync(join(repo, 'dist', 'server.js'))) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: 'inherit' });
    assert.equal(r.status, 0, 'npm run build failed');
  }
  await build({
    entryPoints: [join(repo, 'test', 'e2e', 'suite', 'index.ts')],
    outfile: suiteBundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/** A TCP server that only counts connections (and closes them): a store nobody may contact. */
export async function fakeStore(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port, connections: () => count };
}
