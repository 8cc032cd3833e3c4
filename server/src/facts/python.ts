// Session facts of one Python file. See python/walker.ts for the walk and python/*.ts for each
// kind of fact. Never throws: a broken tree yields what parsed, and syntaxErrors counts the rest.
import type { Range } from 'web-tree-sitter';
import type { Tree } from '../syntax/python';
import { mayMentionSessions } from './prefilter';
import type { FunctionShape } from './python/statements';
import { type WalkResult, walkPython } from './python/walker';
import { argumentType, keyCallAccess } from './keyCalls';
import { KEYWORD_NAMES } from './python/keys';
import { NO_PROJECT_NAMES, type FileFacts, type KeyCall, type KeyParameter, type PassedSession, type PendingKey, type ProjectNames, type SessionAccess, type SessionCall } from './types';

export { mayMentionSessions } from './prefilter';

interface Target {
  shape: FunctionShape;
  /** The parameters a call fills, `self` left out. */
  params: string[];
}

/**
 * What a call of `name` reaches in this file: the functions of that name (methods when called as
 * `self.name`), or the `__init__` of the class `name`. `topLevel`: only `name` itself, not a
 * nested function or method that happens to share the name (a call from another module).
 */
function targetsOf(functions: WalkResult['functions'], name: string, viaSelf: boolean, topLevel: boolean,
  instances: WalkResult['instances'] = new Map(), bound = false): Target[] {
  const dot = name.indexOf('.');
  if (dot > 0) return methodTargets(functions, name.slice(0, dot), name.slice(dot + 1), instances, bound);
  const out: Target[] = [];
  for (const shape of functions.get(name) ?? []) {
    if (shape.method !== viaSelf || (topLevel && shape.qualified !== name)) continue;
    out.push({ shape, params: shape.method ? shape.params.slice(1) : shape.params });
  }
  if (viaSelf) return out;
  for (const shape of functions.get('__init__') ?? []) {
    if (shape.method && shape.qualified === `${name}.__init__`) out.push({ shape, params: shape.params.slice(1) });
  }
  return out;
}

/**
 * `Owner.method` called from another file: a method of the class `Owner`, or of the class whose
 * module-level instance `Owner` is. On an instance (`bound`, or a named instance) `self` is not
 * passed; on the class a classmethod's `cls` is not either, a plain method's `self` is.
 */
function methodTargets(functions: WalkResult['functions'], owner: string, method: string, instances: WalkResult['instances'], bound: boolean): Target[] {
  const instanceOf = instances.get(owner);
  const cls = instanceOf ?? owner;
  const onInstance = bound || instanceOf !== undefined;
  return (functions.get(method) ?? []).filter((shape) => shape.method && shape.qualified === `${cls}.${method}`).map((shape) => ({
    shape,
    params: onInstance || shape.params[0] === 'cls' ? shape.params.slice(1) : shape.params,
  }));
}

/**
 * Parameters that receive a session, as `function:param` (qualified function names): from calls
 * in this file, and from `passed` (calls in other files, found by the index).
 */
function sessionParameters(result: WalkResult, passed: readonly PassedSession[]): Set<string> {
  const found = new Set<string>();
  const add = (name: string, viaSelf: boolean, topLevel: boolean, position: number | null, keyword: string | null, bound = false) => {
    for (const { shape, params } of targetsOf(result.functions, name, viaSelf, topLevel, result.instances, bound)) {
      const param = keyword ?? (position !== null ? params[position] : undefined);
      if (param !== undefined && params.includes(param)) found.add(`${shape.qualified}:${param}`);
    }
  };
  for (const call of result.sessionArguments) if (call.callee !== null) add(call.callee, call.viaSelf, false, call.position, call.keyword);
  for (const call of passed) add(call.function, false, true, call.position, call.keyword, call.bound === true);
  return found;
}

/** Sessions passed to imported functions (a function or class of this file with that name shadows the import). */
function sessionCalls(result: WalkResult): SessionCall[] {
  const calls = new Map<string, SessionCall>();
  for (const call of result.sessionArguments) {
    if (!call.imported) continue;
    if (call.callee !== null && targetsOf(result.functions, call.callee, false, true).length > 0) continue;
    const item: SessionCall = { module: call.imported.module, function: call.imported.name, position: call.position, keyword: call.keyword,
      ...(call.bound ? { bound: true as const } : {}) };
    calls.set(`${item.module}:${item.function}:${item.position}:${item.keyword}:${item.bound ?? ''}`, item);
  }
  return [...calls.values()];
}

/**
 * Keys passed to this file's functions that take their key as a parameter: an access each, at the
 * literal (rename edits it there). Keys passed to imported functions become KeyCalls for the index.
 */
function keyArgumentAccesses(result: WalkResult): { accesses: SessionAccess[]; pending: PendingKey[]; calls: KeyCall[] } {
  const accesses: SessionAccess[] = [];
  /** Accesses whose key is a constant of another module (accessIndex counted from the file's other accesses). */
  const pending: PendingKey[] = [];
  const calls: KeyCall[] = [];
  const byFunction = new Map<string, KeyParameter[]>();
  for (const p of result.facts.keyParameters ?? []) {
    const list = byFunction.get(p.function);
    if (list) list.push(p);
    else byFunction.set(p.function, [p]);
  }
  for (const arg of result.keyArguments) {
    const targets = arg.callee === null ? [] : targetsOf(result.functions, arg.callee, arg.viaSelf, false);
    if (targets.length === 0) {
      const call = { position: arg.position, keyword: arg.keyword, key: arg.key, span: arg.span, scope: arg.scope, callee: arg.written,
        ...(arg.argumentTypes ? { argumentTypes: arg.argumentTypes } : {}), ...(arg.named ? { named: true as const } : {}),
        ...(arg.source ? { source: arg.source } : {}), ...(arg.pending ? { pending: arg.pending } : {}),
        ...(arg.orAnyClass ? { orAnyClass: arg.orAnyClass } : {}) };
      if (arg.imported) calls.push({ module: arg.imported.module, function: arg.imported.name, ...(arg.bound ? { bound: true as const } : {}), ...call });
      // `self.set_session('step', 2)` in a subclass of an imported mixin: the mixin's method, if it has it.
      else if (arg.callee !== null) for (const base of arg.inherited ?? []) calls.push({ module: base.module, function: `${base.name}.${arg.callee}`, bound: true, ...call });
      continue;
    }
    for (const { shape, params } of targets) {
      const param = arg.named ? KEYWORD_NAMES : arg.keyword ?? (arg.position !== null ? params[arg.position] : undefined);
      for (const p of byFunction.get(shape.qualified) ?? []) {
        // A keyword's name is a key of `**kwargs` only when no named parameter takes it.
        if (p.parameter !== param || (arg.named && params.includes(arg.key))) continue;
        const valueType = !p.value ? undefined : p.value.parameter === KEYWORD_NAMES
          ? argumentType(arg.argumentTypes, arg.key, -1) : argumentType(arg.argumentTypes, p.value.parameter, params.indexOf(p.value.parameter));
        const access = keyCallAccess(arg.key, p, arg.span, arg.scope, arg.written, valueType, arg.source);
        // Until the index finds the constant, its key is unknown.
        if (arg.pending) {
          pending.push({ accessIndex: result.facts.accesses.length + accesses.length, ref: arg.pending });
          access.key = null;
        }
        accesses.push(access);
      }
    }
  }
  return { accesses, pending, calls };
}

/** Short names of the functions that take a key, when some call of theirs may not say "session" (and so was not walked). */
function keyHelperNames(result: WalkResult): Set<string> {
  const names = new Set<string>();
  for (const p of result.facts.keyParameters ?? []) {
    const name = p.function.slice(p.function.lastIndexOf('.') + 1);
    if (!/session/i.test(name)) names.add(name);
  }
  return names;
}

const NO_HELPERS: ReadonlySet<string> = new Set();

/** Bounded re-walks: a session passed along a chain of helpers needs one more walk per hop. */
const MAX_WALKS = 4;

/**
 * `ranges`: only the nodes inside them are walked (syntax/topLevel.ts sessionRanges of `text`).
 * `passed`: sessions other files hand to this file's functions (see index/sessionCalls.ts); the
 * file is then walked whole, even when it never says "session".
 */
export function extractPythonFacts(tree: Tree, text: string, file: string, module: string | null, ranges?: readonly Range[],
  passed: readonly PassedSession[] = [], names: ProjectNames = NO_PROJECT_NAMES): FileFacts {
  // The project's names this text mentions: calls of key-taking helpers, request attributes holding a session.
  const mentioned = (set: ReadonlySet<string>) => (set.size > 0 ? new Set([...set].filter((h) => text.includes(h))) : NO_HELPERS);
  const helpers = mentioned(names.keyHelpers);
  const project: ProjectNames = { keyHelpers: helpers, requestSessions: mentioned(names.requestSessions) };
  if (names.keyMakers?.size) project.keyMakers = names.keyMakers;
  const shallow = !mayMentionSessions(text) && passed.length === 0 && helpers.size === 0 && project.requestSessions.size === 0 && !names.keyMakers?.size;
  // The helpers that receive a session need not lie in the ranges that mention one.
  if (passed.length > 0) ranges = undefined;
  let params = new Set<string>();
  let result = walkPython(tree, text, file, module, params, shallow, ranges, project);
  // The first walk only learns the functions' parameters when the sessions come from outside.
  const walks = passed.length > 0 ? MAX_WALKS + 1 : MAX_WALKS;
  for (let walk = 1; walk < walks && !shallow; walk++) {
    const next = sessionParameters(result, passed);
    for (const p of params) next.add(p);
    if (next.size === params.size) break;
    params = next;
    result = walkPython(tree, text, file, module, params, shallow, ranges, project);
  }
  if (!shallow && result.facts.keyParameters) {
    // The calls of a key-taking function are walked once its name is known (it may come after them).
    const own = keyHelperNames(result);
    if ([...own].some((h) => !helpers.has(h))) {
      result = walkPython(tree, text, file, module, params, shallow, ranges, { ...project, keyHelpers: new Set([...helpers, ...own]) });
    }
  }
  const calls = shallow ? [] : sessionCalls(result);
  if (calls.length > 0) result.facts.sessionCalls = calls;
  if (!shallow && result.keyArguments.length > 0) {
    const { accesses, pending, calls: keyCalls } = keyArgumentAccesses(result);
    result.facts.accesses.push(...accesses);
    if (pending.length > 0) result.facts.pendingKeys = [...(result.facts.pendingKeys ?? []), ...pending];
    if (keyCalls.length > 0) result.facts.keyCalls = keyCalls;
  }
  return result.facts;
}
