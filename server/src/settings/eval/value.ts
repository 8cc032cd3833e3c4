// The evaluator's own values: plain settings data plus the few Python objects settings files use
// (paths, os/environ/decouple callables, an environ.Env reader) before they become SettingValues.
import type { EnvCast, Known, SettingValue } from '../types';
import { known, unknown } from '../values';

export type EnvScheme = Record<string, { cast?: EnvCast; default?: Value }>;

export type Value =
  | SettingValue
  /** A pathlib.Path; `path` is POSIX, workspace-relative or absolute. */
  | { kind: 'path'; path: string }
  /** A module or callable we model, by qualified name: `os.environ.get`, `pathlib.Path`, `decouple.config`. */
  | { kind: 'builtin'; name: string }
  /** An `environ.Env(...)` instance and its scheme of casts and defaults. */
  | { kind: 'envReader'; scheme: EnvScheme }
  /** A method looked up on a value: `env.bool`, `path.resolve`, `','.join`. */
  | { kind: 'method'; name: string; self: Value }
  /** `decouple.Csv()` used as a cast. */
  | { kind: 'csvCast' }
  /** A tuple or list holding objects, e.g. the `(bool, False)` of an environ.Env scheme. */
  | { kind: 'sequence'; items: Value[] };

/** The plain SettingValue a name ends up with in `SettingsModel`. */
export function toSetting(value: Value): SettingValue {
  switch (value.kind) {
    case 'known':
    case 'unknown':
      return value;
    case 'env':
      return { ...value, fallback: toSetting(value.fallback) };
    case 'path':
      return known(value.path);
    default:
      return unknown('not a plain value (a module, function or object)');
  }
}

type Plain = { ok: true; value: Known } | { ok: false; value: Value };

/** Known data of a value, treating paths as their strings. */
export function plain(value: Value): Plain {
  if (value.kind === 'known') return { ok: true, value: value.value };
  if (value.kind === 'path') return { ok: true, value: value.path };
  return { ok: false, value };
}

/**
 * Applies `op` to the values when they are known. When one depends on an environment variable, the
 * result depends on it too, computed from the values in effect when it is unset; unknown stays unknown.
 */
export function lift(values: Value[], op: (...known: Value[]) => Value): Value {
  const firstUnknown = values.find((v) => v.kind === 'unknown');
  if (firstUnknown) return firstUnknown;
  const envIndex = values.findIndex((v) => v.kind === 'env');
  if (envIndex < 0) return op(...values);
  const env = values[envIndex] as Extract<Value, { kind: 'env' }>;
  const replaced = values.map((v, i) => (i === envIndex ? env.fallback : v));
  const result = lift(replaced, op);
  return { kind: 'env', variable: env.variable, fallback: toSetting(result) };
}

export function sameValue(a: Value, b: Value): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
