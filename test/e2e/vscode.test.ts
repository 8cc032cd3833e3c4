// The extension in a real VS Code (route 1 of docs/vscode.md): VS Code server from code-server on
// Node 24 + chromium, the compiled suite test/e2e/suite run by the workbench's test runner.
// Two runs: a trusted workspace (LSP features, live sessions from SQLite and Redis, decode,
// read-only refusal) and a Restricted Mode one whose fake store must see no connection.
// DS_SCREENSHOT=1 also saves media/screenshot-live-sessions.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { requires } from '../support/requirements';
import { repo, runInVSCode, vscodeAvailable } from './harness';
import { buildSuite, fakeStore, suiteBundle } from './setup';
import { cleanupWorkspace, djangoAvailable, prepareWorkspace } from './workspace';

function redisUp(): boolean {
  return spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG';
}

async function ready(t: TestContext): Promise<boolean> {
  return (await requires(t, 'VS Code server (scripts/provision-vscode.sh) and chromium', vscodeAvailable))
    && (await requires(t, 'Debian Django with django-redis', djangoAvailable))
    && (await requires(t, 'Redis on 127.0.0.1:6379', redisUp))
    && (await requires(t, 'examples/shop', () => existsSync(join(repo, 'examples', 'shop', 'manage.py'))));
}

/** Shows the in-VS Code mocha results as diagnostics of the node:test test. */
function suiteLines(t: TestContext): (line: string) => void {
  return (line) => {
    if (/passing|failing|pending|NOTICE|✔|✓|^\s*\d+\) |^\s*- /.test(line)) t.diagnostic(line.trim());
  };
}

function report(log: string[]): string {
  return log.filter((l) => !/ENOTFOUND|serviceWorker|vsda/.test(l)).slice(-80).join('\n');
}

test('the extension works in a real VS Code on a trusted workspace', { timeout: 420_000 }, async (t) => {
  if (!(await ready(t))) return;
  await buildSuite();
  const fake = await fakeStore();
  try {
    const { workspace, infoPath, info } = prepareWorkspace('trusted', fake.port);
    t.after(() => cleanupWorkspace(info));
    if (process.env.DS_SCREENSHOT === '1') {
      info.screenshot = join(repo, 'media', 'screenshot-live-sessions.png');
      writeFileSync(infoPath, JSON.stringify(info, null, 2));
    }
    // The suite asks for the screenshot with a file; the driver holds the browser.
    let page: Page | undefined;
    const watcher = watch(info.signalDir, (_event, name) => {
      if (name !== 'screenshot-request' || !page || !info.screenshot) return;
      const target = info.screenshot;
      void page.screenshot({ path: target }).finally(() => writeFileSync(join(info.signalDir, 'screenshot-done'), ''));
    });
    try {
      const result = await runInVSCode({
        workspace, testsPath: suiteBundle, restricted: false,
        env: { DS_E2E_INFO: infoPath },
        onPage: (p) => { page = p; },
        onLog: suiteLines(t),
      });
      assert.equal(result.exitCode, 0, `VS Code suite failed:\n${report(result.log)}`);
    } finally {
      watcher.close();
    }
    assert.ok(fake.connections() > 0, 'control: a trusted workspace does contact a configured store');
  } finally {
    fake.server.close();
  }
});

test('Restricted Mode: analysis works and no session store is contacted', { timeout: 300_000 }, async (t) => {
  if (!(await ready(t))) return;
  await buildSuite();
  const fake = await fakeStore();
  try {
    const { workspace, infoPath, info } = prepareWorkspace('untrusted', fake.port);
    t.after(() => cleanupWorkspace(info));
    const result = await runInVSCode({ workspace, testsPath: suiteBundle, restricted: true, env: { DS_E2E_INFO: infoPath }, onLog: suiteLines(t) });
    assert.equal(result.exitCode, 0, `VS Code suite failed:\n${report(result.log)}`);
    assert.equal(fake.connections(), 0, 'a store was contacted from an untrusted workspace');
  } finally {
    fake.server.close();
  }
});
