// `keys` output: a table (one row per key) and JSON (every access).
import type { CliKey } from '../model';
import { clip, renderTable } from './table';

export function keysText(keys: CliKey[]): string {
  if (keys.length === 0) return 'No session keys found.\n';
  const rows = keys.map((k) => {
    const count = (op: string) => String(k.accesses.filter((a) => a.op === op).length);
    const types = [...new Set(k.accesses.map((a) => a.valueType).filter((t): t is string => Boolean(t)))].sort();
    const first = k.accesses.find((a) => a.op === 'write') ?? k.accesses[0];
    return [
      // Room for a long key with its app (`account_authentication_methods (django-allauth)`); a generated one is clipped.
      clip(keyLabel(k), 64),
      types.join('|') || '-',
      count('read'), count('write'), count('delete'), count('contains'),
      first ? `${first.file}:${first.line}` : '-',
    ];
  });
  const written = keys.filter((k) => k.accesses.some((a) => a.op === 'write')).length;
  return renderTable(['KEY', 'TYPE', 'READS', 'WRITES', 'DELETES', 'IN', 'FIRST WRITE (OR USE)'], rows)
    + `\n${keys.length} key${keys.length === 1 ? '' : 's'}, ${written} written in code.\n`;
}

function keyLabel(k: CliKey): string {
  if (k.key === null) return '<dynamic>';
  return `${k.key}${k.pattern ? ' (pattern)' : ''}${k.builtin ? ` (${(k.writer ?? 'Django').toLowerCase()})` : ''}`;
}

export function keysJson(keys: CliKey[]): string {
  return JSON.stringify({
    keys: keys.map((k) => ({ key: k.key, pattern: k.pattern, builtin: k.builtin, accesses: k.accesses })),
  }, null, 2) + '\n';
}
