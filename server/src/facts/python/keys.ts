// Resolves a key expression to a key, a glob pattern (dynamic parts become `*`), or null, and says
// where it came from: a literal, a constant (same module or, pending, another one), a setting, Django.
import { dottedName, spanOf, stringParts, textOf, unwrap } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import { djangoConstantKey } from '../builtinKeys';
import { currentClass, type Ctx } from './context';
import { isDjangoSettings, resolveDotted } from './imports';
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

/** `%s` / `%(name)s` / `%.2f` placeholders become unknown pieces. */
function percentPieces(template: string): Pieces {
  const out: Pieces = [];
  const re = /%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    out.push(template.slice(last, m.index));
    out.push(m[1] === '%' ? '%' : null);
    last = m.index + m[0].length;
  }
  out.push(template.slice(last));
  return out;
}

/** `{}` / `{name}` / `{0!r:>10}` fields become unknown pieces; `{{` and `}}` are literal braces. */
function formatPieces(template: string): Pieces {
  const out: Pieces = [];
  const re = /\{\{|\}\}|\{[^{}]*\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    out.push(template.slice(last, m.index));
    out.push(m[0] === '{{' ? '{' : m[0] === '}}' ? '}' : null);
    last = m.index + m[0].length;
  }
  out.push(template.slice(last));
  return out;
}

function known(pieces: Pieces | null): string | null {
  return pieces && pieces.every((p) => p !== null) ? pieces.join('') : null;
}

/** The text pieces of a string-valued expression, or null when nothing about it is known. */
function piecesOf(ctx: Ctx, node: SyntaxNode | null, depth = 0): Pieces | null {
  const n = unwrap(node);
  if (!n || depth > 32) return null;
  switch (n.type) {
    case 'string':
      return stringParts(ctx.text, n)?.parts ?? null;
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
      const left = piecesOf(ctx, n.childForFieldName('left'), depth + 1);
      if (opText === '+') {
        if (!left) return null;
        return [...left, ...(piecesOf(ctx, n.childForFieldName('right'), depth + 1) ?? [null])];
      }
      const template = known(left);
      return opText === '%' && template !== null ? percentPieces(template) : null;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute' && textOf(ctx.text, fn.childForFieldName('attribute') ?? fn).endsWith('format')) {
        const template = known(piecesOf(ctx, fn.childForFieldName('object'), depth + 1));
        if (template !== null && fn.childForFieldName('attribute') && textOf(ctx.text, fn.childForFieldName('attribute')!) === 'format') {
          return formatPieces(template);
        }
      }
      if (fn?.type === 'identifier' && textOf(ctx.text, fn) === 'str') {
        return piecesOf(ctx, n.childForFieldName('arguments')?.namedChild(0) ?? null, depth + 1) ?? [null];
      }
      return null;
    }
    case 'identifier': {
      const resolved = lookupName(ctx, textOf(ctx.text, n));
      if (resolved?.key == null) return null;
      return resolved.pattern ? resolved.key.split('*').flatMap((s, i) => (i === 0 ? [s] : [null, s])) : [resolved.key];
    }
    default:
      return null;
  }
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
  const member = memberOf(ctx, node.childForFieldName('subscript'));
  if (!object || member === null) return null;
  const suffix = elementName('', member);
  if (object.type === 'identifier') return resolveName(ctx, textOf(ctx.text, object), node, suffix);
  if (object.type === 'attribute') return resolveAttribute(ctx, object, suffix);
  return null;
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

/** Resolves the key expression of a session access. */
export function resolveKey(ctx: Ctx, raw: SyntaxNode): ResolvedKey {
  const node = unwrap(raw) ?? raw;
  const span = spanOf(node);
  const setting = settingReference(ctx, node);
  if (setting) {
    return { key: setting.default, pattern: false, source: { kind: 'setting', name: setting.name }, span, pending: { kind: 'setting', ...setting } };
  }
  if (node.type === 'identifier') return resolveName(ctx, textOf(ctx.text, node), node) ?? { key: null, pattern: false, source: DYNAMIC, span };
  if (node.type === 'attribute') return { ...resolveAttribute(ctx, node), span };
  if (node.type === 'subscript') {
    const element = resolveElement(ctx, node);
    return element ? { ...element, span } : { key: null, pattern: false, source: DYNAMIC, span };
  }
  const pieces = piecesOf(ctx, node);
  if (!pieces) return { key: null, pattern: false, source: DYNAMIC, span };
  return fromPieces(pieces, node, node.type === 'string' || node.type === 'concatenated_string');
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
    if (info) return inheritedConstant(ctx, info, name, node) ?? unknown;
  }
  const dotted = dottedName(ctx.text, node);
  const imported = dotted ? resolveDotted(ctx, dotted) : null;
  return imported ? pendingImport(imported.module, imported.name + suffix, node) : unknown;
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
  const pieces = piecesOf(ctx, node);
  if (!pieces || pieces.every((p) => p === null)) return null;
  return fromPieces(pieces, node, node.type === 'string' || node.type === 'concatenated_string');
}
