// Names that stand for one of several known keys: a tuple/list/set of string keys bound to a name
// (`CHECKOUT_KEYS = ('step', 'address')`) and the variable of a loop over one
// (`for key in CHECKOUT_KEYS: request.session.pop(key, None)`, also in comprehensions). An access
// through such a name is an access of each key; rename edits each literal where it is written.
import { dottedName, identifierName, textOf, unwrap } from '../../syntax/nodes';
import { resolveDotted } from './imports';
import type { SyntaxNode } from '../../syntax/python';
import { addSessionName, type Ctx, mayMention } from './context';
import { resolveStringValue } from './keys';
import type { ResolvedKey } from './scope';
import { sessionVia } from './sessions';

const SEQUENCES = new Set(['tuple', 'list', 'set', 'expression_list']);
/** More keys than this is data, not a handful of session keys. */
const MAX_KEYS = 32;

/** The keys a sequence literal (or a name bound to one) holds; null unless every element is a known key. */
export function keyListOf(ctx: Ctx, raw: SyntaxNode | null, owner: string): ResolvedKey[] | null {
  const node = unwrap(raw);
  if (!node) return null;
  const name = identifierName(ctx.text, node);
  if (name !== null) return ctx.scope.lookup((s) => s.keyLists.get(name)) ?? importedKeyList(ctx, name);
  if (node.type === 'attribute') {
    const dotted = dottedName(ctx.text, node);
    return dotted ? importedKeyList(ctx, dotted) : null;
  }
  if (!SEQUENCES.has(node.type) || node.namedChildCount === 0 || node.namedChildCount > MAX_KEYS) return null;
  const keys: ResolvedKey[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const element = node.namedChild(i);
    if (!element || element.type === 'comment') continue;
    const resolved = resolveStringValue(ctx, element);
    if (!resolved || resolved.pattern || (resolved.key === null && !resolved.pending)) return null;
    // A literal in the list is where the key is written: rename edits it, not the access.
    keys.push(resolved.source.kind === 'literal'
      ? { ...resolved, source: { kind: 'constant', name: `${owner}[${keys.length}]`, file: ctx.file, span: resolved.span } }
      : resolved);
  }
  return keys.length > 0 ? keys : null;
}

/** Where an access through a loop variable is, is set by the access itself. */
const NO_SPAN = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };

/** A list imported from another module of the project (`from .keys import LOGOUT_KEYS`, `keys.LOGOUT_KEYS`): the index expands it. */
function importedKeyList(ctx: Ctx, dotted: string): ResolvedKey[] | null {
  if (ctx.scope.lookup((s) => s.strings.get(dotted))) return null;
  const imported = resolveDotted(ctx, dotted);
  if (!imported || imported.module.startsWith('django.')) return null;
  return [{ key: null, pattern: false, source: { kind: 'dynamic' }, span: NO_SPAN, pending: { kind: 'import', module: imported.module, name: imported.name, list: true } }];
}

/**
 * `for key in <keys>:` / `... for key in <keys>`: the loop variable stands for each key. Over
 * sessions only (`for s in (request.session, other.session)`), it is a session.
 */
export function bindLoopVariable(ctx: Ctx, node: SyntaxNode, comprehension = false): void {
  const left = unwrap(node.childForFieldName('left'));
  if (!comprehension && bindKeywordLoop(ctx, left, node.childForFieldName('right'))) return;
  const name = identifierName(ctx.text, left);
  if (name === null) return;
  // A comprehension's variable lives in its own scope (Python 3): the enclosing one keeps the name's meaning.
  if (!comprehension) ctx.scope.rebind(name);
  const right = node.childForFieldName('right');
  const keys = keyListOf(ctx, right, right ? textOf(ctx.text, right).slice(0, 40) : name);
  if (keys) ctx.scope.keyLists.set(name, keys);
  const via = keys ? null : sessionsOf(ctx, right);
  if (via) {
    ctx.scope.sessionAliases.set(name, via);
    addSessionName(ctx, name);
    ctx.gate.add(name);
  }
}

/**
 * `for key in kwargs` / `kwargs.keys()` / `for key, value in kwargs.items()` over the function's
 * `**kwargs`: `key` is the name of each keyword the call passes (a key when the session is
 * subscripted with it), `value` its value.
 */
function bindKeywordLoop(ctx: Ctx, left: SyntaxNode | null, raw: SyntaxNode | null): boolean {
  const kwargs = ctx.scope.keywordsParameter;
  const right = unwrap(raw);
  if (kwargs === null || !right || !left) return false;
  let over: string | null = identifierName(ctx.text, right);
  let method = '';
  if (over === null && right.type === 'call') {
    const fn = right.childForFieldName('function');
    const attribute = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
    over = fn?.type === 'attribute' ? identifierName(ctx.text, unwrap(fn.childForFieldName('object'))) : null;
    method = attribute ? textOf(ctx.text, attribute) : '';
  }
  if (over !== kwargs || (method !== '' && method !== 'keys' && method !== 'items')) return false;
  const names = method === 'items' && (left.type === 'pattern_list' || left.type === 'tuple_pattern') && left.namedChildCount === 2
    ? [identifierName(ctx.text, left.namedChild(0)), identifierName(ctx.text, left.namedChild(1))]
    : method !== 'items' ? [identifierName(ctx.text, left), null] : [null, null];
  const [key, value] = names;
  if (key === null) return false;
  ctx.scope.rebind(key);
  if (value) ctx.scope.rebind(value);
  ctx.scope.keywordKeys.set(key, value);
  return true;
}

/** The session a sequence of sessions stands for (the first one's description), or null. */
function sessionsOf(ctx: Ctx, raw: SyntaxNode | null): string | null {
  const node = unwrap(raw);
  if (!node || !SEQUENCES.has(node.type) || node.namedChildCount === 0 || !mayMention(ctx, node)) return null;
  let first: string | null = null;
  for (let i = 0; i < node.namedChildCount; i++) {
    const via = sessionVia(ctx, node.namedChild(i));
    if (!via) return null;
    first ??= via;
  }
  return first;
}

/** The `for ... in ...` clauses of a comprehension, bound before its body (which comes first in the text). */
export function bindComprehension(ctx: Ctx, node: SyntaxNode): void {
  for (let i = 0; i < node.namedChildCount; i++) {
    const clause = node.namedChild(i);
    if (clause?.type === 'for_in_clause') bindLoopVariable(ctx, clause, true);
  }
}
