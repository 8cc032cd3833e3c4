// The allow-list: the only callables a pickle may "call", each rebuilt here from its arguments.
// Any other global is never imported or run; it becomes an Opaque marker and is reported.
import { CodecError } from '../errors';
import { dateValue, datetimeValue, checkWall, wallFromState, timedeltaSeconds, timedeltaValue, timeValue } from './datetime';
import { Built, Dict, Global, Instance, Opaque, PySet, Tuple, Tz, type Py } from './values';

export interface CallContext {
  /** Classes met but not built. */
  skipped: Set<string>;
}

// Python 2 module names that unpickling maps to Python 3 (fix_imports, _compat_pickle).
const PY2_MODULES: Record<string, string> = { __builtin__: 'builtins', copy_reg: 'copyreg' };

const UTC = new Tz(0);

/** GLOBAL / STACK_GLOBAL: only a name until something calls it. */
export function resolveGlobal(module: string, name: string): Py {
  const mod = PY2_MODULES[module] ?? module;
  if (mod === 'pytz' && (name === 'utc' || name === 'UTC')) return UTC;
  return new Global(mod, name);
}

type Constructor = (args: Py[], ctx: CallContext) => Py;

const CONSTRUCTORS: Record<string, Constructor> = {
  'datetime.datetime': (args) => {
    const [first, second] = args;
    const state = stateBytes(first);
    if (state !== null) return datetimeValue(wallFromState(state), optionalTz(second));
    const [year, month, day, hour = 0n, minute = 0n, second_ = 0n, microsecond = 0n, tz = null] = args;
    const wall = { year: int(year), month: int(month), day: int(day), hour: int(hour), minute: int(minute), second: int(second_), microsecond: int(microsecond) };
    checkWall(wall);
    return datetimeValue(wall, optionalTz(tz));
  },
  'datetime.date': (args) => dateValue(requireBytes(args[0], 'date')),
  'datetime.time': (args) => timeValue(requireBytes(args[0], 'time'), optionalTz(args[1] ?? null)),
  'datetime.timedelta': (args) => timedeltaValue(bigintArg(args[0]), bigintArg(args[1]), bigintArg(args[2])),
  'datetime.timezone': (args) => {
    const delta = args[0];
    if (!(delta instanceof Built) || (delta.json as { $type?: string }).$type !== 'timedelta') throw new CodecError('TypeError: timezone() needs a timedelta');
    return new Tz(timedeltaSeconds(delta), typeof args[1] === 'string' ? args[1] : undefined);
  },
  'pytz._UTC': () => UTC,
  'pytz._p': (args) => {
    const zone = requireString(args[0], 'pytz zone');
    return args[1] === undefined || args[1] === null ? new Tz(null, zone) : new Tz(int(args[1]), zone);
  },
  'zoneinfo.ZoneInfo': (args) => new Tz(null, requireString(args[0], 'ZoneInfo key')),
  'zoneinfo.ZoneInfo._unpickle': (args) => new Tz(null, requireString(args[0], 'ZoneInfo key')),
  'builtins.getattr': (args) => {
    const [target, attr] = args;
    if (target instanceof Global && target.dotted === 'zoneinfo.ZoneInfo' && attr === '_unpickle') return new Global('zoneinfo', 'ZoneInfo._unpickle');
    throw new CodecError('getattr is only allowed for zoneinfo.ZoneInfo._unpickle');
  },
  'decimal.Decimal': (args) => {
    const text = requireString(args[0], 'Decimal');
    if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(Infinity|Inf|s?NaN\d*)\s*$/i.test(text)) throw new CodecError('InvalidOperation: bad Decimal');
    return new Built({ $type: 'decimal', value: text.trim() });
  },
  'uuid.UUID': (args) => new Built({ $type: 'uuid', value: uuidFromHex(requireString(args[0], 'UUID')) }),
  'collections.OrderedDict': (args) => {
    const dict = new Dict();
    for (const pair of iterable(args[0] ?? [])) {
      const items = Array.isArray(pair) ? pair : pair instanceof Tuple ? pair.items : null;
      if (items === null || items.length !== 2) throw new CodecError('OrderedDict items must be pairs');
      dict.set(items[0], items[1]);
    }
    return dict;
  },
  'builtins.set': (args) => new PySet([...iterable(args[0] ?? [])], false),
  'builtins.frozenset': (args) => new PySet([...iterable(args[0] ?? [])], true),
  'builtins.bytes': (args) => (args.length === 0 ? new Uint8Array(0) : requireBytes(args[0], 'bytes')),
  'builtins.bytearray': (args) => {
    if (args.length === 0) return new Uint8Array(0);
    if (typeof args[0] === 'string') return latin1(args[0], args[1]);
    return requireBytes(args[0], 'bytearray');
  },
  '_codecs.encode': (args) => latin1(requireString(args[0], '_codecs.encode'), args[1]),
  'copyreg._reconstructor': (args, ctx) => instantiate(args[0], ctx),
};

/** REDUCE, INST and OBJ: call `callable(*args)` if allow-listed, else an inert marker. */
export function callGlobal(callable: Py, args: Py, ctx: CallContext): Py {
  const list = args instanceof Tuple ? args.items : Array.isArray(args) ? args : null;
  if (list === null) throw new CodecError('REDUCE arguments are not a tuple');
  if (callable instanceof Opaque) return callable;
  if (!(callable instanceof Global)) throw new CodecError('REDUCE on a value that is not a global');
  const constructor = CONSTRUCTORS[callable.dotted];
  if (constructor !== undefined) return constructor(list, ctx);
  ctx.skipped.add(callable.dotted);
  return new Opaque(callable.dotted);
}

/** NEWOBJ / NEWOBJ_EX / copyreg._reconstructor: `cls.__new__(cls)`, state arrives by BUILD. */
export function instantiate(cls: Py, ctx: CallContext): Py {
  if (cls instanceof Opaque) return cls;
  if (!(cls instanceof Global)) throw new CodecError('NEWOBJ on a value that is not a class');
  if (cls.dotted === 'uuid.UUID') return new Instance(cls.dotted);
  if (cls.dotted === 'collections.OrderedDict') return new Dict();
  ctx.skipped.add(cls.dotted);
  return new Opaque(cls.dotted);
}

/** BUILD: only UUID takes a state (`{'int': n}`); other markers keep ignoring theirs. */
export function build(target: Py, state: Py): Py {
  if (!(target instanceof Instance)) return target;
  const dict = state instanceof Tuple ? state.items[0] : state;
  if (target.className === 'uuid.UUID' && dict instanceof Dict) {
    const at = dict.keys.indexOf('int');
    const value = at >= 0 ? dict.values[at] : undefined;
    if (typeof value === 'bigint' && value >= 0n && value < 1n << 128n) {
      return new Built({ $type: 'uuid', value: uuidFromHex(value.toString(16).padStart(32, '0')) });
    }
  }
  throw new CodecError(`bad state for ${target.className}`);
}

function uuidFromHex(text: string): string {
  const hex = text.replace(/^urn:uuid:/i, '').replace(/[{}-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new CodecError('ValueError: badly formed UUID');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function latin1(text: string, encoding: Py | undefined): Uint8Array {
  if (encoding !== 'latin1' && encoding !== 'latin-1') throw new CodecError('_codecs.encode is only allowed with latin1');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new CodecError('UnicodeEncodeError: not latin-1');
    out[i] = code;
  }
  return out;
}

function* iterable(value: Py): Iterable<Py> {
  if (Array.isArray(value)) yield* value;
  else if (value instanceof Tuple || value instanceof PySet) yield* value.items;
  else throw new CodecError('expected a list or tuple');
}

function stateBytes(value: Py | undefined): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  // Python 2 pickles hold the state as a str; CPython accepts it as latin-1.
  if (typeof value === 'string' && value.length === 10) return latin1(value, 'latin1');
  return null;
}

function requireBytes(value: Py | undefined, what: string): Uint8Array {
  const bytes = stateBytes(value) ?? (typeof value === 'string' ? latin1(value, 'latin1') : null);
  if (bytes === null) throw new CodecError(`TypeError: bad ${what} argument`);
  return bytes;
}

function requireString(value: Py | undefined, what: string): string {
  if (typeof value !== 'string') throw new CodecError(`TypeError: bad ${what} argument`);
  return value;
}

function optionalTz(value: Py | undefined): Tz | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Tz) return value;
  throw new CodecError('TypeError: bad tzinfo argument');
}

function bigintArg(value: Py | undefined): bigint {
  if (value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  throw new CodecError('TypeError: integer argument expected');
}

function int(value: Py | undefined): number {
  const n = Number(bigintArg(value));
  if (!Number.isSafeInteger(n)) throw new CodecError('OverflowError: integer out of range');
  return n;
}
