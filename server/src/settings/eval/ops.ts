// Python operators over known values. Anything Python would reject (or we do not model) is unknown.
import { posix } from 'node:path';
import type { Known } from '../types';
import { known, pyRepr, sameKnown, truthy, unknown } from '../values';
import { lift, plain, type Value } from './value';

const isNum = (v: Known): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
const num = (v: number | boolean) => Number(v);

/** Python's str() of a plain value. */
export function pyStr(value: Known): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

function arithmetic(op: string, a: number, b: number): Value {
  switch (op) {
    case '+': return known(a + b);
    case '-': return known(a - b);
    case '*': return known(a * b);
    case '/': return b === 0 ? unknown('division by zero') : known(a / b);
    case '//': return b === 0 ? unknown('division by zero') : known(Math.floor(a / b));
    case '%': return b === 0 ? unknown('division by zero') : known(((a % b) + b) % b);
    case '**': return known(a ** b);
    default: return unknown(`the operator ${op} is not evaluated`);
  }
}

function repeat<T>(items: T[], times: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < times && out.length < 100_000; i++) out.push(...items);
  return out;
}

export function binaryOp(op: string, left: Value, right: Value): Value {
  // pathlib: Path / 'x'
  if (op === '/' && left.kind === 'path') {
    const r = plain(right);
    return r.ok && typeof r.value === 'string' ? { kind: 'path', path: posix.join(left.path, r.value) } : unknown('a path joined with a value we cannot evaluate');
  }
  return lift([left, right], (l, r) => {
    const a = plain(l);
    const b = plain(r);
    if (!a.ok || !b.ok) return unknown(`the operator ${op} on values that are not plain data`);
    const x = a.value;
    const y = b.value;
    if (isNum(x) && isNum(y)) return arithmetic(op, num(x), num(y));
    if (op === '+' && typeof x === 'string' && typeof y === 'string') return known(x + y);
    if (op === '+' && Array.isArray(x) && Array.isArray(y)) return known([...x, ...y]);
    if (op === '*' && typeof x === 'string' && typeof y === 'number' && y < 10_000) return known(x.repeat(Math.max(0, y)));
    if (op === '*' && Array.isArray(x) && typeof y === 'number') return known(repeat(x, y));
    if (op === '|' && isDict(x) && isDict(y)) return known({ ...x, ...y });
    return unknown(`${pyRepr(x)} ${op} ${pyRepr(y)} is not evaluated`);
  });
}

const isDict = (v: Known): v is { [key: string]: Known } => v !== null && typeof v === 'object' && !Array.isArray(v);

export function unaryOp(op: string, operand: Value): Value {
  return lift([operand], (v) => {
    const p = plain(v);
    if (op === 'not') return p.ok ? known(!truthy(p.value)) : v.kind === 'path' ? known(false) : unknown('`not` of an object');
    if (!p.ok || !isNum(p.value)) return unknown(`the unary ${op} of a value that is not a number`);
    if (op === '-') return known(-num(p.value));
    if (op === '+') return known(num(p.value));
    if (op === '~') return known(~num(p.value));
    return unknown(`the operator ${op} is not evaluated`);
  });
}

function contains(container: Known, item: Known): boolean | undefined {
  if (typeof container === 'string') return typeof item === 'string' ? container.includes(item) : undefined;
  if (Array.isArray(container)) return container.some((c) => sameKnown(c, item));
  if (isDict(container)) return typeof item === 'string' ? item in container : false;
  return undefined;
}

function order(op: string, a: Known, b: Known): boolean | undefined {
  const comparable = (isNum(a) && isNum(b)) || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return undefined;
  const x = typeof a === 'string' ? a : num(a as number);
  const y = typeof b === 'string' ? b : num(b as number);
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    default: return undefined;
  }
}

export function compareOp(op: string, left: Value, right: Value): Value {
  return lift([left, right], (l, r) => {
    const a = plain(l);
    const b = plain(r);
    if (!a.ok || !b.ok) return unknown(`the comparison ${op} of objects`);
    let result: boolean | undefined;
    if (op === '==' || op === 'is') result = isNum(a.value) && isNum(b.value) && op === '==' ? num(a.value) === num(b.value) : sameKnown(a.value, b.value);
    else if (op === '!=' || op === 'is not') result = !(isNum(a.value) && isNum(b.value) && op === '!=' ? num(a.value) === num(b.value) : sameKnown(a.value, b.value));
    else if (op === 'in') result = contains(b.value, a.value);
    else if (op === 'not in') result = invert(contains(b.value, a.value));
    else result = order(op, a.value, b.value);
    return result === undefined ? unknown(`the comparison ${op} is not evaluated`) : known(result);
  });
}

const invert = (b: boolean | undefined) => (b === undefined ? undefined : !b);

/** `value[index]` on plain data. */
export function subscript(container: Value, index: Value): Value {
  return lift([container, index], (c, i) => {
    const a = plain(c);
    const b = plain(i);
    if (!a.ok || !b.ok) return unknown('a subscript of an object');
    const key = b.value;
    if (isDict(a.value)) {
      const k = typeof key === 'string' ? key : pyStr(key);
      return k in a.value ? known(a.value[k]) : unknown(`the key ${pyRepr(key)} is missing (KeyError)`);
    }
    if ((Array.isArray(a.value) || typeof a.value === 'string') && typeof key === 'number' && Number.isInteger(key)) {
      const at = key < 0 ? a.value.length + key : key;
      if (at < 0 || at >= a.value.length) return unknown('an index out of range (IndexError)');
      return known(Array.isArray(a.value) ? a.value[at] : a.value[at]);
    }
    return unknown('a subscript that is not evaluated');
  });
}
