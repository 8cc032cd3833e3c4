// Infers the type of a value written to the session, as far as one file shows it. Enough to warn
// about values the JSON serializer cannot store (datetime, Decimal, UUID, model instances, sets...).
import { dottedName, stringParts, textOf, unwrap } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import type { ValueType } from '../types';
import type { Ctx } from './context';
import { resolveDotted } from './imports';

const LITERALS: Record<string, ValueType> = {
  integer: 'int', float: 'float', true: 'bool', false: 'bool', none: 'None',
  list: 'list', list_comprehension: 'list', dictionary: 'dict', dictionary_comprehension: 'dict',
  tuple: 'tuple', set: 'set', set_comprehension: 'set', concatenated_string: 'str',
  comparison_operator: 'bool', not_operator: 'bool',
};

/** Callables by their last dotted segment(s); `datetime.now` and `timezone.now` both give datetime. */
const CALLS: Record<string, ValueType> = {
  str: 'str', int: 'int', float: 'float', bool: 'bool', list: 'list', dict: 'dict', tuple: 'tuple',
  set: 'set', frozenset: 'set', bytes: 'bytes', bytearray: 'bytes', len: 'int', sorted: 'list',
  Decimal: 'Decimal', UUID: 'UUID', uuid1: 'UUID', uuid3: 'UUID', uuid4: 'UUID', uuid5: 'UUID',
  'datetime.now': 'datetime', 'datetime.utcnow': 'datetime', 'datetime.today': 'datetime',
  'datetime.fromisoformat': 'datetime', 'datetime.fromtimestamp': 'datetime', 'datetime.combine': 'datetime',
  'datetime.strptime': 'datetime', 'timezone.now': 'datetime', 'timezone.localtime': 'datetime',
  'timezone.make_aware': 'datetime', 'timezone.localdate': 'date', 'date.today': 'date',
  'date.fromisoformat': 'date', datetime: 'datetime', date: 'date', time: 'time', timedelta: 'timedelta',
  get_object_or_404: 'model', get_user: 'model', authenticate: 'model',
  isoformat: 'str', strftime: 'str', format: 'str', join: 'str', lower: 'str', upper: 'str', strip: 'str',
  hexdigest: 'str', get_random_string: 'str', dumps: 'str', urlsafe_b64encode: 'bytes', split: 'list',
  keys: 'unknown', items: 'unknown', total_seconds: 'float', isdigit: 'bool',
};

const TEMPORAL = ['datetime', 'date', 'time', 'timedelta'];

/** Manager methods that return one instance: `Product.objects.get(...)`. */
const INSTANCE_METHODS = new Set(['get', 'create', 'first', 'last', 'latest', 'earliest', 'get_or_create']);

function callType(ctx: Ctx, call: SyntaxNode): ValueType {
  const fn = unwrap(call.childForFieldName('function'));
  if (!fn) return 'unknown';
  if (fn.type === 'attribute') {
    const method = textOf(ctx.text, fn.childForFieldName('attribute') ?? fn);
    const object = unwrap(fn.childForFieldName('object'));
    // `X.objects.get(...)` / `X._default_manager.first()`: a model instance (get_or_create: a tuple).
    if (object?.type === 'attribute' && INSTANCE_METHODS.has(method)) {
      const manager = textOf(ctx.text, object.childForFieldName('attribute') ?? object);
      if (manager === 'objects' || manager.endsWith('manager')) return method === 'get_or_create' ? 'tuple' : 'model';
    }
    const owner = object ? dottedName(ctx.text, object) : null;
    if (owner === 'datetime' && TEMPORAL.includes(method)) return method as ValueType;
    const last = owner ? `${owner.slice(owner.lastIndexOf('.') + 1)}.${method}` : null;
    if (last && CALLS[last]) return CALLS[last];
    if (object?.type === 'string' && method === 'format') return 'str';
    // `mapping.get(key, default)`: as good a guess as the default's type.
    const fallback = method === 'get' ? call.childForFieldName('arguments')?.namedChild(1) : null;
    if (fallback && fallback.type !== 'none' && fallback.type !== 'keyword_argument') return inferType(ctx, fallback, 1);
    return CALLS[method] && !TEMPORAL.includes(method) ? CALLS[method] : 'unknown';
  }
  if (fn.type !== 'identifier') return 'unknown';
  const name = textOf(ctx.text, fn);
  if (ctx.modelNames.has(name)) return 'model';
  const imported = resolveDotted(ctx, name);
  if (imported?.module === 'time') return name === 'time' ? 'float' : 'unknown';
  if (imported && /(^|\.)models$/.test(imported.module) && /^[A-Z]/.test(imported.name) && !imported.module.startsWith('django.db')) return 'model';
  return CALLS[name] ?? 'unknown';
}

function arithmetic(left: ValueType, right: ValueType, op: string): ValueType {
  if (left === 'str' && (op === '+' || op === '%' || op === '*')) return 'str';
  if ((left === 'datetime' || left === 'date') && right === 'timedelta') return left;
  if (left === 'datetime' && right === 'datetime' && op === '-') return 'timedelta';
  if (left === 'timedelta' && right === 'timedelta') return 'timedelta';
  if ((left === 'int' || left === 'float') && (right === 'int' || right === 'float')) {
    return op === '/' || left === 'float' || right === 'float' ? 'float' : 'int';
  }
  if (left === right && (left === 'list' || left === 'tuple' || left === 'Decimal') && op === '+') return left;
  return 'unknown';
}

export function inferType(ctx: Ctx, value: SyntaxNode | null, depth = 0): ValueType {
  const node = unwrap(value);
  if (!node || depth > 16) return 'unknown';
  const literal = LITERALS[node.type];
  if (literal) return literal;
  switch (node.type) {
    case 'string':
      return stringParts(ctx.text, node)?.bytes ? 'bytes' : 'str';
    case 'call':
      return callType(ctx, node);
    case 'identifier': {
      const name = textOf(ctx.text, node);
      const assigned = ctx.scope.lookup((s) => s.typeNodes.get(name));
      // `x = x + 1` refers to an earlier x: never type a name through its own assignment.
      return assigned && assigned.startIndex >= node.endIndex ? 'unknown'
        : assigned && !(assigned.startIndex <= node.startIndex && node.endIndex <= assigned.endIndex)
          ? inferType(ctx, assigned, depth + 1) : 'unknown';
    }
    case 'attribute': {
      const dotted = dottedName(ctx.text, node);
      // The logged-in user, or any `<something>.user` on a request.
      if (dotted && /(^|\.)(request|req|r)\.user$/.test(dotted)) return 'model';
      return 'unknown';
    }
    case 'unary_operator':
      return inferType(ctx, node.childForFieldName('argument'), depth + 1);
    case 'binary_operator': {
      const op = node.childForFieldName('operator');
      return arithmetic(
        inferType(ctx, node.childForFieldName('left'), depth + 1),
        inferType(ctx, node.childForFieldName('right'), depth + 1),
        op ? textOf(ctx.text, op) : '',
      );
    }
    case 'conditional_expression': {
      const a = inferType(ctx, node.namedChild(0), depth + 1);
      const b = inferType(ctx, node.namedChild(2), depth + 1);
      return a === b ? a : 'unknown';
    }
    case 'assignment':
      return inferType(ctx, node.childForFieldName('right'), depth + 1);
    default:
      return 'unknown';
  }
}
