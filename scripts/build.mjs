// Bundles the three shells (VS Code client, language server, CLI) and copies the wasm they load.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const importMetaBanner = 'const importMetaUrl = require("url").pathToFileURL(__filename).href;';
mkdirSync('dist', { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // syntax/python.ts resolves the wasm from node_modules only when run from source (tests, tsx).
  logOverride: { 'require-resolve-not-external': 'silent' },
  // Optional native accelerators of the DB drivers; the pure-JS paths are used.
  external: ['pg-native', 'cloudflare:sockets'],
  // web-tree-sitter's ESM build (picked for `import`) locates its wasm through import.meta.url,
  // which is empty in a CJS bundle: give it the bundle's own URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: importMetaBanner },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: [...common.external, 'vscode'] }),
  build({ ...common, entryPoints: ['server/src/shells/lsp/main.ts'], outfile: 'dist/server.js' }),
  // Worker threads of the initial index (server/src/index/factsPool.ts), loaded beside server.js and cli.js.
  build({ ...common, entryPoints: ['server/src/index/factsWorker.ts'], outfile: 'dist/factsWorker.js' }),
  build({ ...common, entryPoints: ['server/src/shells/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${importMetaBanner}` } }),
]);

const wasm = [
  require.resolve('web-tree-sitter/tree-sitter.wasm'),
  join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'),
  join(dirname(require.resolve('node-sqlite3-wasm')), 'node-sqlite3-wasm.wasm'),
];
for (const file of wasm) copyFileSync(file, join('dist', file.split('/').pop()));
