// Cross-file resolution of PendingKeys: imported constants (followed through re-exports),
// Django's own constants, and `settings.X` through the SettingsModel.
import { djangoConstantKey, libraryConstantKey } from '../facts/builtinKeys';
import { fillsParameter, keyCallAccess, passedValueType } from '../facts/keyCalls';
import { ANY_CLASS, type FileFacts, type KeyParameter, type KeySource, type NestedMutation, type PendingKey, type ReturnedKey, type ReturnedRef, type SessionAccess, type SubclassRef } from '../facts/types';
import { asAttributeOfParent } from './modules';

export interface ResolverContext {
  /** Facts of a module by dotted name; may parse the module on demand. */
  factsOfModule(module: string): FileFacts | undefined;
  /**
   * The facts of the file defining `module.name` (a function, or `Class.method`) and its name there,
   * re-exports followed; each module looked at goes to `seen`.
   */
  definitionOf(module: string, name: string, seen: Set<string>): { facts: FileFacts; name: string } | undefined;
  /** A setting's value when the SettingsModel knows it as a string; undefined when unknown. */
  settingString(name: string): string | undefined;
  /** The project's classes whose bases include `module.className` (re-exports followed). */
  subclassesOf(module: string, className: string): { module: string; name: string }[];
  /**
   * What the def named `name` (a function or a method) of a project module returns as a key: undefined
   * when the module has no such def, null when it returns no key.
   */
  returnedKey(module: string, name: string): ReturnedKey | null | undefined;
  /** The project's key-taking methods of that name, as `Class.method` of their modules (ANY_CLASS calls). */
  keyMethodsNamed(name: string): { module: string; name: string }[];
}

export interface Resolution {
  accesses: SessionAccess[];
  mutations: NestedMutation[];
  /** Modules whose change may change this file's keys. */
  modules: Set<string>;
  usesSettings: boolean;
  /** Some key comes from subclasses (SubclassRef) or from a method of any class (ANY_CLASS): a new class anywhere may change it. */
  usesClassHierarchy: boolean;
}

interface Resolved { key: string; source: KeySource }

const MAX_REEXPORT_DEPTH = 8;

export function resolveFile(facts: FileFacts, context: ResolverContext): Resolution {
  const modules = new Set<string>();
  let usesSettings = false;
  let usesClassHierarchy = false;
  const onSetting = () => { usesSettings = true; };
  const accesses = facts.accesses.slice();
  /** The other elements of imported key lists, each an access at the loop's place. */
  const expanded: SessionAccess[] = [];
  for (const item of facts.pendingKeys ?? []) {
    const access = accesses[item.accessIndex];
    if (!access) continue;
    if (item.ref.kind === 'setting') usesSettings = true;
    if (item.ref.kind === 'subclass') {
      usesClassHierarchy = true;
      spread(accesses, expanded, item.accessIndex, subclassKeys(item.ref, context, modules, onSetting));
      continue;
    }
    if (item.ref.kind === 'returned') {
      // `self.quiz.anon_q_list()`: what the one def of that name among the imported modules returns.
      const returned = returnedKey(item.ref, context, modules);
      if (returned) accesses[item.accessIndex] = { ...access, key: returned.key, pattern: returned.pattern, source: returned.source };
      continue;
    }
    if (item.ref.kind === 'import' && (item.ref.list || item.ref.dict)) {
      spread(accesses, expanded, item.accessIndex, item.ref.list
        ? listKeys(item.ref.module, item.ref.name, context, modules, onSetting)
        : dictKeys(item.ref.module, item.ref.name, context, modules, onSetting));
      continue;
    }
    const resolved = resolvePending(item.ref, context, modules, onSetting);
    if (resolved) accesses[item.accessIndex] = { ...access, key: resolved.key, pattern: false, source: resolved.source };
  }
  if (expanded.length > 0) accesses.push(...expanded);
  for (const call of facts.keyCalls ?? []) {
    let parameters = call.module === ANY_CLASS ? [] : keyParametersOf(call.module, call.function, context, modules);
    const anyClass = call.module === ANY_CLASS ? call.function : parameters.length === 0 ? call.orAnyClass : undefined;
    if (anyClass !== undefined) {
      // `strategy.session_set('k', v)`: the one class that has such a method, if there is one.
      usesClassHierarchy = true;
      const methods = context.keyMethodsNamed(anyClass);
      if (methods.length !== 1) continue;
      parameters = keyParametersOf(methods[0].module, methods[0].name, context, modules);
    }
    // A constant passed as the key (`remember(request, keys.THEME)`): its value, if it can be found.
    if (call.pending?.kind === 'setting') usesSettings = true;
    const resolved = call.pending && call.pending.kind !== 'subclass' && call.pending.kind !== 'returned' ? resolvePending(call.pending, context, modules, onSetting) : null;
    for (const parameter of parameters) {
      if (!fillsParameter(call, parameter)) continue;
      const access = keyCallAccess(resolved?.key ?? call.key, parameter, call.span, call.scope, call.callee, passedValueType(call, parameter),
        resolved?.source ?? call.source);
      // A constant nobody can find: an access of an unknown key.
      if (call.pending && !resolved) Object.assign(access, { key: null, source: { kind: 'dynamic' } });
      accesses.push(access);
    }
  }
  const mutations = facts.mutations.map((mutation) => {
    if (!mutation.pending) return mutation;
    if (mutation.pending.kind === 'setting') usesSettings = true;
    if (mutation.pending.kind === 'subclass') {
      // The message names one key: the class's own, else the only one its subclasses define.
      usesClassHierarchy = true;
      const keys = mutation.key === null ? subclassKeys(mutation.pending, context, modules, onSetting) : [];
      return keys.length === 1 ? { ...mutation, key: keys[0].key } : mutation;
    }
    if (mutation.pending.kind === 'returned') return mutation;
    const resolved = resolvePending(mutation.pending, context, modules, onSetting);
    return resolved ? { ...mutation, key: resolved.key } : mutation;
  });
  return { accesses, mutations, modules, usesSettings, usesClassHierarchy };
}

/**
 * Several keys at one access's place (a key list's elements, a base class's subclasses' keys): the
 * first takes the access over when it has no key of its own (a base class's own default stays), the
 * others are accesses beside it.
 */
function spread(accesses: SessionAccess[], expanded: SessionAccess[], index: number, keys: readonly Resolved[]): void {
  const access = accesses[index];
  const others = keys.filter((k) => k.key !== access.key);
  const first = access.key === null ? others.shift() : undefined;
  if (first) accesses[index] = { ...access, key: first.key, pattern: false, source: first.source };
  for (const r of others) expanded.push({ ...access, key: r.key, pattern: false, source: r.source });
}

/** Key lists longer than this are data. */
const MAX_LIST_KEYS = 32;

/** The elements of a key list of another module (recorded there as constants `NAME[0]`, `NAME[1]`...). */
function listKeys(module: string, name: string, context: ResolverContext, modules: Set<string>, onSetting: () => void): Resolved[] {
  const keys: Resolved[] = [];
  for (let i = 0; i < MAX_LIST_KEYS; i++) {
    const element = constantKey(module, `${name}[${i}]`, context, modules, onSetting, 0);
    if (!element) break;
    keys.push(element);
  }
  return keys;
}

/** The values of a dict of keys of another module (recorded there as constants `NAME['member']`), re-exports followed. */
function dictKeys(module: string, name: string, context: ResolverContext, modules: Set<string>, onSetting: () => void, depth = 0): Resolved[] {
  modules.add(module);
  const target = context.factsOfModule(module);
  if (!target || depth > MAX_REEXPORT_DEPTH) return [];
  const prefix = `${name}['`;
  const keys: Resolved[] = [];
  for (const constant of target.constants) {
    if (!constant.name.startsWith(prefix) || keys.length >= MAX_LIST_KEYS) continue;
    const element = constantKey(module, constant.name, context, modules, onSetting, 0);
    if (element) keys.push(element);
  }
  if (keys.length > 0) return keys;
  const reexport = target.imports.find((i) => i.local === name && i.name !== null && i.name !== '*');
  return reexport?.name ? dictKeys(reexport.module, reexport.name, context, modules, onSetting, depth + 1) : [];
}

function resolvePending(ref: Exclude<PendingKey['ref'], SubclassRef | ReturnedRef>, context: ResolverContext, modules: Set<string>, onSetting: () => void): Resolved | null {
  if (ref.kind === 'setting') return settingKey(ref.name, ref.default, context);
  return constantKey(ref.module, ref.name, context, modules, onSetting, 0);
}

/** The key the defs named `ref.name` of the modules return, when they all agree (else unknown). */
function returnedKey(ref: ReturnedRef, context: ResolverContext, modules: Set<string>): ReturnedKey | null {
  let found: ReturnedKey | null = null;
  for (const module of ref.modules) {
    // Each module, found or not: a def of that name may appear there later.
    modules.add(module);
    const returned = context.returnedKey(module, ref.name);
    if (returned === undefined) continue;
    if (returned === null || (found && (found.key !== returned.key || found.pattern !== returned.pattern))) return null;
    found = returned;
  }
  return found;
}

/** Subclass chains deeper than this are not followed. */
const MAX_SUBCLASS_DEPTH = 8;

/**
 * The distinct keys the subclasses of `ref.className` (and theirs, down the tree) give `ref.name`
 * as a class constant, in the order found.
 */
function subclassKeys(ref: SubclassRef, context: ResolverContext, modules: Set<string>, onSetting: () => void): Resolved[] {
  const keys = new Map<string, Resolved>();
  const seen = new Set<string>([`${ref.module}:${ref.className}`]);
  let level = context.subclassesOf(ref.module, ref.className);
  for (let depth = 0; level.length > 0 && depth < MAX_SUBCLASS_DEPTH; depth++) {
    const next: { module: string; name: string }[] = [];
    for (const sub of level) {
      if (seen.has(`${sub.module}:${sub.name}`)) continue;
      seen.add(`${sub.module}:${sub.name}`);
      const found = constantKey(sub.module, `${sub.name}.${ref.name}`, context, modules, onSetting, 0);
      if (found && !keys.has(found.key)) keys.set(found.key, found);
      next.push(...context.subclassesOf(sub.module, sub.name));
    }
    level = next;
  }
  return [...keys.values()];
}

function settingKey(name: string, fallback: string | null, context: ResolverContext): Resolved | null {
  const value = context.settingString(name) ?? fallback;
  return value === null || value === undefined ? null : { key: value, source: { kind: 'setting', name } };
}

/** The key parameters of `name` (a function, or `Class.method`) of `module`, wherever it is defined. */
export function keyParametersOf(module: string, name: string, context: ResolverContext, modules: Set<string>): KeyParameter[] {
  if (module.startsWith('django.')) return [];
  const found = context.definitionOf(module, name, modules);
  return found ? (found.facts.keyParameters ?? []).filter((p) => p.function === found.name) : [];
}

function constantKey(module: string, name: string, context: ResolverContext, modules: Set<string>,
  onSetting: () => void, depth: number, seen = new Set<string>()): Resolved | null {
  const django = djangoConstantKey(module, name);
  if (django !== undefined) return { key: django, source: { kind: 'django', name: `${module}.${name}` } };
  if (depth > MAX_REEXPORT_DEPTH) return null;
  modules.add(module);
  const target = context.factsOfModule(module);
  // `Class.KEY` of an imported class: the constant `Class.KEY` of its module (class constants are recorded qualified).
  if (!target) {
    // Not in the workspace: a package's constant we know (`from django_otp import DEVICE_ID_SESSION_KEY`).
    const library = libraryConstantKey(module, name);
    if (library !== undefined) return { key: library, source: { kind: 'library', name: `${module}.${name}` } };
    const parent = asAttributeOfParent(module, name);
    return parent ? constantKey(parent.module, parent.name, context, modules, onSetting, depth + 1) : null;
  }
  const constant = target.constants.find((c) => c.name === name);
  if (constant) {
    if (constant.value !== null) {
      return { key: constant.value, source: { kind: 'constant', name, file: target.file, span: constant.span } };
    }
    if (constant.fromSetting) {
      onSetting();
      return settingKey(constant.fromSetting, constant.settingDefault ?? null, context);
    }
    return null;
  }
  // `from .keys import CART_KEY` inside the target: follow the re-export (of the dict, for `KEYS['cart']`).
  const element = name.indexOf('[');
  const base = element < 0 ? name : name.slice(0, element);
  const reexport = target.imports.find((i) => i.local === base && i.name !== null);
  if (reexport?.name) return constantKey(reexport.module, reexport.name + name.slice(base.length), context, modules, onSetting, depth + 1);
  // `from .session import *` (a constants package's __init__): the first star import that has it.
  // Each module is searched once per name, so star imports in a cycle or a diamond stay cheap.
  for (const star of target.imports) {
    if (star.local !== '*' || seen.has(star.module)) continue;
    seen.add(star.module);
    const found = constantKey(star.module, name, context, modules, onSetting, depth + 1, seen);
    if (found) return found;
  }
  return null;
}
