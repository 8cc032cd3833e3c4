// `node scripts/gen-project.mjs --files N --seed S --out DIR`: writes a deterministic Django project.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeProject } from './project';

function option(argv: string[], name: string, fallback?: string): string {
  const at = argv.indexOf(`--${name}`);
  const value = at >= 0 ? argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`missing --${name}`);
  return value;
}

export function main(argv: string[]): number {
  try {
    const files = Number(option(argv, 'files'));
    if (!Number.isInteger(files) || files < 1) throw new Error('--files must be a positive integer');
    const seed = option(argv, 'seed', '1');
    const out = resolve(option(argv, 'out'));
    rmSync(out, { recursive: true, force: true });
    const started = performance.now();
    const m = writeProject(files, seed, out);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`${m.files} files, ${(m.bytes / 1e6).toFixed(1)} MB, ${m.sessionFiles} use sessions -> ${out} (${seconds} s)\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`gen-project: ${e instanceof Error ? e.message : String(e)}\n` +
      'usage: node scripts/gen-project.mjs --files N [--seed S] --out DIR\n');
    return 2;
  }
}
