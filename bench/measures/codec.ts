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
    const runs = ctx.quick ? 3 : 5;
    const { file } = await djangoData<EncodedData>(ctx.root, ctx.work, 'encode', count);
    const py = await run(PYTHON, [join(ctx.root, 'bench', 'python', 'decode_rate.py'), file, String(runs)], { env: BENCH_ENV, timeoutMs: 600_000 });
    if (py.code !== 0) throw new Error(`Django decode failed: ${py.stderr.trim().split('\n').pop()}`);
    const django = lastJsonLine<{ django: string; rates: number[] }>(py.stdout);
    const djangoRate = median(django.rates);
    const rows: Row[] = [measured({ id: 'codec.django', section: '6', label: `Django ${django.django} SessionStore().decode`, unit: 'sessions/s',
      note: `${count.toLocaleString('en-US')} realistic sessions, median of ${runs} runs` }, djangoRate)];
    const bundled = await bundleProbe(ctx.root, 'codec-rate', ['server/src/codec/index.ts']);
    const base = { id: 'codec.ratio', section: '6', label: 'session codec decode + verify ÷ Django', unit: '×', target: { value: 3, direction: 'min' as const } };
    if (!bundled.ok) return [...rows, notAvailable(base, `codec ${bundled.why}`)];
    const ts = await run(process.execPath, [bundled.file, file, String(runs)], { env: BENCH_ENV, timeoutMs: 600_000 });
    if (ts.code !== 0) return [...rows, notAvailable(base, `codec probe failed: ${ts.stderr.trim().split('\n').pop()}`)];
    const r = lastJsonLine<CodecProbeResult>(ts.stdout);
    const tsRate = median(r.rates);
    const statuses = Object.entries(r.statuses).map(([k, v]) => `${v} ${k}`).join(', ');
    rows.push(measured({ id: 'codec.ts', section: '6', label: 'session codec decode + verify', unit: 'sessions/s', note: `${statuses}; ${r.mismatches} differ from Django's decode` }, tsRate));
    rows.push(measured({ ...base, reference: `Django ${Math.round(djangoRate).toLocaleString('en-US')}/s, same data, same run`,
      note: r.mismatches ? `${r.mismatches} sessions decode differently from Django` : undefined, detail: { tsRates: r.rates, djangoRates: django.rates } }, tsRate / djangoRate));
    return rows;
  },
};
