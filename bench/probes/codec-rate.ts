// Child process: decode + verify every Django-made session_data value, several timed runs, and
// count values whose decoded data differs from Django's own decode.
// usage: node codec-rate.cjs DATA.json RUNS [check]   (DS_BENCH_SECRET in the environment)
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { decodeSessionData, decodeSessionDataBatch } from '../../server/src/codec';
import type { CodecProbeResult } from '../harness/probe-types';

const [file, runsArg, check] = process.argv.slice(2);
const secrets = [process.env.DS_BENCH_SECRET ?? ''];
const data = JSON.parse(readFileSync(file, 'utf8')) as { session_data: string[]; decoded: unknown[] };

const statuses: Record<string, number> = {};
let mismatches = 0;
if (check === 'check') data.session_data.forEach((value, i) => {
  const d = decodeSessionData(value, { secrets });
  statuses[d.status] = (statuses[d.status] ?? 0) + 1;
  if (!isDeepStrictEqual(d.data, data.decoded[i])) mismatches++;
});

// One untimed warm-up pass (JIT), as decode_rate.py does for Django.
decodeSessionDataBatch(data.session_data, secrets);
const rates: number[] = [];
for (let run = 0; run < Number(runsArg); run++) {
  const started = performance.now();
  const valid = decodeSessionDataBatch(data.session_data, secrets);
  const seconds = (performance.now() - started) / 1000;
  if (valid !== data.session_data.length) mismatches = Math.max(mismatches, data.session_data.length - valid);
  rates.push(data.session_data.length / seconds);
}
const result: CodecProbeResult = { rates, count: data.session_data.length, mismatches, statuses };
process.stdout.write(`${JSON.stringify(result)}\n`);
