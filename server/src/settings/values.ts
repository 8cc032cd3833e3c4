// Helpers over SettingValue: Python truthiness, the value that applies when env vars are unset, wording.
import type { Known, SettingValue } from './types';

export const known = (value: Known): SettingValue => ({ kind: 'known', value });
export const unknown = (reason: string): SettingValue => ({ kind: 'unknown', reason });

/** Python truthiness of a plain value. */
export function truthy(value: Known): boolean {
  if (value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** What a value resolves to when no environment variable is set, and which variables could change it. */
export type Resolved =
  | { known: true; value: Known; variables: string[] }
  | { known: false; reason: string; variables: string[] };

export function resolve(value: SettingValue): Resolved {
  const variables: string[] = [];
  let v = value;
  while (v.kind === 'env') {
    if (!variables.includes(v.variable)) variables.push(v.variable);
    v = v.fallback;
  }
  return v.kind === 'known' ? { known: true, value: v.value, variables } : { known: false, reason: v.reason, variables };
}

/** Python repr of a plain value (for messages, hovers and fixes). */
export function pyRepr(value: Known): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}

/** " unless the environment variable X is set" (or nothing when no variable is involved). */
export function envClause(variables: readonly string[]): string {
  if (variables.length === 0) return '';
  if (variables.length === 1) return ` unless the environment variable ${variables[0]} is set`;
  return ` unless one of the environment variables ${variables.join(', ')} is set`;
}

/** "False", "False unless the environment variable X is set", "unknown (calls f())". */
export function describeValue(value: SettingValue, mask = false): string {
  const r = resolve(value);
  if (!r.known) return r.variables.length > 0 ? `whatever the environment variable ${r.variables[0]} holds (${r.reason})` : `unknown (${r.reason})`;
  return `${mask ? maskKnown(r.value) : pyRepr(r.value)}${envClause(r.variables)}`;
}

/** A secret shown without revealing it: its length only. */
export function maskKnown(value: Known): string {
  if (typeof value === 'string') return `a ${value.length}-character string (hidden)`;
  if (Array.isArray(value)) return `${value.length} value${value.length === 1 ? '' : 's'} (hidden)`;
  return '(hidden)';
}

const secretWords = ['SECRET', 'PASSWORD', 'TOKEN', 'PRIVATE', 'CREDENTIAL'];

/** Settings whose values never appear in output: secrets, and dicts that may hold passwords or URLs with them. */
export function isSecretSetting(name: string): boolean {
  const upper = name.toUpperCase();
  return secretWords.some((w) => upper.includes(w)) || upper === 'DATABASES' || upper === 'CACHES' || upper.endsWith('_URL');
}

export function sameKnown(a: Known, b: Known): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Django reads only upper-case module attributes as settings. */
export function isSettingName(name: string): boolean {
  return name === name.toUpperCase() && name !== name.toLowerCase() && !name.startsWith('_');
}
