// Environment lookups as os, django-environ and python-decouple perform them, including their casts.
import type { EnvCast, Known } from '../types';
import { known, unknown } from '../values';
import { plain, type Value } from './value';

export type EnvLibrary = 'os' | 'environ' | 'decouple';

export interface EnvLookup {
  variable: string;
  library: EnvLibrary;
  cast?: EnvCast;
  /** undefined: the variable is required (the settings fail to import without it). */
  default?: Value;
  /** Value from a .env file the library reads; real environment variables win over it. */
  dotenv?: string;
}

const environTrue = ['true', 'on', 'ok', 'y', 'yes', '1'];
const decoupleBooleans: Record<string, boolean> = { '1': true, yes: true, true: true, on: true, '0': false, no: false, false: false, off: false, '': false };

/** Casts the text of an environment variable the way the library does; null when the library would raise. */
export function castEnvText(text: string, cast: EnvCast | undefined, library: EnvLibrary): Known | undefined {
  switch (cast) {
    case undefined:
    case 'str':
      return text;
    case 'bool':
      if (library === 'decouple') return decoupleBooleans[text.toLowerCase()];
      if (library === 'environ') return environTrue.includes(text.trim().toLowerCase()) || isNonZeroNumber(text);
      return text;
    case 'int': {
      const n = Number(text.trim());
      return Number.isInteger(n) && text.trim() !== '' ? n : undefined;
    }
    case 'float': {
      const n = Number(text.trim());
      return Number.isFinite(n) && text.trim() !== '' ? n : undefined;
    }
    case 'list':
      return text === '' ? [] : text.split(',').map((s) => (library === 'decouple' ? s.trim() : s));
  }
}

function isNonZeroNumber(text: string): boolean {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) && n !== 0;
}

/** The value of an environment lookup: known when `env` has the variable, else env-dependent with a fallback. */
export function lookupEnv(lookup: EnvLookup, env: Readonly<Record<string, string | undefined>> | undefined): Value {
  const fromText = (text: string, origin: string): Value => {
    const value = castEnvText(text, lookup.cast, lookup.library);
    return value === undefined ? unknown(`${origin} ${lookup.variable}=${JSON.stringify(text)} cannot be cast to ${lookup.cast}`) : known(value);
  };
  const set = env?.[lookup.variable];
  if (set !== undefined) return fromText(set, 'the environment variable');
  let fallback: Value;
  if (lookup.dotenv !== undefined) fallback = fromText(lookup.dotenv, 'the .env entry');
  else if (lookup.default === undefined) fallback = unknown(`the environment variable ${lookup.variable} is required and not set`);
  else fallback = castDefault(lookup);
  const settingFallback = fallback.kind === 'known' || fallback.kind === 'unknown' || fallback.kind === 'env' ? fallback : plainOrUnknown(fallback);
  return { kind: 'env', variable: lookup.variable, fallback: settingFallback, ...(lookup.cast ? { cast: lookup.cast } : {}) };
}

/** decouple casts its default like the variable; os and django-environ return the default unchanged. */
function castDefault(lookup: EnvLookup): Value {
  const def = lookup.default as Value;
  if (lookup.library !== 'decouple' || !lookup.cast) return def;
  const p = plain(def);
  if (!p.ok) return def;
  if (lookup.cast === 'bool' && typeof p.value === 'boolean') return known(p.value);
  if (typeof p.value !== 'string' && lookup.cast !== 'list') return known(p.value);
  const text = typeof p.value === 'string' ? p.value : String(p.value);
  const cast = castEnvText(text, lookup.cast, 'decouple');
  return cast === undefined ? unknown(`the default ${JSON.stringify(text)} cannot be cast to ${lookup.cast}`) : known(cast);
}

function plainOrUnknown(value: Value) {
  const p = plain(value);
  return p.ok ? known(p.value) : unknown('the default is not a plain value');
}

/** Parses a .env file: KEY=VALUE lines, optional `export`, quotes, comments. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trim();
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) value = value.slice(1, value.lastIndexOf(quote));
    else {
      const hash = value.indexOf(' #');
      if (hash >= 0) value = value.slice(0, hash).trim();
    }
    out[key] = value;
  }
  return out;
}
