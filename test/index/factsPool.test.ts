// The initial index on worker threads (dist/factsWorker.js, built by `npm run build`) gives the
// same facts as in-process extraction, and falls back to in-process when a worker cannot run.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { djangoExtractor } from '../../server/src/index/djangoExtractor';
import type { FactsExtractor } from '../../server/src/index/extractor';
import { defaultWorkerCount, FactsPool } from '../../server/src/index/factsPool';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';

const ROOT = join(__dirname, '..', '..');
const SHOP = join(ROOT, 'examples', 'shop');
const WORKER = join(ROOT, 'dist', 'factsWorker.js');
const temp = mkdtempSync(join(tmpdir(), 'ds-pool-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function withWorkers(script: string, size: number, started: FactsPool[]): FactsExtractor {
  return {
    ...djangoExtractor(),
    workers: (log: (message: string) => void) => {
      const pool = FactsPool.start(script, size, log);
      if (pool) started.push(pool);
      return pool;
    },
  };
}

/** Every file's facts and resolved accesses, as JSON, in file order. */
function factsOf(index: WorkspaceIndex): string[] {
  return index.knownFiles().sort().map((file) => JSON.stringify([index.fileFacts(file) ?? null, index.accessesIn(file)]));
}

const MODES = {
  // Big trees: this thread and the workers read, pre-filter and extract batches of paths.
  'path batches': { minWalkedForWorkers: 0 },
};

for (const [mode, options] of Object.entries(MODES)) {
  test(`${mode}: the example shop indexed on two worker threads has exactly the facts of the in-process index`, { skip: !existsSync(WORKER) && 'run `npm run build` first (dist/factsWorker.js)' }, async () => {
    const plain = new WorkspaceIndex({ root: SHOP, extractor: djangoExtractor() });
    const plainStats = await plain.build();
    const started: FactsPool[] = [];
    const pooled = new WorkspaceIndex({ root: SHOP, extractor: withWorkers(WORKER, 2, started) });
    const progress: number[] = [];
    const stats = await pooled.build({ ...options, progress: (done) => progress.push(done) });
    assert.equal(started.length, 1, 'the workers were used');
    assert.deepEqual([stats.parsed, stats.skipped, stats.files], [plainStats.parsed, plainStats.skipped, plainStats.files]);
    assert.deepEqual(factsOf(pooled), factsOf(plain));
    assert.ok([...pooled.allAccesses()].length > 20);
    assert.equal(progress[progress.length - 1], stats.files);
  });

  test(`${mode}: a worker that dies at start-up: the index is built in-process, and says so in the log`, async () => {
    const broken = join(temp, 'broken-worker.js');
    writeFileSync(broken, "throw new Error('boom');\n");
    const lines: string[] = [];
    const plain = new WorkspaceIndex({ root: SHOP, extractor: djangoExtractor() });
    await plain.build();
    const started: FactsPool[] = [];
    const index = new WorkspaceIndex({ root: SHOP, extractor: withWorkers(broken, 2, started), log: (m) => lines.push(m) });
    await index.build(options);
    assert.equal(started.length, 1);
    assert.deepEqual(factsOf(index), factsOf(plain));
    assert.ok(lines.some((l) => l.includes('facts worker stopped')), lines.join('\n'));
  });
}

test('path batches: a cancelled build stops, and the workers with it', { skip: !existsSync(WORKER) && 'run `npm run build` first' }, async () => {
  const started: FactsPool[] = [];
  const index = new WorkspaceIndex({ root: SHOP, extractor: withWorkers(WORKER, 2, started) });
  const stats = await index.build({ minWalkedForWorkers: 0, token: { isCancellationRequested: true } });
  assert.equal(stats.cancelled, true);
  assert.equal(started.length, 1);
  await assert.rejects(started[0].extractFiles({ root: SHOP, files: [{ path: 'a.py', module: 'a', language: 'python' }] }), /no facts worker is running/);
});

test('no worker script (running from source): no pool, in-process', () => {
  assert.equal(FactsPool.start(join(temp, 'missing.js'), 2, () => undefined), null);
});

test('DJANGO_SESSIONS_INDEX_WORKERS sets the worker count; 0 turns them off; nonsense is ignored', () => {
  assert.equal(defaultWorkerCount({ DJANGO_SESSIONS_INDEX_WORKERS: '0' }), 0);
  assert.equal(defaultWorkerCount({ DJANGO_SESSIONS_INDEX_WORKERS: '3' }), 3);
  const byCores = defaultWorkerCount({});
  assert.ok(byCores >= 0 && byCores <= 3);
  assert.equal(defaultWorkerCount({ DJANGO_SESSIONS_INDEX_WORKERS: 'many' }), byCores);
});
