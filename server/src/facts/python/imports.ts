// Import statements → ImportFact, with relative imports made absolute, and dotted-name resolution
// through them (`auth.SESSION_KEY` → `django.contrib.auth.SESSION_KEY`).
import { textOf } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import type { ImportFact } from '../types';
import type { Ctx } from './context';

/** The package a relative import of `level` dots starts from, or null outside a known module. */
function relativeBase(module: string | null, file: string, level: number): string | null {
  if (module === null) return null;
  const parts = module.split('.');
  const isPackage = /(^|\/)__init__\.pyi?$/.test(file);
  const drop = (isPackage ? 0 : 1) + (level - 1);
  if (drop > parts.length) return null;
  return parts.slice(0, parts.length - drop).join('.');
}

function fromModule(ctx: Ctx, node: SyntaxNode): string {
  if (node.type !== 'relative_import') return textOf(ctx.text, node);
  let level = 0;
  let rest = '';
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child?.type === 'import_prefix') level = textOf(ctx.text, child).trim().length;
    else if (child?.type === 'dotted_name') rest = textOf(ctx.text, child);
  }
  const base = relativeBase(ctx.module, ctx.file, level);
  // Outside a known package the import stays relative (leading dots) so the index can tell.
  if (base === null) return '.'.repeat(level) + rest;
  return [base, rest].filter(Boolean).join('.');
}

/** Records the names an import statement binds. */
const SESSIONISH = /session/i;

/** An import of the project's (not Django's) that names sessions in its module or name. */
export function isSessionHelperImport(fact: ImportFact): boolean {
  return fact.local !== '*' && !fact.module.startsWith('django.') && SESSIONISH.test(`${fact.module}.${fact.name ?? ''}`);
}

export function readImport(ctx: Ctx, node: SyntaxNode, out: ImportFact[]): void {
  const add = (fact: ImportFact) => {
    out.push(fact);
    ctx.imports.set(fact.local, fact);
    // `from django.contrib.sessions.backends.db import SessionStore as DBStore`: DBStore() is a session.
    if (fact.module.startsWith('django.contrib.sessions')) ctx.gate.add(fact.local);
    // A project's session helpers (`from .session_utils import remember`, `set_session_var as remember`):
    // their calls may pass keys (facts/keyCalls.ts) without saying "session".
    else if (isSessionHelperImport(fact)) ctx.gate.add(fact.local);
  };
  if (node.type === 'import_statement') {
    for (const name of node.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'aliased_import') {
        const dotted = name.childForFieldName('name');
        const alias = name.childForFieldName('alias');
        if (dotted && alias) add({ local: textOf(ctx.text, alias), module: textOf(ctx.text, dotted), name: null });
      } else {
        const dotted = textOf(ctx.text, name);
        add({ local: dotted, module: dotted, name: null });
      }
    }
    return;
  }
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode) return;
  const module = fromModule(ctx, moduleNode);
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (!child || child.id === moduleNode.id) continue;
    if (child.type === 'wildcard_import') {
      ctx.starImports.push(module);
      add({ local: '*', module, name: '*' });
    } else if (child.type === 'aliased_import') {
      const dotted = child.childForFieldName('name');
      const alias = child.childForFieldName('alias');
      if (dotted && alias) add({ local: textOf(ctx.text, alias), module, name: textOf(ctx.text, dotted) });
    } else if (child.type === 'dotted_name') {
      const name = textOf(ctx.text, child);
      add({ local: name, module, name });
    }
  }
}

/** `a.b.C` through the imports: the absolute module and the final name, or null when `a` is not imported. */
export function resolveDotted(ctx: Ctx, dotted: string): { module: string; name: string } | null {
  const segments = dotted.split('.');
  // Longest imported prefix wins: `import django.contrib.auth` binds the dotted local itself.
  for (let n = segments.length; n >= 1; n--) {
    const fact = ctx.imports.get(segments.slice(0, n).join('.'));
    if (!fact || fact.local === '*') continue;
    const base = fact.name === null ? fact.module : `${fact.module}.${fact.name}`;
    const full = [base, ...segments.slice(n)];
    const joined = full.join('.');
    const dot = joined.lastIndexOf('.');
    if (dot < 0) return null;
    return { module: joined.slice(0, dot), name: joined.slice(dot + 1) };
  }
  return null;
}

/** True when the name is `django.conf.settings` (however it was imported). */
export function isDjangoSettings(ctx: Ctx, dotted: string | null): boolean {
  if (dotted === null) return false;
  const resolved = resolveDotted(ctx, dotted);
  if (resolved) return resolved.module === 'django.conf' && resolved.name === 'settings';
  // An unresolved bare `settings` (imported in a way we cannot see, e.g. mid-edit) still counts.
  return dotted === 'settings' && !ctx.imports.has('settings');
}
