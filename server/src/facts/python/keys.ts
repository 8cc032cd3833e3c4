// Resolves a key expression to a key, a glob pattern (dynamic parts become `*`), or null, and says
// where it came from: a literal, a constant (same module or, pending, another one), a setting, Django.
import { dottedName, identifierName, spanOf, stringParts, textOf, unwrap } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import { djangoConstantKey } from '../builtinKeys';
import { argumentsOf } from './callees';
import { currentClass, type Ctx } from './context';
import { defsNamed, isMethod, singleReturn } from './defs';
import { isDjangoSettings, resolveDotted } from './imports';
import { parametersOf } from './parameters';
import type { ClassInfo, ResolvedKey } from './scope';

type Pieces = (string | null)[];

const DYNAMIC = { kind: 'dynamic' } as const;

function fromPieces(pieces: Pieces, node: SyntaxNode, literal: boolean): ResolvedKey {
  const span = spanOf(node);
  const dynamic = pieces.some((p) => p === null);
  if (!dynamic) return { key: pieces.join(''), pattern: false, source: literal ? { kind: 'literal' } : DYNAMIC, span };
  const key = pieces.map((p) => (p === null ? '*' : p.replace(/[*?[\]]/g, ''))).join('').replace(/\*+/g, '*');
  // A pattern with no fixed text says nothing about the key.
  return { key: key === '*' ? null : key, pattern: key !== '*', source: DYNAMIC, span };
}

/**
 * `%s` / `%(name)s` / `%.2f` placeholders become unknown pieces; a `%s` whose argument is a known
 * string (`args`, positional, in order) becomes that string.
 */
function percentPieces(template: string, args: readonly (string | null)[] = []): Pieces {
  const out: Pieces = [];
  const re = /%(\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
  let last = 0;
  let next = 0;
  let positional = true;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    out.push(template.slice(last, m.index));
    // A mapping key or a `*` width: arguments no longer line up with placeholders.
    if (m[1] !== undefined || m[2] === '*' || m[3] === '*') positional = false;
    if (m[4] === '%') out.push('%');
    else out.push(positional && m[4] === 's' && !m[2] && !m[3] ? args[next++] ?? null : (next++, null));
    last = m.index + m[0].length;
  }
  out.push(template.slice(last));
  return out;
}

/**
 * `{}` / `{name}` / `{0!r:>10}` fields become unknown pieces; `{{` and `}}` are literal braces. A
 * plain `{}`, `{0}` or `{name}` whose argument is a known string becomes that string.
 */
function formatPieces(template: string, args: readonly (string | null)[] = [], named: ReadonlyMap<string, string | null> = new Map()): Pieces {
  const out: Pieces = [];
  const re = /\{\{|\}\}|\{([^{}]*)\}/g;
  let last = 0;
  let auto = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    out.push(template.slice(last, m.index));
    if (m[0] === '{{' || m[0] === '}}') out.push(m[0][0]);
    else {
      const field = m[1];
      const value = field === '' ? args[auto++] : /^\d+$/.test(field) ? args[Number(field)] : /^[A-Za-z_]\w*$/.test(field) ? named.get(field) : null;
      out.push(value ?? null);
    }
    last = m.index + m[0].length;
  }
  out.push(template.slice(last));
  return out;
}

function known(pieces: Pieces | null): string | null {
  return pieces && pieces.every((p) => p !== null) ? pieces.join('') : null;
}

/**
 * Names whose value is assumed: one key each while a key list's alternatives are tried
 * (`expandKeyList`), or unknown (null) for a helper's parameters (`returnedKey`).
 */
type Assumed = ReadonlyMap<string, string | null>;

/** The text pieces of a string-valued expression, or null when nothing about it is known. */
/** Known characters a pattern built around an unknown string needs to be worth matching. */
const MIN_KNOWN_PATTERN_TEXT = 3;

function piecesOf(ctx: Ctx, node: SyntaxNode | null, depth = 0, assumed?: Assumed): Pieces | null {
  const n = unwrap(node);
  if (!n || depth > 32) return null;
  switch (n.type) {
    case 'string': {
      const parts = stringParts(ctx.text, n)?.parts ?? null;
      return parts && parts.includes(null) ? interpolated(ctx, n, parts, depth, assumed) : parts;
    }
    case 'concatenated_string': {
      const out: Pieces = [];
      for (let i = 0; i < n.namedChildCount; i++) {
        const part = n.namedChild(i);
        const sub = part ? stringParts(ctx.text, part)?.parts : null;
        if (!sub) return null;
        out.push(...sub);
      }
      return out;
    }
    case 'binary_operator': {
      const op = n.childForFieldName('operator');
      const opText = op ? textOf(ctx.text, op) : '';
      const left = piecesOf(ctx, n.childForFieldName('left'), depth + 1, assumed);
      if (opText === '+') {
        const right = piecesOf(ctx, n.childForFieldName('right'), depth + 1, assumed);
        // `address_type + '_address_id'`: what is added to a string is a string (else TypeError);
        // a pattern with less than 3 known characters (`slug + '.' + name`: `*.*`) would match anything.
        if (!left) return right && right.join('').length >= MIN_KNOWN_PATTERN_TEXT ? [null, ...right] : null;
        return [...left, ...(right ?? [null])];
      }
      const template = known(left);
      if (opText !== '%' || template === null) return null;
      const right = unwrap(n.childForFieldName('right'));
      const args = right?.type === 'tuple' ? Array.from({ length: right.namedChildCount }, (_, i) => right.namedChild(i)) : [right];
      return percentPieces(template, args.map((a) => knownString(ctx, a, depth, assumed)));
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      const attribute = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
      if (fn && attribute && textOf(ctx.text, attribute) === 'format') {
        const template = known(piecesOf(ctx, fn.childForFieldName('object'), depth + 1, assumed));
        if (template !== null) {
          const { positional, named } = callArguments(ctx, n, depth, assumed);
          return formatPieces(template, positional, named);
        }
      }
      if (fn?.type === 'identifier' && textOf(ctx.text, fn) === 'str') {
        return piecesOf(ctx, n.childForFieldName('arguments')?.namedChild(0) ?? null, depth + 1, assumed) ?? [null];
      }
      return null;
    }
    case 'identifier': {
      const name = textOf(ctx.text, n);
      const value = assumed?.get(name);
      if (value !== undefined) return value === null ? null : [value];
      const resolved = lookupName(ctx, name);
      if (resolved?.key == null) return null;
      return resolved.pattern ? resolved.key.split('*').flatMap((s, i) => (i === 0 ? [s] : [null, s])) : [resolved.key];
    }
    default:
      return null;
  }
}

/**
 * A call's arguments as the strings they certainly are (else null): positional ones in order up to
 * the first `*args` (after it positions are unknown), keyword ones by name.
 */
function callArguments(ctx: Ctx, call: SyntaxNode, depth: number, assumed?: Assumed): { positional: (string | null)[]; named: Map<string, string | null> } {
  const positional: (string | null)[] = [];
  const named = new Map<string, string | null>();
  for (const { keyword, value } of argumentsOf(ctx, call)) {
    if (keyword !== null) named.set(keyword, knownString(ctx, value, depth, assumed));
    else positional.push(knownString(ctx, value, depth, assumed));
  }
  return { positional, named };
}

/** The string an argument or interpolation certainly is, else null (numbers, unknowns). */
function knownString(ctx: Ctx, node: SyntaxNode | null, depth: number, assumed?: Assumed): string | null {
  return node ? known(piecesOf(ctx, node, depth + 1, assumed)) : null;
}

/** An f-string's pieces with each plain `{name}` whose value is a known string filled in (no `!r`, no format spec). */
function interpolated(ctx: Ctx, node: SyntaxNode, parts: Pieces, depth: number, assumed?: Assumed): Pieces {
  const out = [...parts];
  let at = 0;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child?.type !== 'interpolation') continue;
    while (at < out.length && out[at] !== null) at++;
    // `{name}` only: `{name!r}`, `{name:>5}` and `{name=}` print something else.
    const plain = child.childCount === 3 && child.namedChildCount === 1 ? child.namedChild(0) : null;
    if (plain) out[at] = knownString(ctx, plain, depth, assumed);
    at++;
  }
  // Known values next to literal text join it, as stringParts does.
  const joined: Pieces = [];
  for (const p of out) {
    if (p !== null && joined.length > 0 && typeof joined[joined.length - 1] === 'string') joined[joined.length - 1] += p;
    else joined.push(p);
  }
  return joined;
}

/** A name bound in this file: a local/module string, else an import (Django's constant or pending). */
function lookupName(ctx: Ctx, name: string): ResolvedKey | undefined {
  return ctx.scope.lookup((s) => s.strings.get(name));
}

function pendingImport(module: string, name: string, node: SyntaxNode): ResolvedKey {
  const django = djangoConstantKey(module, name);
  if (django !== undefined) return { key: django, pattern: false, source: { kind: 'django', name }, span: spanOf(node) };
  return { key: null, pattern: false, source: DYNAMIC, span: spanOf(node), pending: { kind: 'import', module, name } };
}

/** `settings.X` or `getattr(settings, 'X', 'default')` as a key, or null when it is neither. */
export function settingReference(ctx: Ctx, node: SyntaxNode): { name: string; default: string | null } | null {
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute');
    if (attribute && isDjangoSettings(ctx, dottedName(ctx.text, object))) return { name: textOf(ctx.text, attribute), default: null };
    return null;
  }
  if (node.type !== 'call') return null;
  const fn = node.childForFieldName('function');
  if (!fn || fn.type !== 'identifier' || textOf(ctx.text, fn) !== 'getattr') return null;
  const args = node.childForFieldName('arguments');
  const target = args?.namedChild(0) ?? null;
  const nameNode = args?.namedChild(1) ?? null;
  if (!isDjangoSettings(ctx, dottedName(ctx.text, target)) || !nameNode) return null;
  const name = known(piecesOf(ctx, nameNode));
  if (name === null) return null;
  const fallback = args?.namedChild(2) ?? null;
  return { name, default: fallback ? known(piecesOf(ctx, fallback)) : null };
}

/** The name under which a dict's string element is recorded: `KEYS['cart']` (statements.ts). */
export function elementName(dict: string, member: string): string {
  return `${dict}['${member}']`;
}

/** A member a dict element can be recorded under: a plain literal without quotes or backslashes. */
export function memberOf(ctx: Ctx, node: SyntaxNode | null): string | null {
  const n = unwrap(node);
  if (!n || n.type !== 'string') return null;
  const member = known(piecesOf(ctx, n));
  return member !== null && !/['\\\n]/.test(member) ? member : null;
}

/** `KEYS['cart']`, `self.KEYS['cart']`, `keys.KEYS['cart']`: the dict's element, a constant of its own. */
function resolveElement(ctx: Ctx, node: SyntaxNode): ResolvedKey | null {
  const object = unwrap(node.childForFieldName('value'));
  const listed = object ? listElement(ctx, object, node.childForFieldName('subscript')) : null;
  if (listed) return listed;
  const member = memberOf(ctx, node.childForFieldName('subscript'));
  if (object && member === null && (object.type === 'identifier' || object.type === 'attribute')) {
    // A member known only at run time of a dict of keys: one of its values (of another module: the index expands it).
    const values = object.type === 'identifier' ? ctx.scope.lookup((s) => s.keyDicts.get(textOf(ctx.text, object))) : undefined;
    if (values) return { key: null, pattern: false, source: DYNAMIC, span: spanOf(node), alternatives: values };
    const imported = importedKeyDict(ctx, object);
    if (imported) return { key: null, pattern: false, source: DYNAMIC, span: spanOf(node), alternatives: [imported] };
  }
  if (!object || member === null) return null;
  const suffix = elementName('', member);
  if (object.type === 'identifier') return resolveName(ctx, textOf(ctx.text, object), node, suffix);
  if (object.type === 'attribute') return resolveAttribute(ctx, object, suffix);
  return null;
}

/** `keys.KEYS` / `KEYS` imported from another module of the project: the dict the index expands, if it is one of keys. */
function importedKeyDict(ctx: Ctx, object: SyntaxNode): ResolvedKey | null {
  const dotted = dottedName(ctx.text, object);
  if (dotted === null || lookupName(ctx, dotted)) return null;
  const imported = resolveDotted(ctx, dotted);
  if (!imported || imported.module.startsWith('django.')) return null;
  return { key: null, pattern: false, source: DYNAMIC, span: spanOf(object), pending: { kind: 'import', module: imported.module, name: imported.name, dict: true } };
}

/** `KEYS[0]`, `KEYS[-1]` of a key list of this module (`KEYS = ('cart', 'coupon')`): that key, as written in the list. */
function listElement(ctx: Ctx, object: SyntaxNode, subscript: SyntaxNode | null): ResolvedKey | null {
  const index = unwrap(subscript);
  if ((object.type !== 'identifier' && object.type !== 'attribute') || !index) return null;
  const negative = index.type === 'unary_operator' && ctx.text[index.startIndex] === '-';
  const digits = negative ? index.childForFieldName('argument') : index;
  if (digits?.type !== 'integer' || !/^\d+$/.test(textOf(ctx.text, digits))) return null;
  const at = Number(textOf(ctx.text, digits));
  const keys = object.type === 'identifier' ? ctx.scope.lookup((s) => s.keyLists.get(textOf(ctx.text, object))) : undefined;
  if (keys && !keys[0]?.pending) return keys[negative ? keys.length - at : at] ?? null;
  // A list of another module (`from .keys import KEYS`, `keys.KEYS`): its element constant, resolved by the index.
  const dotted = negative ? null : dottedName(ctx.text, object);
  const imported = dotted && !lookupName(ctx, dotted) ? resolveDotted(ctx, dotted) : null;
  return imported && !imported.module.startsWith('django.') ? pendingImport(imported.module, `${imported.name}[${at}]`, object) : null;
}

/** A plain name (with an element suffix, `['cart']`, for a dict's element): local, imported, star-imported. */
function resolveName(ctx: Ctx, name: string, node: SyntaxNode, suffix = ''): ResolvedKey | null {
  const span = spanOf(node);
  const local = lookupName(ctx, name + suffix);
  if (local) return { ...local, span };
  if (suffix === '') {
    const alternatives = ctx.scope.lookup((s) => s.keyLists.get(name));
    if (alternatives) return { key: null, pattern: false, source: DYNAMIC, span, alternatives };
  }
  const imported = resolveDotted(ctx, name);
  if (imported) return pendingImport(imported.module, imported.name + suffix, node);
  // A name that is neither local nor imported may come from a star import.
  if (ctx.starImports.length > 0) return pendingImport(ctx.starImports[0], name + suffix, node);
  return null;
}

/** The `parameter` of a key that is each keyword's name of a `**kwargs` (`for key, value in kwargs.items()`). */
export const KEYWORD_NAMES = '**';

/** Resolves the key expression of a session access. */
export function resolveKey(ctx: Ctx, raw: SyntaxNode): ResolvedKey {
  const node = unwrap(raw) ?? raw;
  const span = spanOf(node);
  const setting = settingReference(ctx, node);
  if (setting) {
    return { key: setting.default, pattern: false, source: { kind: 'setting', name: setting.name }, span, pending: { kind: 'setting', ...setting } };
  }
  if (node.type === 'identifier') {
    const name = textOf(ctx.text, node);
    const resolved = resolveName(ctx, name, node);
    if (resolved) return resolved;
    // A parameter of this function (not of an outer one): each call gives its key; a loop variable
    // over its `**kwargs`: each keyword's name (KEYWORD_NAMES).
    const parameter = ctx.scope.kind !== 'function' ? undefined : ctx.scope.parameters.has(name) ? name : ctx.scope.keywordKeys.has(name) ? KEYWORD_NAMES : undefined;
    return parameter !== undefined ? { key: null, pattern: false, source: DYNAMIC, span, parameter } : { key: null, pattern: false, source: DYNAMIC, span };
  }
  if (node.type === 'attribute') return { ...resolveAttribute(ctx, node), span };
  if (node.type === 'subscript') {
    const element = resolveElement(ctx, node);
    return element ? { ...element, span } : { key: null, pattern: false, source: DYNAMIC, span };
  }
  return builtKey(ctx, node) ?? { key: null, pattern: false, source: DYNAMIC, span };
}

/** A key written or built as a string (literal, f-string, `%`, `.format`, `+`, a helper's return), or null when nothing of it is known. */
function builtKey(ctx: Ctx, node: SyntaxNode): ResolvedKey | null {
  const pieces = piecesOf(ctx, node);
  if (!pieces) return node.type === 'call' ? returnedKey(ctx, node) : null;
  const expanded = expandKeyList(ctx, node, pieces);
  if (expanded) return expanded;
  return pieces.every((p) => p === null) ? null : fromPieces(pieces, node, isLiteral(ctx, node));
}

/**
 * The key a helper of this file returns: `self._session_key(basket)` or `key_for(x)` where the
 * method (of a class of the file) or module function is a single `return <string>` (a docstring
 * aside). Its parameters are unknown, module constants known: `'basket_%s_key' % b.name` is the
 * pattern `basket_*_key`. A returned literal is where rename edits the key.
 */
function returnedKey(ctx: Ctx, call: SyntaxNode): ResolvedKey | null {
  const fn = unwrap(call.childForFieldName('function'));
  let name: string | null = null;
  let method = false;
  if (fn?.type === 'identifier') name = textOf(ctx.text, fn);
  else if (fn?.type === 'attribute') {
    const owner = identifierName(ctx.text, unwrap(fn.childForFieldName('object')));
    const attribute = fn.childForFieldName('attribute');
    if ((owner === 'self' || owner === 'cls') && attribute) {
      name = textOf(ctx.text, attribute);
      method = true;
    }
  }
  const def = name === null ? undefined : defsNamed(ctx, name)?.find((d) => isMethod(d) === method);
  if (!def || name === null) return fn?.type === 'attribute' ? methodOfImported(ctx, fn, call) : null;
  // Its parameters: the strings the call passes (read in the caller's scope), else unknown.
  const names = parametersOf(ctx, def).map((p) => p.name);
  const { positional, named } = callArguments(ctx, call, 0);
  const params = new Map<string, string | null>(names.map((n, i) => {
    const at = i - (method ? 1 : 0);
    return [n, named.has(n) ? named.get(n) ?? null : at >= 0 ? positional[at] ?? null : null];
  }));
  return keyReturnedBy(ctx, def, params, call, `${name}()`);
}

/** Method names too common (or str's own) to be a project's key maker. */
const NOT_KEY_MAKERS = new Set(['get', 'pop', 'setdefault', 'format', 'join', 'lower', 'upper', 'strip', 'lstrip', 'rstrip', 'replace',
  'split', 'encode', 'decode', 'title', 'capitalize', 'casefold', 'hexdigest', 'digest', 'isoformat', 'strftime', 'first', 'last',
  'keys', 'values', 'items', 'copy', 'filter', 'all', 'count', 'read', 'getlist', 'get_full_path', 'build_absolute_uri', 'get_host']);

/**
 * `self.quiz.anon_q_list()`: a method of an object the facts cannot type, maybe of a class the file
 * imports from the project; the index looks there for a def of that name that returns a key.
 */
function methodOfImported(ctx: Ctx, fn: SyntaxNode, call: SyntaxNode): ResolvedKey | null {
  const attribute = fn.childForFieldName('attribute');
  const name = attribute ? textOf(ctx.text, attribute) : '';
  if (name.length < 4 || NOT_KEY_MAKERS.has(name) || name.startsWith('__')) return null;
  const modules = [...new Set([...ctx.imports.values()].map((i) => i.module).filter((m) => m !== 'django' && !m.startsWith('django.')))].slice(0, MAX_MAKER_MODULES);
  if (modules.length === 0) return null;
  return { key: null, pattern: false, source: DYNAMIC, span: spanOf(call), pending: { kind: 'returned', name, modules } };
}

/** Modules of the file's imports looked in for a key maker. */
const MAX_MAKER_MODULES = 12;

/** What a def of the file returns as a key, when its body is one `return` (its parameters unknown). */
export function keyOfDef(ctx: Ctx, def: SyntaxNode, name: string): ResolvedKey | null {
  return keyReturnedBy(ctx, def, new Map(parametersOf(ctx, def).map((p) => [p.name, null])), def, name);
}

/**
 * `self.ordering_session_key` where the class has `@property def ordering_session_key(self): return
 * "misago_admin_%s_order_by" % self.root_link`: the key or pattern the property returns (Misago).
 */
function propertyKey(ctx: Ctx, info: ClassInfo, name: string, at: SyntaxNode): ResolvedKey | null {
  const classes = new Set([ctx.scope.className, ...info.bases]);
  const def = defsNamed(ctx, name)?.find((d) => isMethod(d) && isProperty(ctx, d) && classes.has(classOfMethod(ctx, d)));
  return def ? keyReturnedBy(ctx, def, new Map(parametersOf(ctx, def).map((p) => [p.name, null])), at, name) : null;
}

/** The name of the class a method is defined in. */
function classOfMethod(ctx: Ctx, def: SyntaxNode): string | null {
  let node = def.parent;
  if (node?.type === 'decorated_definition') node = node.parent;
  const name = node?.parent?.type === 'class_definition' ? node.parent.childForFieldName('name') : null;
  return name ? textOf(ctx.text, name) : null;
}

const PROPERTY = /^@\s*(?:[\w.]+\.)?(?:property|cached_property)\s*$/;

/** A def decorated with `@property` / `@cached_property` (`functools.`, `django.utils.functional.`). */
function isProperty(ctx: Ctx, def: SyntaxNode): boolean {
  const decorated = def.parent;
  if (decorated?.type !== 'decorated_definition') return false;
  for (let i = 0; i < decorated.namedChildCount; i++) {
    const child = decorated.namedChild(i);
    if (child?.type === 'decorator' && PROPERTY.test(textOf(ctx.text, child))) return true;
  }
  return false;
}

/** The key a def of this file returns (one `return <string>`), its parameters given `params` (null: unknown). */
function keyReturnedBy(ctx: Ctx, def: SyntaxNode, params: Map<string, string | null>, at: SyntaxNode, label: string): ResolvedKey | null {
  const returned = singleReturn(def);
  if (!returned) return null;
  // The helper's own names: its parameters and the module's (constants), not the caller's locals.
  const saved = ctx.scope;
  let module = ctx.scope;
  while (module.parent) module = module.parent;
  ctx.scope = module;
  try {
    const pieces = piecesOf(ctx, returned, 0, params);
    if (!pieces || pieces.every((p) => p === null)) return null;
    const resolved = fromPieces(pieces, at, false);
    if (!resolved.pattern && resolved.key !== null && isLiteral(ctx, returned)) {
      return { ...resolved, source: { kind: 'constant', name: label, file: ctx.file, span: spanOf(returned) } };
    }
    return resolved;
  } finally {
    ctx.scope = saved;
  }
}

/** The value of a plain string literal (no f-string holes, no concatenation), or null. */
export function literalString(ctx: Ctx, raw: SyntaxNode): string | null {
  const node = unwrap(raw) ?? raw;
  const parts = node.type === 'string' ? stringParts(ctx.text, node) : null;
  if (!parts || parts.bytes || parts.parts.some((p) => p === null)) return null;
  return parts.parts.join('');
}

/** A string written out where it is used (rename may edit it), not one built from values (`f'{PREFIX}_cart'`). */
export function isLiteral(ctx: Ctx, node: SyntaxNode): boolean {
  if (node.type === 'concatenated_string') {
    for (let i = 0; i < node.namedChildCount; i++) if (!isLiteral(ctx, node.namedChild(i) as SyntaxNode)) return false;
    return true;
  }
  if (node.type !== 'string') return false;
  const quote = ctx.text.slice(node.startIndex, node.startIndex + 3).search(/['"]/);
  const prefix = ctx.text.slice(node.startIndex, node.startIndex + Math.max(quote, 0));
  return !/[fF]/.test(prefix) || !ctx.text.slice(node.startIndex, node.endIndex).includes('{');
}

/** Key lists with more alternatives than this are not expanded into a key each. */
const MAX_EXPANDED = 32;

/**
 * A key built from a key list's loop variable (`for f in ('title', 'body'): s[f'draft_{f}']`): one
 * key (or pattern) per element, as alternatives. Only one such variable is expanded; the keys are
 * dynamic (rename does not edit a built key).
 */
function expandKeyList(ctx: Ctx, node: SyntaxNode, pieces: Pieces): ResolvedKey | null {
  if (!pieces.includes(null) || node.type === 'identifier') return null;
  for (const identifier of node.descendantsOfType('identifier')) {
    if (!identifier) continue;
    const name = textOf(ctx.text, identifier);
    if (lookupName(ctx, name)) continue;
    const keys = ctx.scope.lookup((s) => s.keyLists.get(name));
    if (!keys || keys.length > MAX_EXPANDED || keys.some((k) => k.key === null || k.pattern)) continue;
    const alternatives = new Map<string | null, ResolvedKey>();
    for (const k of keys) {
      const expanded = piecesOf(ctx, node, 0, new Map([[name, k.key as string]]));
      if (!expanded) return null;
      const resolved = fromPieces(expanded, node, false);
      if (!alternatives.has(resolved.key)) alternatives.set(resolved.key, resolved);
    }
    return { key: null, pattern: false, source: DYNAMIC, span: spanOf(node), alternatives: [...alternatives.values()] };
  }
  return null;
}

/** `self.KEY`, `cls.KEY`, `ClassName.KEY`, `module.CONST` (with `suffix`: an element of that dict). */
function resolveAttribute(ctx: Ctx, node: SyntaxNode, suffix = ''): ResolvedKey {
  const span = spanOf(node);
  const unknown: ResolvedKey = { key: null, pattern: false, source: DYNAMIC, span };
  const object = unwrap(node.childForFieldName('object'));
  const attribute = node.childForFieldName('attribute');
  if (!object || !attribute) return unknown;
  const name = textOf(ctx.text, attribute) + suffix;
  // An enum member's `.value` (`SessionKeys.CART.value`) is the member's string itself.
  if (name === 'value' && object.type === 'attribute') {
    const member = resolveAttribute(ctx, object);
    if (member.key !== null || member.pending) return member;
  }
  if (object.type === 'identifier') {
    const owner = textOf(ctx.text, object);
    const info = owner === 'self' || owner === 'cls' ? currentClass(ctx) : ctx.classes.get(owner);
    if (info) {
      // A constant of the class or of a base of this file first; then a property of either, before
      // what an imported base may hold.
      const constant = inheritedConstant(ctx, info, name, node);
      const ofSelf = (owner === 'self' || owner === 'cls') && suffix === '';
      if (constant && !constant.pending) return ofSelf ? withSubclasses(ctx, constant, name) : constant;
      const property = owner === 'self' && suffix === '' ? propertyKey(ctx, info, name, node) : null;
      if (property) return property;
      return constant ?? (ofSelf ? withSubclasses(ctx, unknown, name) : unknown);
    }
  }
  const dotted = dottedName(ctx.text, node);
  const imported = dotted ? resolveDotted(ctx, dotted) : null;
  return imported ? pendingImport(imported.module, imported.name + suffix, node) : unknown;
}

/**
 * `self.<name>` in a method of a top-level class: what the subclasses define for it counts too (the
 * index finds them), besides the class's own value if it has one.
 */
function withSubclasses(ctx: Ctx, resolved: ResolvedKey, name: string): ResolvedKey {
  const className = ctx.scope.className;
  if (ctx.module === null || className === null || !topLevelClass(ctx, className)) return resolved;
  return { ...resolved, pending: { kind: 'subclass', module: ctx.module, className, name } };
}

/** Whether the method being walked belongs to a top-level class (not one nested in a def or class). */
function topLevelClass(ctx: Ctx, className: string): boolean {
  let scope = ctx.scope;
  while (scope.kind !== 'class' && scope.parent) scope = scope.parent;
  return scope.kind === 'class' && scope.name === className && scope.parent?.kind === 'module';
}

/**
 * A class constant, its own or inherited: from a base class of this file (followed up), else from
 * the first base imported from the project (`class CartView(CartMixin, View)`: `CartMixin.KEY` in
 * its module, resolved by the index). Django's own bases hold no session keys.
 */
function inheritedConstant(ctx: Ctx, info: ClassInfo, name: string, node: SyntaxNode, depth = 0): ResolvedKey | undefined {
  const own = info.constants.get(name);
  if (own || depth > 8) return own;
  for (const base of info.bases) {
    const local = ctx.classes.get(base);
    const found = local && local !== info ? inheritedConstant(ctx, local, name, node, depth + 1) : undefined;
    if (found) return found;
  }
  for (const base of info.bases) {
    if (ctx.classes.has(base)) continue;
    const imported = resolveDotted(ctx, `${base}.${name}`);
    if (imported && !imported.module.startsWith('django.')) return pendingImport(imported.module, imported.name, node);
  }
  return undefined;
}

/** A string-valued expression assigned to a name, for later key lookups; null when not string-like. */
export function resolveStringValue(ctx: Ctx, value: SyntaxNode): ResolvedKey | null {
  const node = unwrap(value);
  if (!node) return null;
  if (node.type === 'identifier' || node.type === 'attribute' || node.type === 'subscript' || settingReference(ctx, node)) {
    const resolved = resolveKey(ctx, node);
    return resolved.key !== null || resolved.pending ? resolved : null;
  }
  return builtKey(ctx, node);
}
