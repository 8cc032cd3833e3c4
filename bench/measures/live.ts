// 7: first page of 100 decoded sessions from 1,000,000 rows in PostgreSQL and 1,000,000 keys in
// Redis (filled by the bench, reused across runs), plus EXPLAIN of the PostgreSQL page query.
import { bundleProbe } from '../harness/bundle';
import { fillPostgres, fillRedis, ROWS } from '../harness/fill';
import type { LiveProbeResult } from '../harness/probe-types';
import { lastJsonLine, run } from '../harness/proc';
import { measured, notAvailable, reason } from '../harness/rows';
import { BENCH_ENV } from '../harness/secret';
import type { BenchContext, Measure, Row } from '../harness/types';
import { median } from '../stats';

const NEEDS = ['server/src/stores/factory.ts'];

async function backendRows(ctx: BenchContext, backend: 'postgres' | 'redis', probe: string | null, why: string): Promise<Row[]> {
  const name = backend === 'postgres' ? 'PostgreSQL' : 'Redis';
  const label = { id: `live.${backend}.page`, section: '7', label: `first page of 100 of 1M sessions, ${name}`, unit: 'ms', target: { value: 50, direction: 'max' as const } };
  try {
    const filled = backend === 'postgres' ? await fillPostgres(ctx.root, ctx.work, ctx.log) : await fillRedis(ctx.root, ctx.work, ctx.log);
    const count = 'rows' in filled ? filled.rows : filled.keys;
    if (count !== ROWS) return [notAvailable(label, `${name} holds ${count} sessions, not ${ROWS}`)];
  } catch (e) {
    return [notAvailable(label, `${name} not available: ${reason(e)}`)];
  }
  if (!probe) return [notAvailable(label, why)];
  const r = await run(process.execPath, [probe, backend, String(ctx.quick ? 5 : 15)], { env: BENCH_ENV, timeoutMs: 300_000 });
  if (r.code !== 0) return [notAvailable(label, `adapter failed: ${r.stderr.trim().split('\n').pop()}`)];
  const p = lastJsonLine<LiveProbeResult>(r.stdout);
  const rows: Row[] = [
    measured({ ...label, reference: `median of ${p.pageMs.length} runs on an open adapter`, note: `${p.sessions} sessions on the page, ${p.valid} valid`, detail: { pageMs: p.pageMs } }, median(p.pageMs)),
    measured({ id: `live.${backend}.cold`, section: '7', label: `connect + first page, ${name}`, unit: 'ms', detail: { coldMs: p.coldMs } }, median(p.coldMs)),
  ];
  if (backend === 'postgres') {
    const plan = p.explain ?? [];
    const seq = plan.filter((l) => /Seq Scan/.test(l)).length;
    const index = plan.find((l) => /Index( Only)? Scan/.test(l));
    rows.push(plan.length
      ? measured({ id: 'live.postgres.explain', section: '7', label: 'EXPLAIN of the page query: Seq Scan nodes', unit: '', target: { value: 0, direction: 'max' },
        note: index ? index.trim().replace(/\s+\(cost.*$/, '') : 'no index scan in the plan', detail: { query: p.query, plan } }, seq)
      : notAvailable({ id: 'live.postgres.explain', section: '7', label: 'EXPLAIN of the page query', unit: '' }, 'the adapter sent no page query the probe could see'));
  }
  return rows;
}

export const liveMeasure: Measure = {
  name: 'live',
  quick: true,
  async run(ctx) {
    const bundled = await bundleProbe(ctx.root, 'live-list', NEEDS);
    const probe = bundled.ok ? bundled.file : null;
    const why = bundled.ok ? '' : `stores ${bundled.why}`;
    return [...(await backendRows(ctx, 'postgres', probe, why)), ...(await backendRows(ctx, 'redis', probe, why))];
  },
};
