// Values read out of the session and then mutated in place: `request.session['cart']['x'] = 1`,
// `cart = request.session.get('cart'); cart.append(x)`. Django only saves them when the session is
// marked modified or the key is assigned again, so each one becomes a NestedMutation.
import { identifierName, spanOf, textOf, unwrap, unwrapAwait } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import { currentClass, type Ctx } from './context';
import { resolveKey } from './keys';
import type { BoundKey } from './scope';
import { sessionVia } from './sessions';

/** Methods that change a list/dict/set in place. */
export const MUTATORS = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'popitem', 'clear', 'update', 'setdefault', 'add', 'discard',
  'sort', 'reverse', '__setitem__', '__delitem__',
]);

/** Session methods that return the stored value itself. */
const VALUE_GETTERS = new Set(['get', 'setdefault', 'pop', '__getitem__', 'aget', 'asetdefault', 'apop']);

export interface SessionValue {
  resolved: BoundKey;
  /** Reached through `self.<attr>`: the class, not this function, decides whether it is saved. */
  viaClass: boolean;
}

/** The session key whose stored value this expression is, or undefined when it is not one. */
export function sessionValueKey(ctx: Ctx, raw: SyntaxNode | null, depth = 0): SessionValue | undefined {
  // `await request.session.aget('cart')` is the stored value as much as `.get('cart')`.
  const node = unwrapAwait(raw);
  if (!node || depth > 8) return undefined;
  if (node.type === 'subscript') {
    const index = node.childForFieldName('subscript');
    const value = node.childForFieldName('value');
    const via = sessionVia(ctx, value);
    if (via && index) return { resolved: withReceiver(ctx, resolveKey(ctx, index), value), viaClass: via.startsWith('self.') };
    // Deeper inside a stored value: `request.session['cart'][pid]['qty']` still belongs to 'cart'.
    return via ? undefined : sessionValueKey(ctx, value, depth + 1);
  }
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute') return undefined;
    const method = fn.childForFieldName('attribute');
    const object = fn.childForFieldName('object');
    const via = sessionVia(ctx, object);
    const arg = node.childForFieldName('arguments')?.namedChild(0) ?? null;
    if (!via || !method || !arg || !VALUE_GETTERS.has(textOf(ctx.text, method))) return undefined;
    return { resolved: withReceiver(ctx, resolveKey(ctx, arg), object), viaClass: via.startsWith('self.') };
  }
  const name = identifierName(ctx.text, node);
  if (name !== null) {
    const bound = ctx.scope.lookup((s) => s.bindings.get(name));
    return bound ? { resolved: bound, viaClass: false } : undefined;
  }
  if (node.type === 'attribute' && identifierName(ctx.text, unwrap(node.childForFieldName('object'))) === 'self') {
    const attribute = node.childForFieldName('attribute');
    const info = currentClass(ctx);
    const bound = attribute ? info?.bindings.get(textOf(ctx.text, attribute)) : undefined;
    if (!bound) return undefined;
    // Bound in another method: only a `self.` receiver is in scope here.
    const receiver = bound.receiver?.startsWith('self.') ? bound.receiver : undefined;
    return { resolved: { key: bound.key, pending: bound.pending, ...(receiver ? { receiver } : {}) }, viaClass: true };
  }
  return undefined;
}

/** The key, with the session expression it was read through when that is short plain text (a call would run twice). */
function withReceiver<T extends object>(ctx: Ctx, key: T, session: SyntaxNode | null): T & { receiver?: string } {
  const text = session ? textOf(ctx.text, session) : '';
  if (!text || text.length > 80 || /[\n(]/.test(text)) return key;
  return { ...key, receiver: text };
}

/** Records an in-place change of a session value; `saved` is decided when the scope ends. */
export function recordMutation(ctx: Ctx, target: SyntaxNode, at: SyntaxNode): boolean {
  const value = sessionValueKey(ctx, target);
  if (!value) return false;
  const mutation = { key: value.resolved.key, span: spanOf(at), scope: ctx.scope.name, saved: false,
    ...(value.resolved.pending ? { pending: value.resolved.pending } : {}),
    ...(value.resolved.receiver ? { receiver: value.resolved.receiver } : {}) };
  ctx.scope.mutations.push({ mutation, viaClass: value.viaClass });
  return true;
}
