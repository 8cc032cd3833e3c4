// Child process: the first page of 100 decoded sessions through the real store adapter, several
// runs, and (PostgreSQL) EXPLAIN of the exact page query the adapter sent.
// usage: node live-list.cjs postgres|redis RUNS   (DS_BENCH_SECRET in the environment)
import pg from 'pg';
import { createAdapter } from '../../server/src/stores/factory';
import type { StoreConfig } from '../../server/src/stores/types';
import { PG, REDIS } from '../harness/fill';
import type { LiveProbeResult } from '../harness/probe-types';

const [backend, runsArg] = process.argv.slice(2);
const runs = Number(runsArg);
const ctx = { secrets: [process.env.DS_BENCH_SECRET ?? ''], timeoutMs: 30_000, now: () => new Date() };

const configs: Record<string, StoreConfig> = {
  postgres: { id: 'bench-pg', label: 'bench', engine: 'db', backend: 'postgres', host: PG.host, port: PG.port, database: PG.database, user: PG.user },
  redis: { id: 'bench-redis', label: 'bench', engine: 'cache', backend: 'redis', host: REDIS.host, port: REDIS.port, db: REDIS.db, redisClient: 'django', redisSerializer: 'pickle' },
};

// Record the SQL the adapter sends (instrumentation only: every call goes through unchanged).
const sent: { text: string; values?: unknown[] }[] = [];
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [q, values] = args;
  if (typeof q === 'string') sent.push({ text: q, values: Array.isArray(values) ? values : undefined });
  else if (q && typeof q === 'object' && 'text' in q) sent.push({ text: String((q as { text: unknown }).text), values: (q as { values?: unknown[] }).values });
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

async function main(): Promise<LiveProbeResult> {
  const config = configs[backend];
  if (!config) throw new Error(`unknown backend ${backend}`);
  const pageMs: number[] = [], coldMs: number[] = [];
  let sessions = 0, valid = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const adapter = createAdapter(config, ctx);
    await adapter.list({ limit: 100 });
    const t1 = performance.now();
    const page = await adapter.list({ limit: 100 });
    pageMs.push(performance.now() - t1);
    await adapter.close();
    coldMs.push(t1 - t0);
    sessions = page.sessions.length;
    valid = page.sessions.filter((s) => s.status === 'valid').length;
  }
  const result: LiveProbeResult = { backend, pageMs, coldMs, sessions, valid };
  if (backend === 'postgres') {
    const page = [...sent].reverse().find((q) => /select/i.test(q.text) && /django_session/i.test(q.text) && /limit/i.test(q.text));
    if (page) {
      const c = new pg.Client({ ...PG });
      await c.connect();
      const plan = await c.query(`EXPLAIN ${page.text}`, page.values);
      await c.end();
      result.query = page.text;
      result.explain = plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']);
    }
  }
  return result;
}

main().then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
