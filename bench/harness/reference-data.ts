// Session data made by Django itself (bench/python/sessions.py), cached in bench/work/.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './proc';
import { BENCH_ENV } from './secret';

export const PYTHON = '/usr/bin/python3';

export interface EncodedData {
  django: string;
  session_data: string[];
  decoded: Record<string, unknown>[];
}

export interface PickledData {
  django: string;
  values_b64: string[];
  decoded: Record<string, unknown>[];
}

/** Runs sessions.py once per (mode, count, django) and caches its JSON output. */
export async function djangoData<T>(root: string, work: string, mode: 'encode' | 'pickled', count: number, django5 = false): Promise<{ file: string; data: T }> {
  const file = join(work, `${mode}-${count}${django5 ? '-dj5' : ''}.json`);
  const script = join(root, 'bench', 'python', 'sessions.py');
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(script).mtimeMs) {
    if (!existsSync(PYTHON)) throw new Error(`${PYTHON} (Debian's Python with Django) is not installed`);
    const env = django5 ? { ...BENCH_ENV, PYTHONPATH: join(root, '.cache', 'django5') } : BENCH_ENV;
    const r = await run(PYTHON, [script, mode, String(count), 'bench-1', file], { env, timeoutMs: 300_000 });
    if (r.code !== 0) throw new Error(`Django could not make the data: ${r.stderr.trim().split('\n').pop()}`);
  }
  return { file, data: JSON.parse(readFileSync(file, 'utf8')) as T };
}
