#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only index,lsp,edit,codec,live,activation]` (logic: bench/).
// The harness is bundled with esbuild first (it calls esbuild itself to bundle its probes, which
// does not work from inside a tsx-loaded module).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'bench', 'work', 'bench.cjs');
await build({
  entryPoints: [join(root, 'bench', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
const { main } = createRequire(import.meta.url)(outfile);
process.exitCode = await main(process.argv.slice(2), root);
