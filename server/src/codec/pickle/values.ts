// The unpickler's own value model (ints stay bigint, floats number) and its conversion to PyJson.
// Nothing here runs Python code: unknown classes are inert `Opaque` markers.
import { CodecError } from '../errors';
import { dictItems, dictValue, floatValue, intValue } from '../pyjson/tags';
import type { PickleLimits, PyJson } from '../types';

export type Py =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | Py[]
  | Tuple
  | Dict
  | PySet
  | Global
  | Built
  | Tz
  | Instance
  | Opaque;

export class Tuple {
  constructor(readonly items: Py[]) {}
}

export class PySet {
  constructor(readonly items: Py[], readonly frozen: boolean) {}
}

/** A dict with Python's key identity for hashable primitives (1 == 1.0 == True). */
export class Dict {
  readonly keys: Py[] = [];
  readonly values: Py[] = [];
  private readonly index = new Map<string, number>();

  set(key: Py, value: Py): void {
    const id = keyId(key);
    const at = id === null ? undefined : this.index.get(id);
    if (at !== undefined) {
      this.values[at] = value;
      return;
    }
    if (id !== null) this.index.set(id, this.keys.length);
    this.keys.push(key);
    this.values.push(value);
  }
}

/** A module attribute the pickle names (GLOBAL / STACK_GLOBAL); resolved against an allow-list. */
export class Global {
  constructor(readonly module: string, readonly name: string) {}
  get dotted(): string {
    return `${this.module}.${this.name}`;
  }
}

/** A value already built from an allow-listed constructor (datetime, Decimal, UUID...). */
export class Built {
  constructor(readonly json: PyJson) {}
}

/** A tzinfo: fixed offset (seconds), or a named zone whose offset depends on the moment. */
export class Tz {
  constructor(readonly offsetSeconds: number | null, readonly zone?: string) {}
}

/** An allow-listed class instantiated by NEWOBJ / _reconstructor, awaiting its BUILD state. */
export class Instance {
  constructor(readonly className: string, public state: Py = null) {}
}

/** Anything not on the allow-list: never built, shown as `{"$type":"object","class":...}`. */
export class Opaque {
  constructor(readonly className: string) {}
}

function keyId(key: Py): string | null {
  switch (typeof key) {
    case 'string':
      return `s${key}`;
    case 'bigint':
      return `n${key}`;
    case 'boolean':
      return key ? 'n1' : 'n0';
    case 'number':
      return Number.isInteger(key) ? `n${BigInt(key)}` : `f${key}`;
  }
  if (key === null) return 'N';
  if (key instanceof Uint8Array) return `b${Buffer.from(key).toString('latin1')}`;
  if (key instanceof Tuple) {
    const parts = key.items.map(keyId);
    return parts.includes(null) ? null : `t${JSON.stringify(parts)}`;
  }
  return null;
}

export const DEFAULT_LIMITS: Required<PickleLimits> = { maxDepth: 200, maxNodes: 1_000_000, maxIntBytes: 4096 };

/** Converts to PyJson, bounded in depth and in output size (shared references are re-counted). */
export function toPyJson(root: Py, limits: Required<PickleLimits>): PyJson {
  let nodes = 0;
  const open = new Set<object>();

  const convert = (value: Py, depth: number): PyJson => {
    if (++nodes > limits.maxNodes) throw new CodecError(`decoded value has over ${limits.maxNodes} parts`);
    if (depth > limits.maxDepth) throw new CodecError(`depth exceeded (${limits.maxDepth})`);
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number') return floatValue(value);
    if (typeof value === 'bigint') return intValue(value);
    if (value instanceof Uint8Array) return { $type: 'bytes', value: Buffer.from(value).toString('base64') };
    if (value instanceof Built) return value.json;
    if (value instanceof Opaque) return { $type: 'object', class: value.className };
    if (value instanceof Global) return { $type: 'object', class: value.dotted };
    if (value instanceof Instance) return { $type: 'object', class: value.className };
    if (value instanceof Tz) return { $type: 'tzinfo', value: value.zone ?? offsetName(value.offsetSeconds) };
    if (open.has(value)) return { $type: 'cycle' };
    open.add(value);
    try {
      const all = (items: Py[]) => items.map((v) => convert(v, depth + 1));
      if (Array.isArray(value)) return all(value);
      if (value instanceof Tuple) return { $type: 'tuple', items: all(value.items) };
      if (value instanceof PySet) return { $type: value.frozen ? 'frozenset' : 'set', items: all(value.items) };
      const keys = all(value.keys);
      const values = all(value.values);
      if (keys.every((k) => typeof k === 'string')) return dictValue(keys.map((k, i) => [k as string, values[i]]));
      return dictItems(keys.map((k, i) => [k, values[i]]));
    } finally {
      open.delete(value);
    }
  };
  return convert(root, 0);
}

/** `+HH:MM[:SS]` as Python prints a UTC offset (utcoffset() of a fixed zone). */
export function offsetName(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  const ss = abs % 60;
  return `${sign}${hh}:${mm}${ss ? `:${String(ss).padStart(2, '0')}` : ''}`;
}
