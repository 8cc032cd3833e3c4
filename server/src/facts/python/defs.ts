// The file's defs, looked up by name: a call of a helper of the file may return a key (keys.ts).
import { textOf } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import type { Ctx } from './context';

/** The defs of the file with that name (the map is built on first use: most files never ask). */
export function defsNamed(ctx: Ctx, name: string): readonly SyntaxNode[] | undefined {
  if (!ctx.defsByName) {
    ctx.defsByName = new Map();
    for (const def of ctx.defs) {
      const n = def.childForFieldName('name');
      if (!n) continue;
      const key = textOf(ctx.text, n);
      const list = ctx.defsByName.get(key);
      if (list) list.push(def);
      else ctx.defsByName.set(key, [def]);
    }
  }
  return ctx.defsByName.get(name);
}

/** A def directly in a class body (possibly decorated). */
export function isMethod(def: SyntaxNode): boolean {
  let parent = def.parent;
  if (parent?.type === 'decorated_definition') parent = parent.parent;
  return parent?.type === 'block' && parent.parent?.type === 'class_definition';
}

/** The expression of a def whose body is one `return <expression>` (after an optional docstring). */
export function singleReturn(def: SyntaxNode): SyntaxNode | null {
  const body = def.childForFieldName('body');
  if (!body) return null;
  const statements: SyntaxNode[] = [];
  for (let i = 0; i < body.namedChildCount; i++) {
    const child = body.namedChild(i);
    if (child && child.type !== 'comment') statements.push(child);
  }
  const docstring = statements.length === 2 && statements[0].type === 'expression_statement' && statements[0].namedChild(0)?.type === 'string';
  const only = statements.length === 1 ? statements[0] : docstring ? statements[1] : null;
  return only?.type === 'return_statement' ? only.namedChild(0) : null;
}
