// Runs a settings module's top-level statements over a Scope: assignments, star imports, if/try
// branches, list and dict mutations. Nothing is executed; what cannot be known becomes unknown.
import type { SyntaxNode } from '../../syntax/python';
import { defaultOf } from '../catalog';
import { resolveRelative } from '../modules';
import { fieldOf, namedChildren, spanOf } from '../syntax';
import { isSettingName, known, resolve, truthy, unknown } from '../values';
import type { ExprContext } from './context';
import { evaluate } from './expressions';
import type { Binding, ModuleResult, ModuleRun, Scope } from './module';
import { assignTarget, mutationCall, rootIdentifier } from './mutations';
import { plain, toSetting, type Value } from './value';

export type LoadResult = { result: ModuleResult } | { missing: true } | { circular: true } | { skipped: string };

export interface ModuleLoader {
  /** Evaluates (or returns the cached result of) a workspace module; `missing` when it is not in the workspace. */
  load(module: string, near: string): Promise<LoadResult>;
  /** Whether a module is a file of the workspace (not evaluated). */
  exists(module: string, near: string): boolean;
  exprContext(run: ModuleRun): ExprContext;
  /** Reads a .env file for django-environ's read_env(path). */
  dotenv(path: string | undefined, near: string): Record<string, string> | undefined;
}

export async function runBlock(nodes: readonly SyntaxNode[], run: ModuleRun, loader: ModuleLoader): Promise<void> {
  for (const node of nodes) await runStatement(node, run, loader);
}

async function runStatement(node: SyntaxNode, run: ModuleRun, loader: ModuleLoader): Promise<void> {
  switch (node.type) {
    case 'expression_statement':
      for (const child of namedChildren(node)) runExpressionStatement(child, run, loader);
      return;
    case 'import_statement':
      return importModules(node, run);
    case 'import_from_statement':
      return importFrom(node, run, loader);
    case 'if_statement':
      return runIf(node, run, loader);
    case 'try_statement':
      return runTry(node, run, loader);
    case 'with_statement':
      return runBlock(blockOf(fieldOf(node, 'body')), run, loader);
    case 'for_statement':
    case 'while_statement':
      return markAssigned(node, run, 'is assigned in a loop, which is not evaluated');
    case 'function_definition':
    case 'class_definition':
      return bindName(node, run, `${fieldOf(node, 'name')?.text ?? 'it'} is a ${node.type === 'class_definition' ? 'class' : 'function'}`);
    case 'decorated_definition': {
      const def = fieldOf(node, 'definition');
      return def ? bindName(def, run, `${fieldOf(def, 'name')?.text ?? 'it'} is a decorated definition`) : undefined;
    }
    case 'delete_statement':
      for (const target of namedChildren(node).flatMap((c) => (c.type === 'expression_list' ? namedChildren(c) : [c]))) {
        if (target.type === 'identifier') run.scope.delete(target.text);
      }
      return;
    case 'ERROR':
      run.problems.push({ file: run.file, span: spanOf(node), message: `syntax error: settings near line ${node.startPosition.row + 1} are unknown` });
      return markAssigned(node, run, `is near a syntax error (line ${node.startPosition.row + 1})`, true);
    default:
      if (node.hasError) markAssigned(node, run, `is near a syntax error (line ${node.startPosition.row + 1})`, true);
  }
}

function blockOf(node: SyntaxNode | null): SyntaxNode[] {
  return node ? namedChildren(node) : [];
}

function bindName(def: SyntaxNode, run: ModuleRun, reason: string): void {
  const name = fieldOf(def, 'name');
  if (name) run.scope.set(name.text, { value: unknown(reason), file: run.file, span: spanOf(name) });
}

function runExpressionStatement(node: SyntaxNode, run: ModuleRun, loader: ModuleLoader): void {
  const ctx = loader.exprContext(run);
  if (node.type === 'assignment' || node.type === 'augmented_assignment') {
    assignTarget(node, run, ctx);
    return;
  }
  if (node.type === 'call') {
    if (isReadEnv(node, ctx)) {
      const pathArg = namedChildren(fieldOf(node, 'arguments') ?? node).find((a) => a.type !== 'keyword_argument');
      const path = pathArg ? plain(evaluate(pathArg, ctx)) : undefined;
      const file = path?.ok && typeof path.value === 'string' ? path.value : undefined;
      if (pathArg && file === undefined) return;
      run.environDotenv = { ...loader.dotenv(file, run.file), ...run.environDotenv };
      return;
    }
    const update = namespaceUpdate(node);
    if (update) return updateNamespace(node, update, run, ctx);
    mutationCall(node, run, ctx);
  }
}

/** `vars().update(x)`, `globals().update(x)`, `locals().update(x)`: the argument node, else null. */
function namespaceUpdate(call: SyntaxNode): SyntaxNode | null {
  const fn = fieldOf(call, 'function');
  if (fn?.type !== 'attribute' || fieldOf(fn, 'attribute')?.text !== 'update') return null;
  const owner = fieldOf(fn, 'object');
  const ownerFn = owner?.type === 'call' ? fieldOf(owner, 'function') : null;
  if (!owner || ownerFn?.type !== 'identifier' || !['vars', 'globals', 'locals'].includes(ownerFn.text)) return null;
  if (namedChildren(fieldOf(owner, 'arguments') ?? owner).length > 0) return null;
  const args = namedChildren(fieldOf(call, 'arguments') ?? call);
  return args.length === 1 && args[0].type !== 'keyword_argument' ? args[0] : call;
}

/**
 * Settings put into the module's namespace from a dict (a YAML or JSON config file, say): a known
 * dict sets its keys; anything else may set any setting, so every one, bound or not, is unknown.
 */
function updateNamespace(call: SyntaxNode, argument: SyntaxNode, run: ModuleRun, ctx: ExprContext): void {
  const span = spanOf(call);
  const value = argument === call ? null : plain(evaluate(argument, ctx));
  if (value?.ok && value.value && typeof value.value === 'object' && !Array.isArray(value.value)) {
    for (const [name, v] of Object.entries(value.value)) run.scope.set(name, { value: known(v), file: run.file, span });
    return;
  }
  // Quoted only when the argument is a name: a dict written out may hold a secret's value.
  const owner = fieldOf(fieldOf(fieldOf(call, 'function') as SyntaxNode, 'object') as SyntaxNode, 'function')?.text ?? 'vars';
  const named = argument !== call && (argument.type === 'identifier' || argument.type === 'attribute') && argument.text.length <= 60;
  const reason = `\`${owner}().update(${named ? argument.text : '...'})\``;
  for (const name of run.scope.keys()) {
    if (isSettingName(name)) run.scope.set(name, { value: unknown(`it may be set by ${reason}`), file: run.file, span });
  }
  run.opaque.push({ reason, file: run.file, span });
}

/** `environ.Env.read_env(...)` or `env.read_env(...)`. */
function isReadEnv(call: SyntaxNode, ctx: ExprContext): boolean {
  const fn = fieldOf(call, 'function');
  if (fn?.type !== 'attribute' || fieldOf(fn, 'attribute')?.text !== 'read_env') return false;
  const owner = evaluate(fieldOf(fn, 'object'), ctx);
  return owner.kind === 'envReader' || (owner.kind === 'builtin' && owner.name.endsWith('Env'));
}

function importModules(node: SyntaxNode, run: ModuleRun): void {
  for (const item of namedChildren(node)) {
    const dotted = item.type === 'aliased_import' ? fieldOf(item, 'name') : item;
    const alias = item.type === 'aliased_import' ? fieldOf(item, 'alias')?.text : undefined;
    if (!dotted) continue;
    const name = alias ?? dotted.text.split('.')[0];
    const module = alias ? dotted.text : dotted.text.split('.')[0];
    run.scope.set(name, { value: { kind: 'builtin', name: module }, file: run.file, span: spanOf(item) });
  }
}

function moduleNameOf(node: SyntaxNode, run: ModuleRun): string | null {
  if (node.type !== 'relative_import') return node.text;
  const prefix = namedChildren(node).find((c) => c.type === 'import_prefix')?.text ?? '';
  const rest = namedChildren(node).find((c) => c.type === 'dotted_name')?.text ?? '';
  return resolveRelative(run.module, run.isPackage, prefix.length, rest);
}

async function importFrom(node: SyntaxNode, run: ModuleRun, loader: ModuleLoader): Promise<void> {
  const moduleNode = fieldOf(node, 'module_name');
  if (!moduleNode) return;
  const relative = moduleNode.type === 'relative_import';
  const module = moduleNameOf(moduleNode, run);
  const star = namedChildren(node).some((c) => c.type === 'wildcard_import');
  const names = node.childrenForFieldName('name').filter((c): c is SyntaxNode => c !== null);
  const loaded = module ? await loader.load(module, run.file) : ({ missing: true } as const);
  const span = spanOf(node);
  // `from . import views` while the package is being imported: Python imports the submodules, the
  // package's own names are not needed.
  if ('circular' in loaded && !star && names.length > 0 && names.every((item) => loader.exists(`${module}.${importedName(item)}`, run.file))) {
    for (const item of names) bindImported(item, run, (name) => ({ kind: 'builtin', name: `${module}.${name}` }));
    return;
  }
  if ('circular' in loaded) {
    run.problems.push({ file: run.file, span, message: `circular import of ${module}: its settings are not imported here` });
    if (star) run.opaque.push({ reason: `the circular import of ${module}`, file: run.file, span });
    return;
  }
  if ('skipped' in loaded) {
    if (star) run.opaque.push({ reason: `\`from ${moduleNode.text} import *\` (${loaded.skipped})`, file: run.file, span });
    for (const item of names) bindImported(item, run, (name) => unknown(`${module}.${name} is not evaluated: ${loaded.skipped}`));
    return;
  }
  if ('missing' in loaded) {
    // Outside the workspace: a library (`os`, `environ`), or a module of the project that does not exist.
    const ownProject = relative || module?.split('.')[0] === run.module.split('.')[0];
    if (run.tryDepth > 0) run.importFailed = run.importFailed || ownProject;
    if (ownProject && run.tryDepth === 0) run.problems.push({ file: run.file, span, message: `${module ?? moduleNode.text} is not in the workspace: importing these settings fails` });
    if (star && !(ownProject && run.tryDepth > 0)) run.opaque.push({ reason: `\`from ${moduleNode.text} import *\`, which is not in the workspace`, file: run.file, span });
    for (const item of names) bindImported(item, run, (name) => ({ kind: 'builtin', name: `${module ?? moduleNode.text}.${name}` }));
    return;
  }
  const result = loaded.result;
  for (const f of result.files) if (!run.files.includes(f)) run.files.push(f);
  run.problems.push(...result.problems.filter((p) => !run.problems.includes(p)));
  if (star) {
    for (const [name, binding] of result.scope) if (!name.startsWith('_')) run.scope.set(name, binding);
    run.opaque.push(...result.opaque);
  }
  for (const item of names) bindImported(item, run, (name) => result.scope.get(name)?.value ?? unknown(`${module}.${name} is not defined`), result.scope);
}

function importedName(item: SyntaxNode): string {
  return (item.type === 'aliased_import' ? fieldOf(item, 'name') : item)?.text ?? '';
}

function bindImported(item: SyntaxNode, run: ModuleRun, valueOf: (name: string) => Value, from?: Scope): void {
  const nameNode = item.type === 'aliased_import' ? fieldOf(item, 'name') : item;
  const alias = item.type === 'aliased_import' ? fieldOf(item, 'alias')?.text : undefined;
  if (!nameNode) return;
  const source = from?.get(nameNode.text);
  const binding: Binding = source && !alias ? source : { value: valueOf(nameNode.text), file: run.file, span: spanOf(item) };
  run.scope.set(alias ?? nameNode.text, binding);
}

async function runIf(node: SyntaxNode, run: ModuleRun, loader: ModuleLoader): Promise<void> {
  const branches: { condition: SyntaxNode | null; body: SyntaxNode[] }[] = [{ condition: fieldOf(node, 'condition'), body: blockOf(fieldOf(node, 'consequence')) }];
  for (const alt of node.childrenForFieldName('alternative')) {
    if (!alt) continue;
    branches.push(alt.type === 'elif_clause'
      ? { condition: fieldOf(alt, 'condition'), body: blockOf(fieldOf(alt, 'consequence')) }
      : { condition: null, body: blockOf(fieldOf(alt, 'body')) });
  }
  run.scope = await runBranches(branches, run, loader);
}

/** Evaluates an if/elif/else chain; an undecidable condition merges both outcomes. */
async function runBranches(branches: { condition: SyntaxNode | null; body: SyntaxNode[] }[], run: ModuleRun, loader: ModuleLoader): Promise<Scope> {
  const [first, ...rest] = branches;
  if (!first) return run.scope;
  if (!first.condition) return runIn(run, new Map(run.scope), first.body, loader);
  const cond = evaluate(first.condition, loader.exprContext(run));
  const p = plain(cond);
  const decided = p.ok ? truthy(p.value) : cond.kind === 'path' ? true : undefined;
  if (decided === true) return runIn(run, new Map(run.scope), first.body, loader);
  if (decided === false) return runBranches(rest, run, loader);
  const whenTrue = await runIn(run, new Map(run.scope), first.body, loader);
  const whenFalse = await runBranches(rest, { ...run, scope: new Map(run.scope) }, loader);
  return mergeScopes(cond, first.condition.text, whenTrue, whenFalse);
}

async function runIn(run: ModuleRun, scope: Scope, body: SyntaxNode[], loader: ModuleLoader): Promise<Scope> {
  const branch: ModuleRun = { ...run, scope };
  await runBlock(body, branch, loader);
  run.environDotenv = branch.environDotenv;
  run.importFailed = run.importFailed || branch.importFailed;
  return branch.scope;
}

function mergeScopes(cond: Value, conditionText: string, whenTrue: Scope, whenFalse: Scope): Scope {
  const merged: Scope = new Map();
  const r = resolve(toSetting(cond));
  const text = conditionText.length > 60 ? `${conditionText.slice(0, 57)}...` : conditionText;
  for (const name of new Set([...whenTrue.keys(), ...whenFalse.keys()])) {
    const a = whenTrue.get(name);
    const b = whenFalse.get(name);
    if (a === b) {
      if (a) merged.set(name, a);
      continue;
    }
    const where = (a ?? b) as Binding;
    if (r.known && r.variables.length > 0) {
      // Env-dependent condition: the branch taken when the variable is unset gives the fallback.
      const taken = truthy(r.value) ? a : b;
      const def = defaultOf(name);
      const fallback = taken ? toSetting(taken.value) : def !== undefined ? known(def) : unknown(`${name} is not defined unless \`${text}\``);
      merged.set(name, { value: { kind: 'env', variable: r.variables[0], fallback }, file: (taken ?? where).file, span: (taken ?? where).span });
    } else {
      merged.set(name, { value: unknown(`it depends on \`if ${text}\`, which cannot be evaluated statically`), file: where.file, span: where.span });
    }
  }
  return merged;
}

async function runTry(node: SyntaxNode, run: ModuleRun, loader: ModuleLoader): Promise<void> {
  const outerFailed = run.importFailed;
  run.importFailed = false;
  run.tryDepth++;
  await runBlock(blockOf(fieldOf(node, 'body')), run, loader);
  run.tryDepth--;
  const failed = run.importFailed;
  run.importFailed = outerFailed;
  const clauses = namedChildren(node);
  const handler = clauses.find((c) => c.type === 'except_clause');
  if (failed && handler) await runBlock(namedChildren(handler).filter((c) => c.type === 'block').flatMap((b) => namedChildren(b)), run, loader);
  const elseClause = clauses.find((c) => c.type === 'else_clause');
  if (!failed && elseClause) await runBlock(blockOf(fieldOf(elseClause, 'body')), run, loader);
  const finallyClause = clauses.find((c) => c.type === 'finally_clause');
  if (finallyClause) await runBlock(namedChildren(finallyClause).filter((c) => c.type === 'block').flatMap((b) => namedChildren(b)), run, loader);
}

/** Every name a loop or a broken region assigns becomes unknown. */
function markAssigned(node: SyntaxNode, run: ModuleRun, reason: string, uppercaseIdentifiers = false): void {
  const seen = new Set<string>();
  const visit = (n: SyntaxNode) => {
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const root = rootIdentifier(fieldOf(n, 'left'));
      if (root) seen.add(root.text);
    } else if (n.type === 'call') {
      const fn = fieldOf(n, 'function');
      const root = fn?.type === 'attribute' ? rootIdentifier(fieldOf(fn, 'object')) : null;
      if (root) seen.add(root.text);
    } else if (uppercaseIdentifiers && n.type === 'identifier' && n.text === n.text.toUpperCase() && n.text !== n.text.toLowerCase()) seen.add(n.text);
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(node);
  for (const name of seen) run.scope.set(name, { value: unknown(`${name} ${reason}`), file: run.file, span: spanOf(node) });
}
