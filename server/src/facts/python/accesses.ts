// Session accesses: subscripts, the dict-like API (get/pop/setdefault/update/has_key) and `in`.
import { identifierName, spanOf, textOf, unwrap, unwrapAwait } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import type { AccessOp, KeyParameter, PendingKey, SessionAccess, ValueType } from '../types';
import { currentClass, type Ctx, markSessionSaved } from './context';
import { KEYWORD_NAMES, literalString, resolveKey } from './keys';
import { MUTATORS, recordMutation } from './nested';
import type { ResolvedKey } from './scope';
import { serializerAt } from './serializerOverrides';
import { sessionVia } from './sessions';
import { inferType } from './values';

/** What a read's context says about it (set on read and contains accesses only). */
export type ReadFlags = Pick<SessionAccess, 'unpacked' | 'assertsAbsence' | 'guard'>;

export interface AccessSink {
  accesses: SessionAccess[];
  pendingKeys: PendingKey[];
  keyParameters: KeyParameter[];
  /** Subscripts that are assignment/del targets, by nodeKey, waiting for their visit. */
  roles: Map<string, TargetRole>;
}

/**
 * Records one access. `stores` is false for writes and deletes that may change nothing
 * (setdefault of an existing key, pop of a missing one): they do not reliably save the session.
 */
export function addAccess(ctx: Ctx, sink: AccessSink, resolved: ResolvedKey, op: AccessOp, via: string, valueType?: ValueType,
  stores = true, flags: ReadFlags = {}, value?: SyntaxNode | null): void {
  if (resolved.alternatives) {
    // `for key in KEYS: request.session.pop(key)`: each key, at the access's own place.
    for (const alternative of resolved.alternatives) addAccess(ctx, sink, { ...alternative, span: resolved.span }, op, via, valueType, stores, flags);
    return;
  }
  const access: SessionAccess = {
    key: resolved.key, pattern: resolved.pattern, op, span: resolved.span, source: resolved.source, via, scope: ctx.scope.name, ...flags,
  };
  if (op === 'write') {
    access.valueType = valueType ?? 'unknown';
    const serializer = ctx.serializerOverrides.length > 0 ? serializerAt(ctx.serializerOverrides, resolved.span) : undefined;
    if (serializer) access.serializer = serializer;
  }
  if (resolved.pending) sink.pendingKeys.push({ accessIndex: sink.accesses.length, ref: resolved.pending });
  sink.accesses.push(access);
  if (resolved.parameter !== undefined) noteKeyParameter(ctx, sink, resolved, resolved.parameter, op, via, valueType, stores, flags, value);
  if ((op === 'write' || op === 'delete') && stores) {
    // Django marks the whole session modified on any assignment or del: in-place changes made in
    // the same function get saved with it.
    ctx.scope.modifiedSet = true;
    const identity = keyIdentity(resolved);
    if (op === 'write' && identity !== null) currentClass(ctx)?.writtenKeys.add(identity);
  }
}

/**
 * The access's key is a parameter of its function (`request.session[name] = value`), or each keyword
 * name of its `**kwargs`: the function takes its key from its calls (facts/keyCalls.ts).
 */
function noteKeyParameter(ctx: Ctx, sink: AccessSink, resolved: ResolvedKey, parameter: string, op: AccessOp, via: string,
  valueType: ValueType | undefined, stores: boolean, flags: ReadFlags, value: SyntaxNode | null | undefined): void {
  const keywords = parameter === KEYWORD_NAMES;
  const position = keywords ? -1 : ctx.scope.parameters.get(parameter);
  if (position === undefined) return;
  const item: KeyParameter = { function: ctx.scope.name, parameter, position, method: ctx.scope.parent?.kind === 'class', op, via };
  // The written value: another parameter (its type is what each call passes), the `**kwargs`
  // loop's value (each keyword's value), or a value of its own (`store[key] = 1`).
  const valueName = op === 'write' && value ? identifierName(ctx.text, unwrap(value)) : null;
  const valueAt = valueName === null ? undefined : ctx.scope.parameters.get(valueName);
  if (valueName !== null && valueAt !== undefined) item.value = { parameter: valueName, position: valueAt };
  else if (keywords && valueName !== null && [...ctx.scope.keywordKeys.values()].includes(valueName)) item.value = { parameter: KEYWORD_NAMES, position: -1 };
  else if (op === 'write' && valueType && valueType !== 'unknown') item.valueType = valueType;
  if (keywords) item.named = [...ctx.scope.parameters.keys()];
  sink.keyParameters.push(item);
  // `def recall(request, key='cart')`: calls that leave it out use 'cart', written at the default.
  // An empty default (`id=''`) says "no key given", as tendenci's import helpers use it.
  const fallback = ctx.scope.parameterDefaults.get(parameter);
  const written = fallback ? literalString(ctx, fallback) : null;
  if (fallback && written) {
    const { parameter: _, ...rest } = resolved;
    addAccess(ctx, sink, { ...rest, key: written, pattern: false, source: { kind: 'literal' }, span: spanOf(fallback) }, op, `${via} (default of ${parameter})`, valueType, stores, flags);
  }
}

/** What makes two accesses "the same key" inside one file, even before the index resolves them. */
export function keyIdentity(resolved: Pick<ResolvedKey, 'key' | 'pending'>): string | null {
  if (resolved.key !== null) return resolved.key;
  return resolved.pending ? JSON.stringify(resolved.pending) : null;
}

const CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list', 'parenthesized_expression']);

type Role = 'read' | 'write' | 'write-unpacked' | 'delete' | 'augment';

export interface TargetRole {
  role: Role;
  value: SyntaxNode | null;
}

/** Identifies a node across wrapper objects (nested subscripts share their start). */
function nodeKey(node: SyntaxNode): string {
  return `${node.startIndex}:${node.endIndex}:${node.type}`;
}

/**
 * Marks the targets of an assignment, augmented assignment or `del` before their subscripts are
 * visited (statements come first in document order). Top-down because `node.parent` costs a walk
 * from the root in tree-sitter.
 */
export function markTargets(sink: AccessSink, statement: SyntaxNode): void {
  const mark = (target: SyntaxNode | null, role: TargetRole) => {
    const stack = target ? [target] : [];
    let unpacked = false;
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (CONTAINERS.has(node.type)) {
        unpacked = unpacked || node.type !== 'parenthesized_expression';
        for (let i = 0; i < node.namedChildCount; i++) stack.push(node.namedChild(i)!);
      } else if (node.type === 'subscript') {
        sink.roles.set(nodeKey(node), role.role === 'write' && unpacked ? { role: 'write-unpacked', value: null } : role);
      }
    }
  };
  switch (statement.type) {
    case 'assignment':
      return mark(statement.childForFieldName('left'), { role: 'write', value: statement.childForFieldName('right') });
    case 'augmented_assignment':
      return mark(statement.childForFieldName('left'), { role: 'augment', value: statement.childForFieldName('right') });
    case 'delete_statement':
      for (let i = 0; i < statement.namedChildCount; i++) mark(statement.namedChild(i), { role: 'delete', value: null });
      return;
    default:
      return;
  }
}

function roleOf(sink: AccessSink, node: SyntaxNode): TargetRole {
  const key = nodeKey(node);
  const role = sink.roles.get(key);
  if (!role) return { role: 'read', value: null };
  sink.roles.delete(key);
  return role;
}

export function handleSubscript(ctx: Ctx, sink: AccessSink, node: SyntaxNode): void {
  const value = node.childForFieldName('value');
  const index = node.childForFieldName('subscript');
  if (!value || !index) return;
  const via = sessionVia(ctx, value);
  const { role, value: assigned } = roleOf(sink, node);
  if (!via) {
    if (role !== 'read') recordMutation(ctx, value, node);
    return;
  }
  const resolved = resolveKey(ctx, index);
  const label = `${via}[...]`;
  switch (role) {
    case 'read':
      // `assert not s['k']` raises KeyError when the key is missing: not a check of its absence.
      return addAccess(ctx, sink, resolved, 'read', label, undefined, true, readFlags(node, false));
    case 'delete':
      return addAccess(ctx, sink, resolved, 'delete', label);
    case 'write-unpacked':
      return addAccess(ctx, sink, resolved, 'write', label, 'unknown');
    case 'write':
      return addAccess(ctx, sink, resolved, 'write', label, inferType(ctx, assigned), true, {}, assigned);
    case 'augment':
      addAccess(ctx, sink, resolved, 'read', label);
      return addAccess(ctx, sink, resolved, 'write', label, inferType(ctx, assigned));
  }
}

function updateWrites(ctx: Ctx, sink: AccessSink, args: SyntaxNode, via: string): void {
  const label = `${via}.update`;
  for (let i = 0; i < args.namedChildCount; i++) {
    const arg = args.namedChild(i);
    if (arg?.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      if (name) addAccess(ctx, sink, { key: textOf(ctx.text, name), pattern: false, source: { kind: 'literal' }, span: spanOf(name) },
        'write', label, inferType(ctx, arg.childForFieldName('value')));
      continue;
    }
    const dict = unwrap(arg?.type === 'dictionary_splat' ? arg.namedChild(0) : arg);
    if (dict?.type !== 'dictionary') continue;
    for (let j = 0; j < dict.namedChildCount; j++) {
      const pair = dict.namedChild(j);
      const key = pair?.type === 'pair' ? pair.childForFieldName('key') : null;
      if (key) addAccess(ctx, sink, resolveKey(ctx, key), 'write', label, inferType(ctx, pair!.childForFieldName('value')));
    }
  }
}

/** A call on a session (`.get`, `.pop`, ...) or on a value taken from one (`cart.append`). */
export function handleCall(ctx: Ctx, sink: AccessSink, node: SyntaxNode): void {
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute') return;
  const methodNode = fn.childForFieldName('attribute');
  const object = fn.childForFieldName('object');
  const args = node.childForFieldName('arguments');
  if (!methodNode || !object || !args) return;
  const name = textOf(ctx.text, methodNode);
  if (ASSERT_IN.has(name)) return assertIn(ctx, sink, args, name);
  const via = sessionVia(ctx, object);
  if (!via) {
    if (MUTATORS.has(name)) recordMutation(ctx, object, node);
    return;
  }
  const first = args.namedChild(0);
  const label = `${via}.${name}`;
  const key = first && first.type !== 'keyword_argument' ? resolveKey(ctx, first) : null;
  switch (ASYNC_TWINS.get(name) ?? name) {
    case 'get':
    case '__getitem__':
      if (key) addAccess(ctx, sink, key, 'read', label, undefined, true, readFlags(node));
      return;
    case 'pop':
      // pop() returns the value and removes the key: both a read and a delete.
      // It only marks the session modified when the key was there: not a reliable save.
      if (key) addAccess(ctx, sink, key, 'read', label, undefined, true, readFlags(node));
      if (key) addAccess(ctx, sink, key, 'delete', label, undefined, false);
      return;
    case '__delitem__':
      if (key) addAccess(ctx, sink, key, 'delete', label);
      return;
    case 'setdefault':
      if (!key) return;
      addAccess(ctx, sink, key, 'read', label);
      addAccess(ctx, sink, key, 'write', label, args.namedChild(1) ? inferType(ctx, args.namedChild(1)) : 'None', false);
      return;
    case '__setitem__':
      if (key) addAccess(ctx, sink, key, 'write', label, inferType(ctx, args.namedChild(1)), true, {}, args.namedChild(1));
      return;
    case 'has_key':
    case '__contains__':
      if (key) addAccess(ctx, sink, key, 'contains', label);
      return;
    case 'update':
      return updateWrites(ctx, sink, args, via);
    case 'save':
      // An explicit save() writes the whole session dict, in-place changes included.
      return markSessionSaved(ctx);
    default:
      return; // flush, cycle_key, set_expiry, ...: not key accesses.
  }
}

const ASSERT_IN = new Set(['assertIn', 'assertNotIn']);
const UNPACKING_TARGETS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern']);

/** The value read at `node` (also through `await`): unpacked at once (`a, b = <node>`), or (`missing`:
 * a read that gives None for a missing key) asserted missing in a test. */
function readFlags(node: SyntaxNode, missing = true): ReadFlags {
  const value = node.parent?.type === 'await' ? node.parent : node;
  const parent = value.parent;
  if (parent?.type === 'assignment') {
    return parent.childForFieldName('right')?.id === value.id && UNPACKING_TARGETS.has(parent.childForFieldName('left')?.type ?? '') ? { unpacked: true } : {};
  }
  // `if s.get('k'):` / `if not s.get('k'):`: the value decides the branch and goes nowhere else.
  const condition = parent?.type === 'not_operator' ? parent : value;
  const statement = condition.parent;
  if ((statement?.type === 'if_statement' || statement?.type === 'elif_clause') && statement.childForFieldName('condition')?.id === condition.id) return { guard: true };
  return missing && assertedMissing(value) ? { assertsAbsence: true } : {};
}

/** Django 5.0's async session API: `await request.session.aget('k')` is a `get`, `aset` an assignment. */
export const ASYNC_TWINS: ReadonlyMap<string, string> = new Map([
  ['aget', 'get'], ['apop', 'pop'], ['asetdefault', 'setdefault'], ['aset', '__setitem__'], ['aupdate', 'update'], ['ahas_key', 'has_key'],
  ['asave', 'save'],
]);

/** `self.assertIn('k', self.client.session)` (unittest): a membership test like `'k' in session`. */
function assertIn(ctx: Ctx, sink: AccessSink, args: SyntaxNode, method: string): void {
  const member = args.namedChild(0);
  const container = args.namedChild(1);
  if (!member || !container || member.type === 'keyword_argument' || container.type === 'keyword_argument') return;
  const via = sessionVia(ctx, container) ?? keysOfSession(ctx, container);
  if (via) addAccess(ctx, sink, resolveKey(ctx, member), 'contains', `${method} ${via}`, undefined, true, method === 'assertNotIn' ? { assertsAbsence: true } : {});
}

const FALSY_ASSERTIONS = new Set(['assertIsNone', 'assertFalse']);

/** `assert not <node>`, `self.assertIsNone(<node>)`, `self.assertFalse(<node>)`: the value must be missing. */
function assertedMissing(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (parent?.type === 'not_operator') return parent.parent?.type === 'assert_statement';
  if (parent?.type !== 'argument_list' || parent.namedChild(0)?.id !== node.id) return false;
  const fn = parent.parent?.type === 'call' ? parent.parent.childForFieldName('function') : null;
  return fn?.type === 'attribute' && FALSY_ASSERTIONS.has(fn.childForFieldName('attribute')?.text ?? '');
}

/** `request.session.keys()` (or `await request.session.akeys()`), and `request.session.load()` (the
 * stored dict, as tests check it), are as good as the session for `in`. */
function keysOfSession(ctx: Ctx, node: SyntaxNode): string | null {
  const call = unwrapAwait(node);
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
  const name = method ? textOf(ctx.text, method) : null;
  if (!fn || (name !== 'keys' && name !== 'akeys' && name !== 'load')) return null;
  const via = sessionVia(ctx, fn.childForFieldName('object'));
  return via ? `${via}.${name}()` : null;
}

/** `'k' in request.session` / `'k' not in s` / `'k' in s.keys()`. */
export function handleComparison(ctx: Ctx, sink: AccessSink, node: SyntaxNode): void {
  let previous: SyntaxNode | null = null;
  let pendingIn = false;
  let negated = false;
  // `assert 'k' not in s`: a test's check that the key is absent.
  const asserted = node.parent?.type === 'assert_statement';
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    if (child.type === 'in' || child.type === 'not in') {
      pendingIn = true;
      negated = child.type === 'not in';
      continue;
    }
    if (!child.isNamed) {
      pendingIn = false;
      continue;
    }
    if (pendingIn && previous) {
      const via = sessionVia(ctx, child) ?? keysOfSession(ctx, child);
      if (via) addAccess(ctx, sink, resolveKey(ctx, previous), 'contains', `in ${via}`, undefined, true, negated && asserted ? { assertsAbsence: true } : {});
    }
    pendingIn = false;
    previous = child;
  }
}
