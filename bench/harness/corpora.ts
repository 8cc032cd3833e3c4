// The trees the bench indexes: Django's own source (via scripts/django-source-tree.sh) and
// generated projects (cached in bench/work/, regenerated when the generator version changes).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_VERSION, MANIFEST, type Manifest, writeProject } from '../gen/project';
import type { BenchContext } from './types';

export const SEED = 'bench-1';

export interface Corpus {
  name: string;
  root: string;
  pyFiles: number;
  files: number;
  bytes: number;
  manifest?: Manifest;
}

function scan(root: string): { pyFiles: number; files: number; bytes: number } {
  let pyFiles = 0, files = 0, bytes = 0;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && (e.name.endsWith('.py') || e.name.endsWith('.html'))) {
        files++;
        if (e.name.endsWith('.py')) pyFiles++;
        bytes += statSync(p).size;
      }
    }
  };
  walk(root);
  return { pyFiles, files, bytes };
}

/** Django 4.2's source tree, or throws why it is not available. */
export function djangoTree(ctx: BenchContext): Corpus {
  const root = execFileSync('bash', [join(ctx.root, 'scripts', 'django-source-tree.sh')], { encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  if (!existsSync(join(root, 'django'))) throw new Error(`no Django tree at ${root}`);
  return { name: 'django-4.2', root, ...scan(root) };
}

export function generated(ctx: BenchContext, files: number): Corpus {
  const root = join(ctx.work, `gen-${files}`);
  let manifest: Manifest | undefined;
  try {
    manifest = JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) as Manifest;
  } catch {
    manifest = undefined;
  }
  if (!manifest || manifest.generatorVersion !== GENERATOR_VERSION || manifest.files !== files || manifest.seed !== SEED) {
    ctx.log(`generating ${files} files into ${root}`);
    execFileSync('rm', ['-rf', root]);
    manifest = writeProject(files, SEED, root);
  }
  const s = scan(root);
  return { name: `generated-${files / 1000}k`, root, ...s, manifest };
}
