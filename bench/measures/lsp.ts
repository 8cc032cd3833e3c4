// 3 + 5: completion / hover / references latency over LSP stdio with the real bundled server on the
// 10k-file project (p50 / p99 over >= 1,000 requests each), and the server's RSS after indexing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyProbe } from '../gen/writer';
import { djangoTree, generated, type Corpus } from '../harness/corpora';
import type { LspClient } from '../harness/lsp-client';
import { fileUri, startServer } from '../harness/lsp-session';
import { memoryMB } from '../harness/proc';
import { measured, notAvailable, reason } from '../harness/rows';
import type { BenchContext, Measure, Row } from '../harness/types';
import { median, summarize } from '../stats';

const FEATURES = [
  { id: 'completion', method: 'textDocument/completion' },
  { id: 'hover', method: 'textDocument/hover' },
  { id: 'references', method: 'textDocument/references' },
] as const;

function nonEmpty(result: unknown): boolean {
  if (result === null || result === undefined) return false;
  if (Array.isArray(result)) return result.length > 0;
  const items = (result as { items?: unknown[] }).items;
  return items ? items.length > 0 : true;
}

async function serverRss(ctx: BenchContext, corpus: Corpus, target?: number): Promise<Row[]> {
  const s = await startServer(ctx.root, corpus.root);
  try {
    const rss = memoryMB(s.client.pid);
    const rows: Row[] = [measured({ id: `lsp.${corpus.name}.ready`, section: '5', label: `server: initialize → index ready, ${corpus.name}`, unit: 'ms',
      note: `${s.state.filesDone} files, ${s.state.keys} keys` }, s.readyMs)];
    if (rss !== null) rows.push(measured({ id: `lsp.${corpus.name}.rss`, section: '5', label: `server RSS after indexing, ${corpus.name}`, unit: 'MB',
      target: target ? { value: target, direction: 'max' } : undefined, reference: 'VmRSS of the server process' }, rss));
    rows.push(await warmReady(ctx, corpus, s.readyMs));
    return rows;
  } finally {
    await s.client.shutdown();
  }
}

/** The same start again with the facts cache VS Code gives the server (a reopened window): the first run fills it. */
async function warmReady(ctx: BenchContext, corpus: Corpus, coldMs: number): Promise<Row> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'ds-bench-server-cache-'));
  try {
    const times: number[] = [];
    for (let run = 0; run < 4; run++) {
      const s = await startServer(ctx.root, corpus.root, 180_000, { cacheDir });
      await s.client.shutdown();
      if (run > 0) times.push(s.readyMs);
    }
    return measured({ id: `lsp.${corpus.name}.readyWarm`, section: '5', label: `server: initialize → index ready with the facts cache, ${corpus.name}`, unit: 'ms',
      reference: `without it ${Math.round(coldMs)} ms, same run`, note: 'median of 3 starts after one that fills the cache' }, median(times));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const OPEN_FILES = 20;

async function latency(client: LspClient, root: string, f: (typeof FEATURES)[number], usable: KeyProbe[], requests: number, corpus: string): Promise<Row[]> {
  const params = (p: KeyProbe): unknown => ({
    textDocument: { uri: fileUri(root, p.file) },
    position: { line: p.line, character: p.character },
    ...(f.id === 'references' ? { context: { includeDeclaration: true } } : {}),
  });
  // Warm-up; the first request may also wait for the opened files to be indexed.
  await client.request(f.method, params(usable[0]), 120_000);
  for (let i = 1; i < 50; i++) await client.request(f.method, params(usable[i % usable.length]), 10_000);
  const times: number[] = [];
  let answered = 0;
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    const result = await client.request(f.method, params(usable[i % usable.length]), 10_000);
    times.push(performance.now() - t);
    if (nonEmpty(result)) answered++;
  }
  const sum = summarize(times);
  const note = `${sum.n} requests over ${usable.length} key positions in ${OPEN_FILES} open files; ${answered} non-empty answers`;
  return [
    measured({ id: `lsp.${f.id}.p50`, section: '3', label: `${f.id} p50, ${corpus}`, unit: 'ms', note }, sum.p50),
    measured({ id: `lsp.${f.id}.p99`, section: '3', label: `${f.id} p99, ${corpus}`, unit: 'ms', target: { value: 10, direction: 'max' },
      reference: 'round trip over stdio incl. JSON-RPC', detail: { ...sum } }, sum.p99),
  ];
}

export const lspMeasure: Measure = {
  name: 'lsp',
  quick: true,
  async run(ctx) {
    const rows: Row[] = [];
    const corpus = generated(ctx, 10_000);
    const requests = ctx.quick ? 300 : 1000;
    let s;
    try {
      s = await startServer(ctx.root, corpus.root);
    } catch (e) {
      const why = reason(e);
      for (const f of FEATURES) rows.push(notAvailable({ id: `lsp.${f.id}.p99`, section: '3', label: `${f.id} p99, ${corpus.name}`, unit: 'ms', target: { value: 10, direction: 'max' } }, why));
      rows.push(notAvailable({ id: 'lsp.django-4.2.rss', section: '5', label: 'server RSS after indexing, django-4.2', unit: 'MB', target: { value: 150, direction: 'max' } }, why));
      return rows;
    }
    try {
      const rss = memoryMB(s.client.pid);
      rows.push(measured({ id: `lsp.${corpus.name}.ready`, section: '5', label: `server: initialize → index ready, ${corpus.name}`, unit: 'ms',
        note: `${s.state.filesDone} files, ${s.state.keys} keys` }, s.readyMs));
      if (rss !== null) rows.push(measured({ id: `lsp.${corpus.name}.rss`, section: '5', label: `server RSS after indexing, ${corpus.name}`, unit: 'MB', reference: 'VmRSS of the server process' }, rss));
      const probes: KeyProbe[] = corpus.manifest!.probes.filter((p) => p.file.endsWith('.py'));
      // Open a handful of the files the requests aim at, as an editor would.
      const files = [...new Set(probes.map((p) => p.file))].slice(0, OPEN_FILES);
      for (const file of files) {
        s.client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(corpus.root, file), languageId: 'python', version: 1, text: readFileSync(join(corpus.root, file), 'utf8') } });
      }
      const usable = probes.filter((p) => files.includes(p.file));
      for (const f of FEATURES) {
        try {
          rows.push(...(await latency(s.client, corpus.root, f, usable, requests, corpus.name)));
        } catch (e) {
          rows.push(notAvailable({ id: `lsp.${f.id}.p99`, section: '3', label: `${f.id} p99, ${corpus.name}`, unit: 'ms', target: { value: 10, direction: 'max' } }, reason(e)));
        }
      }
    } finally {
      await s.client.shutdown();
    }
    try {
      rows.push(...(await serverRss(ctx, djangoTree(ctx), 150)));
    } catch (e) {
      rows.push(notAvailable({ id: 'lsp.django-4.2.rss', section: '5', label: 'server RSS after indexing, django-4.2', unit: 'MB', target: { value: 150, direction: 'max' } }, reason(e)));
    }
    return rows;
  },
};
