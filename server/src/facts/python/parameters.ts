// A def's parameters as written: the function scope binds them (statements.ts) and a helper's
// returned key takes the call's arguments for them (keys.ts).
import { textOf } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import type { Ctx } from './context';

export interface Parameter {
  name: string;
  /** The annotation's text, '' when there is none. */
  annotation: string;
  /** The default value (`key='cart'`), when there is one. */
  defaultValue?: SyntaxNode;
}

/** A parameter's name and annotation; null for `*args`, `**kwargs`, `/` and `*`. */
function parameter(ctx: Ctx, node: SyntaxNode): Parameter | null {
  switch (node.type) {
    case 'identifier':
      return { name: textOf(ctx.text, node), annotation: '' };
    case 'typed_parameter': {
      const name = node.namedChild(0);
      const type = node.childForFieldName('type');
      return name?.type === 'identifier' ? { name: textOf(ctx.text, name), annotation: type ? textOf(ctx.text, type) : '' } : null;
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = node.childForFieldName('name');
      const type = node.childForFieldName('type');
      const value = node.childForFieldName('value');
      return name ? { name: textOf(ctx.text, name), annotation: type ? textOf(ctx.text, type) : '', ...(value ? { defaultValue: value } : {}) } : null;
    }
    default:
      return null;
  }
}

/** The named parameters of a def, in order (`self` included). */
export function parametersOf(ctx: Ctx, def: SyntaxNode): Parameter[] {
  const out: Parameter[] = [];
  const list = def.childForFieldName('parameters');
  for (let i = 0; list && i < list.namedChildCount; i++) {
    const child = list.namedChild(i);
    const param = child ? parameter(ctx, child) : null;
    if (param) out.push(param);
  }
  return out;
}

/** The name of a def's `**kwargs` parameter, or null. */
export function keywordsParameterOf(ctx: Ctx, def: SyntaxNode): string | null {
  const list = def.childForFieldName('parameters');
  for (let i = 0; list && i < list.namedChildCount; i++) {
    const child = list.namedChild(i);
    if (child?.type !== 'dictionary_splat_pattern') continue;
    const name = child.namedChild(0);
    return name?.type === 'identifier' ? textOf(ctx.text, name) : null;
  }
  return null;
}
