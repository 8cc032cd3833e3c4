// What a call calls, as far as the facts can tell without the index: a function or class of this
// file (`helper`, `self.step`), or one imported from another module (`utils.helper`, an alias, a
// method of a new instance of an imported class). Sessions passed and keys given to calls use it.
import { dottedName, identifierName, textOf, unwrap } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import { currentClass, type Ctx } from './context';
import { resolveDotted } from './imports';

export interface Callee {
  /** The bare name called (`helper`, `step` of `self.step`); null for `module.helper(...)`. */
  callee: string | null;
  /** Called as `self.callee(...)`: positions skip the method's `self`. */
  viaSelf: boolean;
  /** Where the called name is imported from, when it is (`from shop.utils import helper`). */
  imported: { module: string; name: string } | null;
  /** A method called on a new instance of an imported class (`Recorder().remember(...)`). */
  bound?: true;
}

/** What a call's function names: `helper`, `self.step`, or `utils.helper` / `helper` through an import. */
export function calleeOf(ctx: Ctx, fn: SyntaxNode | null): Callee | null {
  const callee = identifierName(ctx.text, fn);
  if (callee === null && fn?.type === 'attribute' && identifierName(ctx.text, unwrap(fn.childForFieldName('object'))) === 'self') {
    const attribute = fn.childForFieldName('attribute');
    return attribute ? { callee: textOf(ctx.text, attribute), viaSelf: true, imported: null } : null;
  }
  // `Recorder().remember(...)`: a method of a new instance of an imported class.
  if (callee === null && fn?.type === 'attribute') {
    const made = unwrap(fn.childForFieldName('object'));
    const attribute = fn.childForFieldName('attribute');
    const cls = made?.type === 'call' ? dottedName(ctx.text, made.childForFieldName('function')) : null;
    const imported = cls !== null && attribute ? resolveDotted(ctx, cls) : null;
    if (imported && attribute) return { callee: null, viaSelf: false, imported: { module: imported.module, name: `${imported.name}.${textOf(ctx.text, attribute)}` }, bound: true };
  }
  // Through an import, the index links the call to the other file.
  const dotted = callee ?? dottedName(ctx.text, fn);
  const imported = dotted === null ? null : resolveDotted(ctx, dotted);
  return callee === null && imported === null ? null : { callee, viaSelf: false, imported };
}

export const isDjangoModule = (module: string): boolean => module === 'django' || module.startsWith('django.');

/** The current class's bases imported from other (non-Django) modules (`class Wizard(SessionMixin)`). */
export function importedBases(ctx: Ctx): { module: string; name: string }[] {
  const bases: { module: string; name: string }[] = [];
  for (const base of currentClass(ctx)?.bases ?? []) {
    const imported = resolveDotted(ctx, base);
    if (imported && !isDjangoModule(imported.module)) bases.push(imported);
  }
  return bases;
}

/** An argument of a call: by position (null for a keyword argument) or by keyword. */
export interface CallArgument {
  position: number | null;
  keyword: string | null;
  value: SyntaxNode;
  /** A keyword argument's name node. */
  name?: SyntaxNode;
}

/**
 * A call's arguments in order. Positional ones after a `*args` are left out (their positions are
 * unknown), as are `*args` and `**kwargs` themselves.
 */
export function argumentsOf(ctx: Ctx, call: SyntaxNode): CallArgument[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return [];
  const out: CallArgument[] = [];
  let position: number | null = 0;
  for (let i = 0; i < args.namedChildCount; i++) {
    const arg = args.namedChild(i);
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) out.push({ position: null, keyword: textOf(ctx.text, name), value, name });
      continue;
    }
    if (arg.type === 'list_splat') position = null;
    if (arg.type === 'list_splat' || arg.type === 'dictionary_splat' || position === null) continue;
    out.push({ position: position++, keyword: null, value: arg });
  }
  return out;
}
