// 1 + 2: cold index of real trees against ripgrep over the same tree in the same run, and how the
// index scales on generated projects (1k..50k files). The index runs in a fresh child process.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleProbe } from '../harness/bundle';
import { type Corpus, djangoTree, generated } from '../harness/corpora';
import { lastJsonLine, run } from '../harness/proc';
import { measured, notAvailable, reason } from '../harness/rows';
import type { BenchContext, Measure, Row } from '../harness/types';
import { linearFit, median } from '../stats';
import type { IndexProbeResult } from '../harness/probe-types';
import { MIN_WALKED_FOR_WORKERS as WORKERS_FROM_FILES } from '../../server/src/index/workspaceIndex';

const RG = '/usr/bin/rg';

/** Cold runs per project size: the big ones are single runs to keep the bench near 10 minutes. */
const runsFor = (files: number): number => (files >= 10_000 ? 1 : files >= 5000 ? 2 : 3);

/** `rg -t py session TREE`, output drained through a pipe; median wall time of `runs`. */
async function ripgrep(root: string, runs: number): Promise<{ ms: number; matches: number }> {
  if (!existsSync(RG)) throw new Error('ripgrep is not installed');
  const times: number[] = [];
  let matches = 0;
  for (let i = 0; i < runs; i++) {
    const r = await run(RG, ['-t', 'py', 'session', root], { keepStdout: i === 0 });
    if (r.code !== 0 && r.code !== 1) throw new Error(`rg exited ${r.code}`);
    if (i === 0) matches = r.stdout.split('\n').filter(Boolean).length;
    times.push(r.ms);
  }
  return { ms: median(times), matches };
}

interface Cold {
  wallMs: number;
  engineMs: number;
  hwmMB: number;
  last: IndexProbeResult;
}

async function coldIndex(probe: string, root: string, runs: number, env?: NodeJS.ProcessEnv): Promise<Cold> {
  const wall: number[] = [], engine: number[] = [], hwm: number[] = [];
  let last: IndexProbeResult | undefined;
  for (let i = 0; i < runs; i++) {
    const r = await run(process.execPath, [probe, root], { timeoutMs: 900_000, env });
    if (r.code !== 0) throw new Error(`index probe exited ${r.code}: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`);
    last = lastJsonLine<IndexProbeResult>(r.stdout);
    wall.push(r.ms);
    engine.push(last.engineMs);
    hwm.push(last.hwmMB);
  }
  return { wallMs: median(wall), engineMs: median(engine), hwmMB: median(hwm), last: last! };
}

async function treeRows(ctx: BenchContext, probe: string | null, why: string, c: Corpus, runs: number, section: string): Promise<{ rows: Row[]; cold?: Cold }> {
  const rows: Row[] = [];
  const rg = await ripgrep(c.root, 5);
  const size = `${c.files.toLocaleString('en-US')} files (${c.pyFiles.toLocaleString('en-US')} .py), ${(c.bytes / 1e6).toFixed(1)} MB`;
  rows.push(measured({ id: `index.${c.name}.rg`, section, label: `ripgrep -t py session, ${c.name}`, unit: 'ms', note: `${size}; ${rg.matches} matching lines` }, rg.ms));
  if (!probe) {
    rows.push(notAvailable({ id: `index.${c.name}.ratio`, section, label: `cold index ÷ ripgrep, ${c.name}`, unit: '×', target: { value: 3, direction: 'max' } }, why));
    return { rows };
  }
  ctx.log(`cold index of ${c.name} (${runs} runs)`);
  const cold = await coldIndex(probe, c.root, runs);
  const ref = `ripgrep ${Math.round(rg.ms)} ms, same run`;
  rows.push(measured({ id: `index.${c.name}.ratio`, section, label: `cold index ÷ ripgrep, ${c.name}`, unit: '×', target: { value: 3, direction: 'max' }, reference: ref,
    detail: { runs, ...cold } }, cold.wallMs / rg.ms));
  rows.push(measured({ id: `index.${c.name}.wall`, section, label: `cold index, process start → done, ${c.name}`, unit: 'ms', reference: ref,
    note: `${cold.last.files} files walked, ${cold.last.parsed} parsed, ${cold.last.keys} keys` }, cold.wallMs));
  rows.push(measured({ id: `index.${c.name}.engine`, section, label: `cold index, engine only, ${c.name}`, unit: 'ms', note: `after module load; last run: index build ${Math.round(cold.last.buildMs)} ms + settings ${Math.round(cold.last.settingsMs)} ms (${cold.last.settingsModule ?? 'none found'})` }, cold.engineMs));
  // Reopening the same unchanged tree with the facts cache the shells keep (not a target: the
  // targets are for cold starts). The first run writes the cache and is not timed.
  const cacheDir = mkdtempSync(join(tmpdir(), 'ds-bench-cache-'));
  try {
    const env = { ...process.env, DJANGO_SESSIONS_CACHE_DIR: cacheDir };
    await coldIndex(probe, c.root, 1, env);
    const warm = await coldIndex(probe, c.root, Math.max(runs, 3), env);
    rows.push(measured({ id: `index.${c.name}.warm`, section, label: `warm start (facts cache) ÷ ripgrep, ${c.name}`, unit: '×', reference: ref,
      note: `${Math.round(warm.wallMs)} ms; ${warm.last.cached} of ${warm.last.files} files from the cache, ${warm.last.keys} keys (cold: ${cold.last.keys})` }, warm.wallMs / rg.ms));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  if (c.files >= WORKERS_FROM_FILES) {
    // What the worker threads bring where the index uses them (trees of 8,000+ files), same run.
    const single = await coldIndex(probe, c.root, runs, { ...process.env, DJANGO_SESSIONS_INDEX_WORKERS: '0' });
    rows.push(measured({ id: `index.${c.name}.singleThread`, section, label: `cold index without worker threads, ${c.name}`, unit: 'ms', reference: `with workers ${Math.round(cold.wallMs)} ms, same run`,
      note: `DJANGO_SESSIONS_INDEX_WORKERS=0; ${(single.wallMs / rg.ms).toFixed(1)}× ripgrep` }, single.wallMs));
  }
  if (c.name.startsWith('django')) {
    // The fixed cost any run pays (Node, bundle, parser), same run.
    const empty = mkdtempSync(join(tmpdir(), 'ds-empty-'));
    try {
      const floor = await coldIndex(probe, empty, 5);
      const bareRuns: number[] = [];
      for (let i = 0; i < 5; i++) bareRuns.push((await run(process.execPath, ['-e', '0'])).ms);
      const bare = median(bareRuns);
      rows.push(measured({ id: 'index.floor', section, label: 'cold index of an empty folder (the floor of every run)', unit: 'ms',
        note: `Node start + bundle load + tree-sitter init; \`node -e 0\` alone ${Math.round(bare)} ms; ${(floor.wallMs / rg.ms).toFixed(1)}× ripgrep on ${c.name}` }, floor.wallMs));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }
  return { rows, cold };
}

export const indexMeasure: Measure = {
  name: 'index',
  quick: true,
  async run(ctx) {
    const bundled = await bundleProbe(ctx.root, 'index-cold', ['server/src/index/index.ts', 'server/src/index/djangoExtractor.ts', 'server/src/settings/discover.ts']);
    const probe = bundled.ok ? bundled.file : null;
    const why = bundled.ok ? '' : `index ${bundled.why}`;
    const rows: Row[] = [];
    try {
      rows.push(...(await treeRows(ctx, probe, why, djangoTree(ctx), ctx.quick ? 2 : 3, '1')).rows);
    } catch (e) {
      rows.push(notAvailable({ id: 'index.django-4.2.ratio', section: '1', label: 'cold index ÷ ripgrep, Django source tree', unit: '×', target: { value: 3, direction: 'max' } }, `Django source tree: ${reason(e)}`));
    }
    // Scale: generated projects. --quick stops at 5k.
    const sizes = ctx.quick ? [1000, 5000] : [1000, 5000, 10_000, 50_000];
    const points: { x: number; y: number }[] = [];
    for (const files of sizes) {
      const corpus = generated(ctx, files);
      const section = files === 10_000 || files === 50_000 ? '1, 2' : '2';
      let r: Row[], cold: Cold | undefined;
      try {
        ({ rows: r, cold } = await treeRows(ctx, probe, why, corpus, runsFor(files), section));
      } catch (e) {
        r = [notAvailable({ id: `index.${corpus.name}.ratio`, section, label: `cold index ÷ ripgrep, ${corpus.name}`, unit: '×', target: { value: 3, direction: 'max' } }, reason(e))];
      }
      rows.push(...r);
      if (!cold) continue;
      points.push({ x: files, y: cold.wallMs });
      rows.push(measured({ id: `scale.${files}.perFile`, section: '2', label: `time per file, ${corpus.name}`, unit: 'µs/file', note: `${Math.round(cold.wallMs)} ms for ${files} files` }, (cold.wallMs * 1000) / files));
      rows.push(measured({ id: `scale.${files}.hwm`, section: '2', label: `index peak RSS (VmHWM), ${corpus.name}`, unit: 'MB', target: files === 50_000 ? { value: 300, direction: 'max' } : undefined }, cold.hwmMB));
      if (files === 50_000) {
        rows.push(measured({ id: 'scale.50000.time', section: '2', label: '50k files / 500 MB indexed (cold process)', unit: 'ms', target: { value: 5000, direction: 'max' }, note: `${(corpus.bytes / 1e6).toFixed(0)} MB` }, cold.wallMs));
      }
    }
    if (points.length >= 2) {
      const fit = linearFit(points);
      const perFile = points.map((p) => p.y / p.x);
      rows.push(measured({ id: 'scale.linearity', section: '2', label: 'per-file time, largest ÷ smallest project', unit: '×',
        note: `linear fit r² ${fit.r2.toFixed(3)}, ${(fit.slope * 1000).toFixed(0)} µs/file + ${Math.round(fit.intercept)} ms fixed; ≈1 or below means linear` }, perFile[perFile.length - 1] / perFile[0]));
    } else if (!probe) {
      rows.push(notAvailable({ id: 'scale.50000.time', section: '2', label: '50k files / 500 MB indexed (cold process)', unit: 'ms', target: { value: 5000, direction: 'max' } }, why));
    }
    return rows;
  },
};
