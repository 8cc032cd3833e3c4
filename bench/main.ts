// `npm run bench [-- --quick] [-- --only index,codec] [-- --profile]`: every figure with the reference it is
// compared to, measured in the same run; prints a table, writes bench/results.json and the
// generated section of docs/performance.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineInfo, } from './harness/machine';
import { type Results, textTable, updatePerformanceDoc, machineLine } from './harness/report';
import { nodeFlags } from './harness/proc';
import { notAvailable, reason } from './harness/rows';
import type { BenchContext, Measure, Row } from './harness/types';
import { activationMeasure } from './measures/activation';
import { codecMeasure } from './measures/codec';
import { editMeasure } from './measures/edit';
import { indexMeasure } from './measures/index';
import { liveMeasure } from './measures/live';
import { lspMeasure } from './measures/lsp';

const MEASURES: Measure[] = [indexMeasure, lspMeasure, editMeasure, codecMeasure, liveMeasure, activationMeasure];

export async function main(argv: string[], root: string): Promise<number> {
  const quick = argv.includes('--quick');
  const profile = argv.includes('--profile');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',') : null;
  const work = join(root, 'bench', 'work');
  mkdirSync(work, { recursive: true });
  const started = performance.now();
  const ctx: BenchContext = { root, work, quick, log: (m) => process.stderr.write(`bench: ${m}\n`) };
  if (profile) {
    // Every Node child (probes, the LSP server) writes a .cpuprofile; see bench/profile-summary.mjs.
    const dir = join(work, 'prof', new Date().toISOString().replace(/[:.]/g, '-'));
    nodeFlags.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
    ctx.log(`profiling children into ${dir}`);
  }
  const machine = machineInfo();
  ctx.log(machineLine(machine));
  const rows: Row[] = [];
  for (const m of MEASURES) {
    if (only ? !only.includes(m.name) : quick && !m.quick) continue;
    ctx.log(`-- ${m.name}`);
    const t = performance.now();
    try {
      rows.push(...(await m.run(ctx)));
    } catch (e) {
      rows.push(notAvailable({ id: `${m.name}.error`, section: '-', label: `${m.name} measurement`, unit: '' }, `failed: ${reason(e)}`));
    }
    ctx.log(`   ${m.name} took ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const results: Results = { machine, quick, durationSeconds: (performance.now() - started) / 1000, rows };
  process.stdout.write(`\n${textTable(rows)}\n\nmachine: ${machineLine(machine)}\n`);
  writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  // Only a full run replaces the documented table (--quick and --only are subsets).
  const full = !only && !quick;
  if (full) updatePerformanceDoc(join(root, 'docs', 'performance.md'), results);
  const missed = rows.filter((r) => r.status === 'missed').length;
  const na = rows.filter((r) => r.status === 'n/a').length;
  process.stdout.write(`\n${rows.length} figures: ${missed} missed their target, ${na} not available. Wrote bench/results.json` +
    `${full ? ' and docs/performance.md' : ''}.\n`);
  return 0;
}
