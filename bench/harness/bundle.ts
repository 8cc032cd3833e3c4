// Bundles a probe (bench/probes/*.ts) the way the product is bundled (esbuild, node20, cjs), so
// engine code runs as it ships. A probe whose engine part has not landed fails to bundle: the
// caller reports that figure as not available.
import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type Bundled = { ok: true; file: string } | { ok: false; why: string };

/** `needs`: engine files the probe imports; while one is missing the figure is not available. */
export async function bundleProbe(root: string, name: string, needs: readonly string[] = []): Promise<Bundled> {
  const missing = needs.filter((f) => !existsSync(join(root, f)));
  if (missing.length) return { ok: false, why: `not landed yet (${missing.join(', ')})` };
  if (!existsSync(join(root, 'bench', 'probes', `${name}.ts`))) return { ok: false, why: 'not wired into the bench yet' };
  const outdir = join(root, 'bench', 'work', 'probes');
  mkdirSync(outdir, { recursive: true });
  const file = join(outdir, `${name}.cjs`);
  const options: BuildOptions = {
    entryPoints: [join(root, 'bench', 'probes', `${name}.ts`)],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    external: ['pg-native', 'cloudflare:sockets'],
    // As scripts/build.mjs: web-tree-sitter's ESM build needs import.meta.url in a CJS bundle.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: 'const importMetaUrl = require("url").pathToFileURL(__filename).href;' },
  };
  try {
    // One retry: esbuild's service can die when the machine is starved or node_modules is being
    // reinstalled by a concurrent `npm install`.
    await build(options).catch(() => build(options));
  } catch (e) {
    const errors = (e as { errors?: { text: string }[] }).errors ?? [];
    const missing = errors.map((x) => /Could not resolve "([^"]+)"/.exec(x.text)?.[1]).filter(Boolean);
    const text = errors[0]?.text ?? String(e);
    // A missing export means the engine part exists but not yet with the API the probe uses.
    return { ok: false, why: missing.length ? `not landed yet: ${missing.join(', ')}` : `does not build: ${text.slice(0, 160)}` };
  }
  // Same layout as dist/: the index's worker thread script and the wasm files sit beside the bundle.
  const worker = join(root, 'server', 'src', 'index', 'factsWorker.ts');
  if (existsSync(worker)) {
    const workerOptions = { ...options, entryPoints: [worker], outfile: join(outdir, 'factsWorker.js') };
    try { await build(workerOptions).catch(() => build(workerOptions)); } catch { /* the index then runs in-process */ }
  }
  const dist = join(root, 'dist');
  if (existsSync(dist)) for (const f of readdirSync(dist)) if (f.endsWith('.wasm')) copyFileSync(join(dist, f), join(outdir, f));
  return { ok: true, file };
}
