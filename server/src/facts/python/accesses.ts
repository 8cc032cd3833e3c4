// Session accesses: subscripts, the dict-like API (get/pop/setdefault/update/has_key) and `in`.
import { spanOf, textOf, unwrap } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import type { AccessOp, PendingKey, SessionAccess, ValueType } from '../types';
import { currentClass, type Ctx } from './context';
import { resolveKey } from './keys';
import { MUTATORS, recordMutation } from './nested';
import type { ResolvedKey } from './scope';
import { sessionVia } from './sessions';
import { inferType } from './values';

export interface AccessSink {
  accesses: SessionAccess[];
  pendingKeys: PendingKey[];
}

export function addAccess(ctx: Ctx, sink: AccessSink, resolved: ResolvedKey, op: AccessOp, via: string, valueType?: ValueType): void {
  const access: SessionAccess = {
    key: resolved.key, pattern: resolved.pattern, op, span: resolved.span, source: resolved.source, via, scope: ctx.scope.name,
  };
  if (op === 'write') access.valueType = valueType ?? 'unknown';
  if (resolved.pending) sink.pendingKeys.push({ accessIndex: sink.accesses.length, ref: resolved.pending });
  sink.accesses.push(access);
  if (op === 'write') {
    const identity = keyIdentity(resolved);
    if (identity === null) return;
    ctx.scope.writtenKeys.add(identity);
    currentClass(ctx)?.writtenKeys.add(identity);
  }
}

/** What makes two accesses "the same key" inside one file, even before the index resolves them. */
export function keyIdentity(resolved: Pick<ResolvedKey, 'key' | 'pending'>): string | null {
  if (resolved.key !== null) return resolved.key;
  return resolved.pending ? JSON.stringify(resolved.pending) : null;
}

const CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list', 'parenthesized_expression']);

type Role = 'read' | 'write' | 'write-unpacked' | 'delete' | 'augment';

/** Whether a subscript is read, assigned, deleted or augmented, from where it sits. */
function roleOf(node: SyntaxNode): { role: Role; value: SyntaxNode | null } {
  let child = node;
  let parent = node.parent;
  let unpacked = false;
  while (parent && CONTAINERS.has(parent.type)) {
    unpacked = unpacked || parent.type !== 'parenthesized_expression';
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return { role: 'read', value: null };
  const isLeft = parent.childForFieldName('left')?.id === child.id;
  switch (parent.type) {
    case 'assignment':
      if (!isLeft) return { role: 'read', value: null };
      return unpacked ? { role: 'write-unpacked', value: null } : { role: 'write', value: parent.childForFieldName('right') };
    case 'augmented_assignment':
      return isLeft ? { role: 'augment', value: parent.childForFieldName('right') } : { role: 'read', value: null };
    case 'delete_statement':
      return { role: 'delete', value: null };
    case 'for_statement':
    case 'for_in_clause':
      return isLeft ? { role: 'write-unpacked', value: null } : { role: 'read', value: null };
    default:
      return { role: 'read', value: null };
  }
}

export function handleSubscript(ctx: Ctx, sink: AccessSink, node: SyntaxNode): void {
  const value = node.childForFieldName('value');
  const index = node.childForFieldName('subscript');
  if (!value || !index) return;
  const via = sessionVia(ctx, value);
  const { role, value: assigned } = roleOf(node);
  if (!via) {
    if (role !== 'read') recordMutation(ctx, value, node);
    return;
  }
  const resolved = resolveKey(ctx, index);
  const label = `${via}[...]`;
  switch (role) {
    case 'read':
      return addAccess(ctx, sink, resolved, 'read', label);
    case 'delete':
      return addAccess(ctx, sink, resolved, 'delete', label);
    case 'write-unpacked':
      return addAccess(ctx, sink, resolved, 'write', label, 'unknown');
    case 'write':
      return addAccess(ctx, sink, resolved, 'write', label, inferType(ctx, assigned));
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
  const method = textOf(ctx.text, methodNode);
  const via = sessionVia(ctx, object);
  if (!via) {
    if (MUTATORS.has(method)) recordMutation(ctx, object, node);
    return;
  }
  const first = args.namedChild(0);
  const label = `${via}.${method}`;
  const key = first && first.type !== 'keyword_argument' ? resolveKey(ctx, first) : null;
  switch (method) {
    case 'get':
    case '__getitem__':
      if (key) addAccess(ctx, sink, key, 'read', label);
      return;
    case 'pop':
      // pop() returns the value and removes the key: both a read and a delete.
      if (key) addAccess(ctx, sink, key, 'read', label);
      if (key) addAccess(ctx, sink, key, 'delete', label);
      return;
    case '__delitem__':
      if (key) addAccess(ctx, sink, key, 'delete', label);
      return;
    case 'setdefault':
      if (!key) return;
      addAccess(ctx, sink, key, 'read', label);
      addAccess(ctx, sink, key, 'write', label, args.namedChild(1) ? inferType(ctx, args.namedChild(1)) : 'None');
      return;
    case '__setitem__':
      if (key) addAccess(ctx, sink, key, 'write', label, inferType(ctx, args.namedChild(1)));
      return;
    case 'has_key':
    case '__contains__':
      if (key) addAccess(ctx, sink, key, 'contains', label);
      return;
    case 'update':
      return updateWrites(ctx, sink, args, via);
    default:
      return; // flush, cycle_key, set_expiry, ...: not key accesses.
  }
}

/** `'k' in request.session` / `'k' not in s`. */
export function handleComparison(ctx: Ctx, sink: AccessSink, node: SyntaxNode): void {
  let previous: SyntaxNode | null = null;
  let pendingIn = false;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    if (child.type === 'in' || child.type === 'not in') {
      pendingIn = true;
      continue;
    }
    if (!child.isNamed) {
      pendingIn = false;
      continue;
    }
    if (pendingIn && previous) {
      const via = sessionVia(ctx, child);
      if (via) addAccess(ctx, sink, resolveKey(ctx, previous), 'contains', `in ${via}`);
    }
    pendingIn = false;
    previous = child;
  }
}
