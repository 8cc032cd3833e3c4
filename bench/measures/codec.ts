// 6: decode + verify of db session_data, sessions per second, against Django's own
// SessionStore().decode (Debian's Django 3.2.25) on the same data in the same run.
import { join } from 'node:path';
import { bundleProbe } from '../harness/bundle';
import type { CodecProbeResult } from '../harness/probe-types';
import { lastJsonLine, run } from '../harness/proc';
import { djangoData, type EncodedData, PYTHON } from '../harness/reference-data';
import { measured, notAvailable } from '../harness/rows';
import { BENCH_ENV } from '../harness/secret';
import type { Measure, Row } from '../harness/types';
import { median } from '../stats';

export const codecMeasure: Measure = {
  name: 'codec',
  quick: true,
  async run(ctx) {
    const count = ctx.quick ? 5000 : 20_000;
    const rounds = ctx.quick ? 3 : 5;
    const { file } = await djangoData<EncodedData>(ctx.root, ctx.work, 'encode', count);
    const bundled = await bundleProbe(ctx.root, 'codec-rate', ['server/src/codec/index.ts']);
    // Django and the codec alternate, one process and one timed pass each per round, so swings of
    // the machine's load hit both sides alike.
    const djangoRates: number[] = [];
    const tsRates: number[] = [];
    let version = '';
    let first: CodecProbeResult | undefined;
    let tsFailure = bundled.ok ? '' : `codec ${bundled.why}`;
    for (let round = 0; round < rounds; round++) {
      const py = await run(PYTHON, [join(ctx.root, 'bench', 'python', 'decode_rate.py'), file, '1'], { env: BENCH_ENV, timeoutMs: 600_000 });
      if (py.code !== 0) throw new Error(`Django decode failed: ${py.stderr.trim().split('\n').pop()}`);
      const d = lastJsonLine<{ django: string; rates: number[] }>(py.stdout);
      version = d.django;
      djangoRates.push(...d.rates);
      if (!bundled.ok || tsFailure) continue;
      const ts = await run(process.execPath, [bundled.file, file, '1', round === 0 ? 'check' : ''], { env: BENCH_ENV, timeoutMs: 600_000 });
      if (ts.code !== 0) {
        tsFailure = `codec probe failed: ${ts.stderr.trim().split('\n').pop()}`;
        continue;
      }
      const r = lastJsonLine<CodecProbeResult>(ts.stdout);
      first ??= r;
      tsRates.push(...r.rates);
    }
    const djangoRate = median(djangoRates);
    const rows: Row[] = [measured({ id: 'codec.django', section: '6', label: `Django ${version} SessionStore().decode`, unit: 'sessions/s',
      note: `${count.toLocaleString('en-US')} realistic sessions, median of ${rounds} runs alternating with the codec's` }, djangoRate)];
    const base = { id: 'codec.ratio', section: '6', label: 'session codec decode + verify ÷ Django', unit: '×', target: { value: 3, direction: 'min' as const } };
    if (tsFailure || !first) return [...rows, notAvailable(base, tsFailure || 'the codec probe gave no result')];
    const tsRate = median(tsRates);
    const statuses = Object.entries(first.statuses).map(([k, v]) => `${v} ${k}`).join(', ');
    rows.push(measured({ id: 'codec.ts', section: '6', label: 'session codec decode + verify', unit: 'sessions/s', note: `${statuses}; ${first.mismatches} differ from Django's decode` }, tsRate));
    rows.push(measured({ ...base, reference: `Django ${Math.round(djangoRate).toLocaleString('en-US')}/s, same data, same run`,
      note: first.mismatches ? `${first.mismatches} sessions decode differently from Django` : undefined, detail: { tsRates, djangoRates } }, tsRate / djangoRate));
    return rows;
  },
};
