// Which settings modules are production: named prod/production/deploy/live, or configured.
import { posix } from 'node:path';

const productionWords = new Set(['prod', 'production', 'deploy', 'deployment', 'live']);

function words(name: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const c of name.toLowerCase()) {
    if (c === '_' || c === '-' || c === '.') {
      if (word) out.push(word);
      word = '';
    } else word += c;
  }
  if (word) out.push(word);
  return out;
}

/** `*` matches within a path segment, `**` across segments. */
export function globMatches(glob: string, path: string): boolean {
  const g = glob.split('/');
  const p = path.split('/');
  const match = (gi: number, pi: number): boolean => {
    if (gi === g.length) return pi === p.length;
    if (g[gi] === '**') return match(gi + 1, pi) || (pi < p.length && match(gi, pi + 1));
    return pi < p.length && segmentMatches(g[gi], p[pi]) && match(gi + 1, pi + 1);
  };
  return match(0, 0);
}

function segmentMatches(glob: string, text: string): boolean {
  const parts = glob.split('*');
  if (parts.length === 1) return glob === text;
  if (!text.startsWith(parts[0]) || !text.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return at <= text.length - parts[parts.length - 1].length;
}

/** True for `shop.settings.prod`, `settings_production.py`, or a module/glob in `configured`. */
export function isProductionModule(module: string, file: string | undefined, configured: readonly string[] = []): boolean {
  if (configured.length > 0) return configured.some((c) => c === module || (file !== undefined && globMatches(c, file)));
  const last = module.split('.').pop() ?? '';
  const base = file ? posix.basename(file, '.py') : last;
  const name = base === '__init__' ? last : base;
  return words(name).some((w) => productionWords.has(w));
}
