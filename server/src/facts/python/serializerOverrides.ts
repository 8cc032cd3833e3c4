// Tests switch the session serializer for one test or one block: `@override_settings(SESSION_SERIALIZER=...)`
// on a test method or class, `with self.settings(SESSION_SERIALIZER=...)` / `with override_settings(...)`.
// Writes inside record it (its dotted path), and DS103 checks them against it, not the project's: a
// model instance stored under PickleSerializer is what such a test is about.
import { dottedName, spanOf, stringParts } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import type { Span } from '../types';
import type { Ctx } from './context';

export interface SerializerOverride {
  span: Span;
  /** The dotted path given to SESSION_SERIALIZER. */
  serializer: string;
}

export const SERIALIZER_SETTING = 'SESSION_SERIALIZER';
const OVERRIDERS = /^(?:(?:\w+\.)*override_settings|self\.settings|cls\.settings)$/;

/** A call whose text says SESSION_SERIALIZER, which may override it: records where the override holds. */
export function noteSerializerOverride(ctx: Ctx, call: SyntaxNode): void {
  if (!OVERRIDERS.test(dottedName(ctx.text, call.childForFieldName('function')) ?? '')) return;
  const args = call.childForFieldName('arguments');
  for (let i = 0; args && i < args.namedChildCount; i++) {
    const arg = args.namedChild(i);
    if (arg?.type !== 'keyword_argument' || arg.childForFieldName('name')?.text !== SERIALIZER_SETTING) continue;
    const value = arg.childForFieldName('value');
    const parts = value ? stringParts(ctx.text, value)?.parts : null;
    if (!parts || parts.some((p) => p === null)) return;
    const region = overriddenRegion(call);
    if (region) ctx.serializerOverrides.push({ span: spanOf(region), serializer: parts.join('') });
    return;
  }
}

/** The decorated def/class, or the body of the `with` block. */
function overriddenRegion(call: SyntaxNode): SyntaxNode | null {
  let parent = call.parent;
  if (parent?.type === 'decorator') return parent.parent?.type === 'decorated_definition' ? parent.parent : null;
  if (parent?.type === 'as_pattern') parent = parent.parent;
  if (parent?.type !== 'with_item') return null;
  const statement = parent.parent?.parent;
  return statement?.type === 'with_statement' ? statement.childForFieldName('body') : null;
}

/** The serializer an override gives the code at `span`, the innermost one; undefined outside any. */
export function serializerAt(overrides: readonly SerializerOverride[], span: Span): string | undefined {
  let found: SerializerOverride | undefined;
  for (const o of overrides) if (contains(o.span, span) && (!found || contains(found.span, o.span))) found = o;
  return found?.serializer;
}

function contains(outer: Span, inner: Span): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
  return before(outer.startLine, outer.startColumn, inner.startLine, inner.startColumn) && before(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn);
}
