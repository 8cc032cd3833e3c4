// Calls a settings file makes that we can evaluate: os/env lookups, os.path, pathlib, django-environ,
// python-decouple, builtins and a few str/dict methods. Every other call is unknown, with the callee named.
import { posix } from 'node:path';
import type { EnvCast, Known } from '../types';
import { known, unknown } from '../values';
import type { ExprContext } from './context';
import { lookupEnv, type EnvLibrary } from './environment';
import { pyStr } from './ops';
import { dirnamePath, joinPath, normalizePath } from './paths';
import { lift, plain, type EnvScheme, type Value } from './value';

export interface CallArgs {
  positional: Value[];
  keywords: Record<string, Value>;
}

const castNames: Record<string, EnvCast> = { bool: 'bool', int: 'int', str: 'str', list: 'list', tuple: 'list', float: 'float' };

function castOf(value: Value | undefined): EnvCast | undefined {
  if (!value) return undefined;
  if (value.kind === 'builtin') return castNames[value.name];
  if (value.kind === 'csvCast') return 'list';
  return undefined;
}

function textOf(value: Value | undefined): string | undefined {
  const p = value ? plain(value) : undefined;
  return p?.ok && typeof p.value === 'string' ? p.value : undefined;
}

function envCall(library: EnvLibrary, args: CallArgs, ctx: ExprContext, cast: EnvCast | undefined, defaultRequired: boolean, scheme?: EnvScheme): Value {
  const variable = textOf(args.positional[0] ?? args.keywords.var ?? args.keywords.key ?? args.keywords.option);
  if (variable === undefined) return unknown('an environment lookup whose variable name is not a plain string');
  const fromScheme = scheme?.[variable];
  const explicitDefault = args.keywords.default ?? (library === 'os' ? args.positional[1] : undefined);
  const def = explicitDefault ?? fromScheme?.default ?? (defaultRequired ? undefined : known(null));
  const dotenv = library === 'environ' ? ctx.environDotenv()?.[variable] : library === 'decouple' ? ctx.decoupleDotenv()?.[variable] : undefined;
  return lookupEnv({ variable, library, cast: cast ?? fromScheme?.cast, default: def, dotenv }, ctx.env);
}

function pathArgs(args: CallArgs): string[] | undefined {
  const parts = args.positional.map(textOf);
  return parts.every((p): p is string => p !== undefined) ? parts : undefined;
}

function builtinCall(name: string, args: CallArgs, ctx: ExprContext): Value {
  const first = args.positional[0];
  switch (name) {
    case 'os.environ.get':
    case 'os.getenv':
      return envCall('os', args, ctx, undefined, false);
    case 'os.environ.setdefault':
      return envCall('os', args, ctx, undefined, false);
    case 'decouple.config':
      return envCall('decouple', args, ctx, castOf(args.keywords.cast ?? args.positional[2]), true);
    case 'decouple.Csv':
      return { kind: 'csvCast' };
    case 'environ.Env':
    case 'environ.FileAwareEnv':
      return { kind: 'envReader', scheme: schemeOf(args) };
    case 'pathlib.Path':
    case 'pathlib.PurePath':
    case 'pathlib.PosixPath': {
      const parts = pathArgs(args);
      return parts ? { kind: 'path', path: parts.length ? joinPath(parts) : '.' } : unknown('a Path built from values we cannot evaluate');
    }
    case 'os.path.exists':
    case 'os.path.isfile':
    case 'os.path.isdir': {
      const path = textOf(first);
      return path === undefined ? unknown(`${name} of a value we cannot evaluate`) : existence(ctx, path, name === 'os.path.isfile' ? 'file' : name === 'os.path.isdir' ? 'dir' : 'any', name);
    }
    case 'os.path.join': {
      const parts = pathArgs(args);
      return parts && parts.length ? known(joinPath(parts)) : unknown('os.path.join of values we cannot evaluate');
    }
    case 'os.path.dirname':
    case 'os.path.abspath':
    case 'os.path.realpath':
    case 'os.path.normpath':
    case 'os.path.basename': {
      const path = textOf(first);
      if (path === undefined) return unknown(`${name} of a value we cannot evaluate`);
      if (name === 'os.path.dirname') return known(dirnamePath(path));
      if (name === 'os.path.basename') return known(posix.basename(path));
      return known(normalizePath(path));
    }
    case 'str':
    case 'int':
    case 'float':
    case 'bool':
    case 'list':
    case 'tuple':
    case 'len':
      return first ? lift([first], (v) => convert(name, v)) : known(name === 'str' ? '' : name === 'bool' ? false : name === 'list' || name === 'tuple' ? [] : 0);
    case 'dict':
      return dictCall(args);
    default:
      return unknown(`calls ${name}(), which is not evaluated statically`);
  }
}

/** `os.path.exists(p)` / `Path(p).exists()`: known for paths inside the workspace (a local_settings.py
 * imported only when it exists is then not imported when it does not). */
function existence(ctx: ExprContext, path: string, kind: 'any' | 'file' | 'dir', call: string): Value {
  const exists = ctx.pathExists?.(normalizePath(path), kind);
  return exists === undefined ? unknown(`${call} of a path outside the workspace`) : known(exists);
}

function dictCall(args: CallArgs): Value {
  const out: Record<string, Known> = {};
  for (const [k, v] of Object.entries(args.keywords)) {
    const p = plain(v);
    if (!p.ok) return unknown('dict() of values we cannot evaluate');
    out[k] = p.value;
  }
  return args.positional.length ? unknown('dict() of a positional argument') : known(out);
}

function convert(name: string, value: Value): Value {
  if (value.kind === 'path' && name === 'str') return known(value.path);
  const p = plain(value);
  if (!p.ok) return unknown(`${name}() of an object`);
  const v = p.value;
  switch (name) {
    case 'str': return known(pyStr(v));
    case 'bool': return known(v !== null && v !== false && v !== 0 && v !== '' && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0));
    case 'int':
    case 'float': {
      const n = typeof v === 'boolean' ? Number(v) : typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : Number.NaN;
      if (!Number.isFinite(n) || (typeof v === 'string' && v.trim() === '')) return unknown(`${name}(${pyStr(v)}) raises ValueError`);
      return known(name === 'int' ? Math.trunc(n) : n);
    }
    case 'len': return typeof v === 'string' || Array.isArray(v) ? known(v.length) : v && typeof v === 'object' ? known(Object.keys(v).length) : unknown('len() of a scalar');
    default: return typeof v === 'string' ? known([...v]) : Array.isArray(v) ? known(v) : v && typeof v === 'object' ? known(Object.keys(v)) : unknown(`${name}() of a scalar`);
  }
}

/** `environ.Env(DEBUG=(bool, False), HOSTS=(list, []), AGE=int)`. */
function schemeOf(args: CallArgs): EnvScheme {
  const scheme: EnvScheme = {};
  for (const [variable, spec] of Object.entries(args.keywords)) {
    if (spec.kind === 'builtin') scheme[variable] = { cast: castOf(spec) };
    else if (spec.kind === 'sequence') scheme[variable] = { cast: castOf(spec.items[0]), ...(spec.items.length > 1 ? { default: spec.items[1] } : {}) };
  }
  return scheme;
}

function methodCall(name: string, self: Value, args: CallArgs, ctx: ExprContext): Value {
  if (self.kind === 'envReader') {
    if (name === '__call__') return envCall('environ', args, ctx, castOf(args.keywords.cast ?? args.positional[1]), true, self.scheme);
    const cast = castNames[name] ?? (name === 'bool' ? 'bool' : undefined);
    if (cast) return envCall('environ', args, ctx, cast, true, self.scheme);
    return unknown(`calls env.${name}(), which is not evaluated statically`);
  }
  if (self.kind === 'path') {
    if (name === 'resolve' || name === 'absolute' || name === 'expanduser') return self;
    if (name === 'joinpath') {
      const parts = pathArgs(args);
      return parts ? { kind: 'path', path: joinPath([self.path, ...parts]) } : unknown('joinpath() of values we cannot evaluate');
    }
    if (name === 'exists' || name === 'is_file' || name === 'is_dir') return existence(ctx, self.path, name === 'is_file' ? 'file' : name === 'is_dir' ? 'dir' : 'any', `Path.${name}()`);
    return unknown(`calls Path.${name}(), which is not evaluated statically`);
  }
  return lift([self, ...args.positional], (s, ...positional) => plainMethod(name, s, positional));
}

function plainMethod(name: string, self: Value, positional: Value[]): Value {
  const s = plain(self);
  const a = positional.map(plain);
  if (!s.ok || a.some((x) => !x.ok)) return unknown(`calls .${name}() on a value we cannot evaluate`);
  const v = s.value;
  const args = a.map((x) => (x.ok ? x.value : null));
  if (typeof v === 'string') {
    const arg = args[0];
    switch (name) {
      case 'split': return known(typeof arg === 'string' ? v.split(arg) : v.split(/\s+/).filter(Boolean));
      case 'strip': return known(v.trim());
      case 'lower': return known(v.toLowerCase());
      case 'upper': return known(v.toUpperCase());
      case 'startswith': return typeof arg === 'string' ? known(v.startsWith(arg)) : unknown('startswith() of a non-string');
      case 'endswith': return typeof arg === 'string' ? known(v.endsWith(arg)) : unknown('endswith() of a non-string');
      case 'replace': return typeof arg === 'string' && typeof args[1] === 'string' ? known(v.split(arg).join(args[1])) : unknown('replace() of non-strings');
      case 'join': return Array.isArray(arg) && arg.every((x) => typeof x === 'string') ? known(arg.join(v)) : unknown('join() of values that are not strings');
    }
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (name === 'get' && typeof args[0] === 'string') return known(args[0] in v ? v[args[0]] : args[1] ?? null);
    if (name === 'copy') return known(v);
  }
  if (Array.isArray(v) && name === 'copy') return known(v);
  return unknown(`calls .${name}(), which is not evaluated statically`);
}

export function callValue(callee: Value, args: CallArgs, ctx: ExprContext): Value {
  if (callee.kind === 'builtin') return builtinCall(callee.name, args, ctx);
  if (callee.kind === 'method') return methodCall(callee.name, callee.self, args, ctx);
  if (callee.kind === 'envReader') return methodCall('__call__', callee, args, ctx);
  if (callee.kind === 'unknown') return callee;
  return unknown('a call of a value that is not a function we model');
}
