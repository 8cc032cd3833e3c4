// Which expressions are a Django session. Only these are: `<request-like>.session`, a test client's
// `.session`, a SessionStore instance, a Channels consumer's `scope["session"]`, and names bound to one of those. Anything else called
// "session" (requests.Session(), SQLAlchemy, db.session, nox's `session` parameter) is not.
import { dottedName, identifierName, stringParts, textOf, unwrap } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import { currentClass, type Ctx } from './context';
import { resolveDotted } from './imports';

/** Names that mean an HttpRequest (or a Django test client, whose `.session` is the same store). */
function isRequestName(name: string): boolean {
  return name === 'req' || name === 'r' || /request$/i.test(name) || /(^|_)client$/.test(name);
}

/** `request`, `self.request`, `context.request`, `context['request']`, `self.client`, a param typed HttpRequest. */
export function isRequestLike(ctx: Ctx, raw: SyntaxNode | null): boolean {
  const node = unwrap(raw);
  if (!node) return false;
  switch (node.type) {
    case 'identifier': {
      const name = textOf(ctx.text, node);
      return isRequestName(name) || ctx.scope.lookup((s) => (s.requestNames.has(name) ? true : undefined)) === true;
    }
    case 'attribute': {
      const attribute = node.childForFieldName('attribute');
      return attribute !== null && isRequestName(textOf(ctx.text, attribute));
    }
    case 'subscript': {
      const index = node.childForFieldName('subscript');
      const parts = index ? stringParts(ctx.text, index)?.parts : null;
      return parts?.length === 1 && parts[0] === 'request';
    }
    default:
      return false;
  }
}

/** A class that is a SessionStore: `SessionStore`, `DBStore` imported from django.contrib.sessions, a local alias. */
export function isStoreClass(ctx: Ctx, raw: SyntaxNode | null): boolean {
  const node = unwrap(raw);
  if (!node) return false;
  if (node.type === 'attribute') {
    const attribute = node.childForFieldName('attribute');
    return attribute !== null && textOf(ctx.text, attribute).endsWith('SessionStore');
  }
  const name = identifierName(ctx.text, node);
  if (name === null) return false;
  if (name.endsWith('SessionStore')) return true;
  if (ctx.scope.lookup((s) => (s.storeClasses.has(name) ? true : undefined))) return true;
  const imported = resolveDotted(ctx, name);
  return imported !== null && imported.module.startsWith('django.contrib.sessions.backends');
}

/** An annotation that names a session class: SessionBase, any *SessionStore. */
export function isSessionAnnotation(annotation: string): boolean {
  return /\bSessionBase\b|SessionStore\b/.test(annotation);
}

export function isRequestAnnotation(annotation: string): boolean {
  return /\b(HttpRequest|WSGIRequest|ASGIRequest)\b/.test(annotation);
}

/** How the expression reaches a session (`request.session`, `s`, `SessionStore()`), or null when it is not one. */
export function sessionVia(ctx: Ctx, raw: SyntaxNode | null): string | null {
  const node = unwrap(raw);
  if (!node) return null;
  switch (node.type) {
    case 'identifier': {
      const name = textOf(ctx.text, node);
      const alias = ctx.scope.lookup((s) => s.sessionAliases.get(name));
      if (alias !== undefined) return alias;
      // Inside a session backend's methods, `self['k']` is a key of the session itself.
      return name === 'self' && currentClass(ctx)?.isSessionStore ? 'self' : null;
    }
    case 'attribute': {
      const attribute = node.childForFieldName('attribute');
      const object = node.childForFieldName('object');
      if (!attribute || !object) return null;
      const name = textOf(ctx.text, attribute);
      if ((name === 'session' || ctx.requestSessions.has(name)) && isRequestLike(ctx, object)) return describe(ctx, node);
      // `self.session = request.session` in one method, `self.session[...]` in another.
      if (identifierName(ctx.text, unwrap(object)) === 'self') return currentClass(ctx)?.sessionAttributes.get(name) ?? null;
      return null;
    }
    case 'call':
      if (isStoreClass(ctx, node.childForFieldName('function'))) return 'SessionStore()';
      return getattrSession(ctx, node);
    case 'named_expression':
      return sessionVia(ctx, node.childForFieldName('value'));
    case 'subscript':
      return channelsSession(ctx, node);
    default:
      return null;
  }
}

/** Django Channels: a consumer's `self.scope["session"]` (or an ASGI `scope["session"]`) is the same SessionStore. */
function channelsSession(ctx: Ctx, node: SyntaxNode): string | null {
  const index = node.childForFieldName('subscript');
  const parts = index ? stringParts(ctx.text, index)?.parts : null;
  if (parts?.length !== 1 || parts[0] !== 'session') return null;
  const value = unwrap(node.childForFieldName('value'));
  const name = value?.type === 'attribute' ? value.childForFieldName('attribute') : value;
  if (name?.type !== 'identifier' || textOf(ctx.text, name) !== 'scope') return null;
  return `${textOf(ctx.text, value!)}["session"]`;
}

/** `getattr(request, 'session')` / `getattr(request, 'session', None)`. */
function getattrSession(ctx: Ctx, call: SyntaxNode): string | null {
  if (identifierName(ctx.text, call.childForFieldName('function')) !== 'getattr') return null;
  const args = call.childForFieldName('arguments');
  const object = args?.namedChild(0) ?? null;
  const name = args?.namedChild(1);
  const parts = name ? stringParts(ctx.text, name)?.parts : null;
  if (parts?.length !== 1 || parts[0] !== 'session' || !isRequestLike(ctx, object)) return null;
  return `getattr(${textOf(ctx.text, object!)}, 'session')`;
}

function describe(ctx: Ctx, node: SyntaxNode): string {
  const dotted = dottedName(ctx.text, node);
  if (dotted) return dotted;
  const object = unwrap(node.childForFieldName('object'));
  return object?.type === 'subscript' ? "context['request'].session" : 'request.session';
}
