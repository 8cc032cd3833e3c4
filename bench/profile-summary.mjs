#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `npm run bench -- --profile` or `node --cpu-prof`): self time
// by function, and by source module when the profiled script is an esbuild bundle with its
// `// path` comments (dist/*.js, bench/work/probes/*.cjs).
// usage: node bench/profile-summary.mjs FILE.cpuprofile [BUNDLE.js] [TOP]
import { readFileSync } from 'node:fs';

const [file, bundle, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs FILE.cpuprofile [BUNDLE.js] [TOP]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const marks = [];
if (bundle) {
  readFileSync(bundle, 'utf8').split('\n').forEach((line, i) => {
    const m = /^\/\/ ((?:node_modules|server|common|bench|client)\/\S+)$/.exec(line);
    if (m) marks.push([i, m[1]]);
  });
}
function moduleAt(line) {
  let lo = 0, hi = marks.length - 1, found = '(bundle prologue)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid][0] <= line) { found = marks[mid][1]; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const byFunction = new Map();
const byModule = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const { callFrame: f } = nodes.get(id);
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const where = f.url ? `${f.url.split('/').slice(-1)[0]}:${f.lineNumber + 1}` : '';
  const fn = `${f.functionName || '(anonymous)'} ${where}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
  const mod = f.url.includes('wasm') ? `wasm ${f.url.includes('tree-sitter') ? 'tree-sitter' : f.url}`
    : bundle && f.url.endsWith(bundle.split('/').pop()) ? moduleAt(f.lineNumber) : (f.url.split('/').slice(-1)[0] || f.functionName || '(native)');
  byModule.set(mod, (byModule.get(mod) ?? 0) + dt);
});
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(v / total * 100).toFixed(1).padStart(6)}%  ${k}`);
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
show('self time by function', byFunction);
show('self time by module', byModule);
