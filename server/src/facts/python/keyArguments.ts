// Strings (and keyword names) calls pass to functions of this file or of other modules: a key
// where the function takes its key as a parameter (`remember(request, 'theme')`, facts/keyCalls.ts).
// python.ts joins them with this file's key parameters; the others become KeyCalls for the index.
import { spanOf, textOf, unwrap } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import { ANY_CLASS, type ArgumentType, type KeySource, type PendingKey, type Span } from '../types';
import { argumentsOf, calleeOf, type Callee, importedBases, isDjangoModule } from './callees';
import type { Ctx } from './context';
import { defsNamed } from './defs';
import { isLiteral, literalString, resolveKey } from './keys';
import { inferType } from './values';

/** A string literal passed to a function (`remember(request, 'theme')`): a key when the function takes its key there. */
export interface KeyArgument extends Callee {
  position: number | null;
  keyword: string | null;
  key: string;
  span: Span;
  /** The calling scope. */
  scope: string;
  /** The callee as written (`remember`, `self.remember`, `utils.remember`). */
  written: string;
  /** `self.callee(...)`: the imported bases of the calling class, where the method may come from. */
  inherited?: { module: string; name: string }[];
  argumentTypes?: ArgumentType[];
  /** The key is the keyword's name (a call of a `**kwargs` helper), not a string literal. */
  named?: true;
  /** A constant passed as the key (`remember(request, THEME_KEY)`): where its value comes from. */
  source?: KeySource;
  /** The constant lives in another module or in settings: the index resolves it (`key` is ''). */
  pending?: PendingKey['ref'];
  /** `load_strategy().session_get('k')`: if the import's result has no such method, the one class that has (ANY_CLASS). */
  orAnyClass?: string;
}

/** `THEME_KEY`, `keys.THEME`, `CheckoutSessionData.SESSION_KEY`: a name in capitals, as constants are written. */
function isConstantName(text: string, node: SyntaxNode): boolean {
  if (node.type !== 'identifier' && node.type !== 'attribute') return false;
  const written = textOf(text, node);
  const last = written.slice(written.lastIndexOf('.') + 1);
  return last.length > 1 && last === last.toUpperCase() && last !== last.toLowerCase();
}

/** The identifier starting at `at` (a call's first name), read from the text. */
function leadingName(text: string, at: number): string {
  let end = at;
  for (let c = text.charCodeAt(end); (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127; c = text.charCodeAt(++end));
  return text.slice(at, end);
}

/**
 * The method a call names when it is `<names>.<method>(` with a method name that says "session"
 * (`strategy.session_get(`, `self.store.set_session_value(`); read from the text, else null.
 */
function sessionMethodOf(text: string, start: number, end: number): string | null {
  const paren = text.indexOf('(', start);
  if (paren < 0 || paren >= end) return null;
  const callee = text.slice(start, paren);
  const dot = callee.lastIndexOf('.');
  if (dot <= 0 || !/^[A-Za-z_][\w.]*$/.test(callee)) return null;
  const method = callee.slice(dot + 1);
  return /session/i.test(method) ? method : null;
}

/** Whether an `import a.b` bound a dotted name under `head` (`a.b.helper(...)`). */
function importsUnder(ctx: Ctx, head: string): boolean {
  const prefix = `${head}.`;
  for (const local of ctx.imports.keys()) if (local.startsWith(prefix)) return true;
  return false;
}

/** String literals a call passes, each with its position or keyword; keyword names too (for `**kwargs` helpers). */
export function keyArgumentsOf(ctx: Ctx, node: SyntaxNode): KeyArgument[] {
  // The callee first: most calls here are the session's own (`request.session.get('k')`), whose
  // first name is neither imported nor a def of the file; read from the text, no tree calls.
  const head = leadingName(ctx.text, node.startIndex);
  const method = sessionMethodOf(ctx.text, node.startIndex, node.endIndex);
  if (method === null && head !== 'self' && !ctx.imports.has(head) && defsNamed(ctx, head) === undefined && !importsUnder(ctx, head)) return [];
  const fn = unwrap(node.childForFieldName('function'));
  let target = fn?.type === 'identifier' || fn?.type === 'attribute' ? calleeOf(ctx, fn) : null;
  // Django's own functions (`render(request, 'cart.html')`, `reverse('cart')`) take no session key.
  if (target?.imported && isDjangoModule(target.imported.module)) return [];
  // `self.method(...)`: a method of this file, or maybe of an imported (non-Django) base class.
  const inherited = target?.viaSelf ? importedBases(ctx) : [];
  if (target?.viaSelf && inherited.length === 0 && defsNamed(ctx, target.callee ?? '') === undefined) target = null;
  // `self.strategy.session_set('k', v)`: a session-named method of an object the facts cannot type.
  if (!target && method !== null) target = { callee: null, viaSelf: false, imported: { module: ANY_CLASS, name: method }, bound: true };
  if (!target || !fn) return [];
  // `load_strategy().session_get('k')`: a method of what an imported function returns.
  const attribute = target.bound && target.imported?.module !== ANY_CLASS ? fn.childForFieldName('attribute') : null;
  const orAnyClass = attribute && /session/i.test(textOf(ctx.text, attribute)) ? textOf(ctx.text, attribute) : undefined;
  const passed = argumentsOf(ctx, node);
  // A string may be a key; so may a keyword's name, for a `**kwargs` helper (`save(request, theme='dark')`).
  if (!passed.some((a) => a.keyword !== null || a.value.type === 'string' || isConstantName(ctx.text, a.value))) return [];
  // What the other arguments hold: a value a key-taking setter writes (`remember(request, 'seen', now())`).
  const argumentTypes: ArgumentType[] = [];
  for (const { position: at, keyword, value } of passed) {
    const type = inferType(ctx, value);
    if (type !== 'unknown') argumentTypes.push({ position: at, keyword, type });
  }
  const common = { ...target, scope: ctx.scope.name, written: textOf(ctx.text, fn), ...(orAnyClass ? { orAnyClass } : {}),
    ...(inherited.length > 0 ? { inherited } : {}), ...(argumentTypes.length > 0 ? { argumentTypes } : {}) };
  // Keyword names go to functions only (`add_session(client, year=1)`), not to the methods of
  // imported classes (`Order.objects.create(user=u)`): a `**kwargs` key helper is a function.
  const toFunction = !target.bound && !target.imported?.name.includes('.');
  const out: KeyArgument[] = [];
  for (const { position: at, keyword, value, name } of passed) {
    if (name && keyword !== null && toFunction) out.push({ ...common, position: null, keyword, key: keyword, span: spanOf(name), named: true });
    const key = value.type === 'string' ? literalString(ctx, value) : null;
    if (key !== null && isLiteral(ctx, value)) out.push({ ...common, position: at, keyword, key, span: spanOf(value) });
    else if (isConstantName(ctx.text, value)) {
      // A constant: its value here (a constant of this module), or where the index will find it.
      const resolved = resolveKey(ctx, value);
      if (resolved.pattern || resolved.alternatives) continue;
      // What subclasses may set (`self.KEY`) is not followed through helpers: the class's own value counts.
      const pending = resolved.pending?.kind === 'subclass' ? undefined : resolved.pending;
      if (pending) out.push({ ...common, position: at, keyword, key: '', span: resolved.span, source: resolved.source, pending });
      else if (resolved.key !== null) out.push({ ...common, position: at, keyword, key: resolved.key, span: resolved.span, source: resolved.source });
    }
  }
  return out;
}
