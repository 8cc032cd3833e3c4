// Assignments and definitions: what they teach the extractor about names (aliases, constants,
// value types, nested bindings, classes and functions).
import { dottedName, identifierName, spanOf, textOf, unwrap } from '../../syntax/nodes';
import type { SyntaxNode } from '../../syntax/python';
import type { StringConstant } from '../types';
import { addSessionName, currentClass, type Ctx, markSessionSaved, mayMention } from './context';
import { elementName, literalString, memberOf, resolveKey, resolveStringValue, settingReference } from './keys';
import { ClassInfo, type ResolvedKey, Scope } from './scope';
import { isRequestAnnotation, isRequestLike, isSessionAnnotation, isStoreClass, sessionVia } from './sessions';
import { sessionValueKey } from './nested';
import { keyListOf } from './keyLists';
import { isSessionHelperImport, resolveDotted } from './imports';
import { defsNamed } from './defs';
import { isDjangoModule } from './callees';
import { parametersOf, keywordsParameterOf } from './parameters';

/** Parameters of a function, in order, and whether it is a method (first parameter is self/cls). */
export interface FunctionShape {
  /** `helper`, `Cart.__init__`, `outer.inner`: the scope name, as in sessionParams' `function:param`. */
  qualified: string;
  params: string[];
  method: boolean;
}

/** Literal sequences that may hold keys (keyLists.ts). */
const KEY_SEQUENCES = new Set(['tuple', 'list', 'set']);
/** Values that may be strings: literals, names, operators (`'a' + b`, `'%s' % x`). */
const STRING_LIKE = new Set(['string', 'concatenated_string', 'binary_operator', 'identifier', 'attribute', 'parenthesized_expression']);

/** Calls that may give a string key: `'...'.format()`, `str(...)`, `getattr(settings, ...)`, a helper of the file (`self._key()`). */
function mayBeStringCall(ctx: Ctx, call: SyntaxNode): boolean {
  const first = ctx.text.charCodeAt(call.startIndex);
  if (first === 0x27 || first === 0x22) return true; // a quote: '...'.format(...)
  const head = ctx.text.slice(call.startIndex, call.startIndex + 8);
  if (head.startsWith('str(') || head.startsWith('getattr(') || /^[rRbBuUfF]{1,2}['"]/.test(head)) return true;
  // A helper that returns a key: only names the file defines.
  if (ctx.defs.length === 0) return false;
  const called = /^(?:self\.|cls\.)?([A-Za-z_]\w*)\s*\($/.exec(ctx.text.slice(call.startIndex, call.childForFieldName('arguments')?.startIndex ?? call.startIndex) + '(');
  return called !== null && defsNamed(ctx, called[1]) !== undefined;
}

/** Records a module-level or class-level string constant, and remembers it for key lookups. */
function rememberString(ctx: Ctx, name: string, value: SyntaxNode, constants: StringConstant[]): void {
  const scope = ctx.scope;
  const resolved = resolveStringValue(ctx, value);
  if (!resolved) return;
  const qualified = scope.kind === 'class' ? `${scope.className}.${name}` : name;
  // A plain literal bound to a name is a constant: rename edits the literal, not the access.
  const stored: ResolvedKey = resolved.source.kind === 'literal'
    ? { ...resolved, source: { kind: 'constant', name: qualified, file: ctx.file, span: resolved.span } }
    : resolved;
  if (scope.kind === 'class') currentClass(ctx)?.constants.set(name, stored);
  else scope.strings.set(name, stored);
  if (scope.kind === 'function') return;
  const setting = settingReference(ctx, unwrap(value) ?? value);
  if (setting) {
    constants.push({ name: qualified, value: null, fromSetting: setting.name, span: spanOf(value),
      ...(setting.default !== null ? { settingDefault: setting.default } : {}) });
  }
  else if (resolved.source.kind === 'literal' && !resolved.pattern && resolved.key !== null) {
    constants.push({ name: qualified, value: resolved.key, span: resolved.span });
  }
}

/** Dicts this large are data (translation tables, settings), not a project's session keys. */
const MAX_KEY_DICT = 64;

/** `KEYS = {'cart': 'cart_v2', 'user': USER_KEY}`: each string element is a constant of its own,
 * `KEYS['cart']`, so `request.session[KEYS['cart']]` resolves here and from other modules, and
 * rename edits the element's literal. Dicts whose values are not all strings are left alone. */
function rememberElements(ctx: Ctx, name: string, dict: SyntaxNode, constants: StringConstant[]): void {
  if (dict.namedChildCount > MAX_KEY_DICT) return;
  const elements: Array<[string, SyntaxNode]> = [];
  for (let i = 0; i < dict.namedChildCount; i++) {
    const pair = dict.namedChild(i);
    if (pair?.type !== 'pair') return;
    const member = memberOf(ctx, pair.childForFieldName('key'));
    const value = unwrap(pair.childForFieldName('value'));
    if (member === null || !value || !STRING_LIKE.has(value.type)) return;
    elements.push([member, value]);
  }
  for (const [member, value] of elements) rememberString(ctx, elementName(name, member), value, constants);
  // `data[model]` with a member known only at run time is one of the values (django-crm's sorting keys).
  const scope = ctx.scope;
  const values = elements.map(([member]) => (scope.kind === 'class' ? currentClass(ctx)?.constants : scope.strings)?.get(elementName(name, member)));
  if (values.length > 0 && values.every((v) => v !== undefined && v.key !== null && !v.pattern && !v.pending)) {
    scope.keyDicts.set(name, values as ResolvedKey[]);
  }
}

/** The values a chained assignment binds (`cart = self.session[K] = {}` binds cart to session[K]). */
function boundValues(right: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let node: SyntaxNode | null = right; node; node = node.type === 'assignment' ? node.childForFieldName('right') : null) {
    const target = node.type === 'assignment' ? node.childForFieldName('left') : node;
    if (target) out.push(target);
  }
  return out;
}

function bindingOf(ctx: Ctx, right: SyntaxNode): ReturnType<typeof sessionValueKey> {
  for (const value of boundValues(right)) {
    const key = sessionValueKey(ctx, value);
    if (key) return key;
  }
  return undefined;
}

export function handleAssignment(ctx: Ctx, node: SyntaxNode, constants: StringConstant[]): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left) return;
  if (left.type === 'identifier') return bindName(ctx, textOf(ctx.text, left), right, constants);
  if (left.type === 'attribute' && right) {
    const attribute = left.childForFieldName('attribute');
    const object = unwrap(left.childForFieldName('object'));
    if (!attribute) return;
    const name = textOf(ctx.text, attribute);
    if (name === 'modified' && unwrap(right)?.type === 'true' && sessionVia(ctx, object)) return markSessionSaved(ctx);
    // `request.saml_session = self.SessionStore(key)` (djangosaml2): a second session on the request, in every file.
    if (name !== 'session' && isRequestLike(ctx, object) && mayMention(ctx, right) && sessionVia(ctx, right)) {
      ctx.requestSessions.add(name);
      ctx.assignedRequestSessions.add(name);
      ctx.gate.add(name);
      return;
    }
    const info = currentClass(ctx);
    if (!info || identifierName(ctx.text, object) !== 'self' || !mayMention(ctx, right)) return;
    const via = sessionVia(ctx, right);
    if (via) info.sessionAttributes.set(name, via);
    const binding = bindingOf(ctx, unwrap(right) ?? right);
    if (binding) info.bindings.set(name, binding.resolved);
    if (via || binding) ctx.gate.add(name);
    return;
  }
  if (!UNPACKED.has(left.type)) return;
  // `s, u = request.session, request.user`: each name gets its own value when the counts match;
  // otherwise (`a, b = pair`) every name is only re-bound.
  const targets = namedChildren(left);
  const value = unwrap(right);
  const values = value && UNPACKED.has(value.type) ? namedChildren(value) : [];
  // A value naming a target (`a, b = b, a`) would be read after its re-binding: not paired.
  const names = new Set(targets.map((t) => textOf(ctx.text, t)));
  const pairwise = values.length === targets.length &&
    !values.some((v) => v.type === 'list_splat' || (v.type === 'identifier' && names.has(textOf(ctx.text, v))));
  for (let i = 0; i < targets.length; i++) {
    if (targets[i].type === 'identifier') bindName(ctx, textOf(ctx.text, targets[i]), pairwise ? values[i] : null, constants);
  }
}

/** Tuple/list targets and the values that may unpack into them one to one. */
const UNPACKED = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list']);

function namedChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child && child.type !== 'comment') out.push(child);
  }
  return out;
}

/**
 * `name = kwargs.get('name', default)` in a function taking `**kwargs`: the default's node (null when
 * there is none), or undefined when the value is anything else. Callers passing `name=` set it.
 */
function keywordLookup(ctx: Ctx, name: string, call: SyntaxNode): SyntaxNode | null | undefined {
  const scope = ctx.scope;
  if (scope.kind !== 'function' || scope.keywordsParameter === null) return undefined;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || identifierName(ctx.text, fn.childForFieldName('attribute')) !== 'get') return undefined;
  if (identifierName(ctx.text, unwrap(fn.childForFieldName('object'))) !== scope.keywordsParameter) return undefined;
  const args = call.childForFieldName('arguments');
  const first = unwrap(args?.namedChild(0) ?? null);
  if (first?.type !== 'string' || literalString(ctx, first) !== name) return undefined;
  const fallback = unwrap(args?.namedChild(1) ?? null);
  return fallback?.type === 'string' ? fallback : fallback ? undefined : null;
}

/** `data[model]` where `data` is a dict of keys of this file: its resolution (one of the values, or the element). */
function keyDictElement(ctx: Ctx, subscript: SyntaxNode): ResolvedKey | null {
  const object = unwrap(subscript.childForFieldName('value'));
  const name = identifierName(ctx.text, object);
  if (name !== null && ctx.scope.lookup((s) => s.keyDicts.get(name))) return resolveKey(ctx, subscript);
  // A dict of another module (`keys.SORTING[model]`): its values if the index finds it to be one of keys.
  const dotted = object && (object.type === 'identifier' || object.type === 'attribute') ? dottedName(ctx.text, object) : null;
  const imported = dotted !== null && ctx.scope.lookup((s) => s.strings.get(dotted)) === undefined ? resolveDotted(ctx, dotted) : null;
  return imported && !isDjangoModule(imported.module) ? resolveKey(ctx, subscript) : null;
}

/** `name = value` (also one name of a tuple assignment): what the name now means; `value` null forgets it. */
function bindName(ctx: Ctx, name: string, right: SyntaxNode | null, constants: StringConstant[]): void {
  const scope = ctx.scope;
  scope.rebind(name);
  if (!right) return;
  const value = unwrap(right) ?? right;
  // `session_key_value = kwargs.get("session_key_value", "redirect_to")`: a keyword parameter in all but name.
  const keyword = value.type === 'call' ? keywordLookup(ctx, name, value) : undefined;
  if (keyword !== undefined) {
    scope.parameters.set(name, -1);
    if (keyword) scope.parameterDefaults.set(name, keyword);
  }
  const element = value.type === 'subscript' ? keyDictElement(ctx, value) : null;
  if (element?.alternatives) scope.keyLists.set(name, element.alternatives);
  else if (element && element.key !== null && !element.pending) scope.strings.set(name, element);
  else if (STRING_LIKE.has(value.type) || (value.type === 'call' && mayBeStringCall(ctx, value))) rememberString(ctx, name, value, constants);
  else if (value.type === 'dictionary') rememberElements(ctx, name, value, constants);
  else if (KEY_SEQUENCES.has(value.type)) {
    const qualified = scope.kind === 'class' ? `${scope.className}.${name}` : name;
    const keys = keyListOf(ctx, value, qualified);
    if (keys) scope.keyLists.set(name, keys);
    // Other modules loop over it or index it (`keys.LOGOUT_KEYS[0]`): its elements are constants `NAME[i]`.
    if (keys && scope.kind === 'module' && keys.every((k) => k.key !== null && !k.pattern && k.source.kind === 'constant')) {
      keys.forEach((k, i) => constants.push({ name: `${qualified}[${i}]`, value: k.key as string, span: k.source.kind === 'constant' ? k.source.span : k.span }));
    }
  }
  // Types are inferred when a session write uses the name, not for every assignment.
  scope.typeNodes.set(name, value);
  if (scope.kind === 'module') {
    const made = value.type === 'call' ? identifierName(ctx.text, value.childForFieldName('function')) : null;
    if (made !== null && ctx.classes.has(made)) ctx.instances.set(name, made);
    else ctx.instances.delete(name);
  }
  if (value.type === 'attribute' || value.type === 'subscript') {
    if (isRequestLike(ctx, value)) scope.requestNames.add(name);
  }
  if (!mayMention(ctx, value)) return;
  const via = sessionVia(ctx, value);
  if (via) {
    scope.sessionAliases.set(name, via);
    addSessionName(ctx, name);
  }
  else if (value.type !== 'call' && isStoreClass(ctx, value)) scope.storeClasses.add(name);
  const binding = via ? undefined : bindingOf(ctx, value);
  if (binding) scope.bindings.set(name, binding.resolved);
  if (via || binding || scope.storeClasses.has(name)) ctx.gate.add(name);
}

/** `(s := request.session)`: the name is bound like an assignment's. */
export function handleNamedExpression(ctx: Ctx, node: SyntaxNode, constants: StringConstant[]): void {
  const name = identifierName(ctx.text, node.childForFieldName('name'));
  if (name !== null) bindName(ctx, name, node.childForFieldName('value'), constants);
}

/** Enters a function: a new scope whose parameters may be sessions or requests. */
export function enterFunction(ctx: Ctx, node: SyntaxNode, sessionParams: ReadonlySet<string>,
  functions: Map<string, FunctionShape[]>): void {
  const parent = ctx.scope;
  const nameNode = node.childForFieldName('name');
  const name = nameNode ? textOf(ctx.text, nameNode) : '<lambda>';
  const qualified = parent.kind === 'module' ? name : `${parent.name}.${name}`;
  const scope = new Scope('function', qualified, node.startIndex, node.endIndex, parent, parent.className);
  const params: string[] = [];
  // A database backend's `create_model_instance(self, data)` gets the session's data (Django's
  // documented way to copy a key into a column of a custom session model).
  const dataAt = name === 'create_model_instance' && parent.kind === 'class' && currentClass(ctx)?.isSessionStore ? 1 : -1;
  for (const param of parametersOf(ctx, node)) {
    scope.parameters.set(param.name, params.length);
    if (param.defaultValue) scope.parameterDefaults.set(param.name, param.defaultValue);
    const isData = params.length === dataAt;
    params.push(param.name);
    if (isData || isSessionAnnotation(param.annotation) || sessionParams.has(`${qualified}:${param.name}`)) {
      scope.sessionAliases.set(param.name, param.name);
      addSessionName(ctx, param.name, scope);
      ctx.gate.add(param.name);
    } else if (isRequestAnnotation(param.annotation)) {
      scope.requestNames.add(param.name);
    }
  }
  scope.keywordsParameter = keywordsParameterOf(ctx, node);
  const shapes = functions.get(name) ?? [];
  shapes.push({ qualified, params, method: parent.kind === 'class' });
  functions.set(name, shapes);
  ctx.scope = scope;
}

const MODEL_BASE = /(^|\.)(Model|AbstractUser|AbstractBaseUser)$/;

/** Django's `SessionBase` (however imported), the base of every session backend. */
function isSessionBase(ctx: Ctx, dotted: string): boolean {
  const imported = resolveDotted(ctx, dotted);
  return imported !== null ? imported.module.startsWith('django.contrib.sessions.backends') && imported.name === 'SessionBase' : dotted === 'SessionBase';
}

/**
 * A top-level class and its bases of the project (imported, or of this file: a name that is not
 * imported), for the index's lookup of subclasses (`self.session_key` a subclass defines).
 */
function noteClassFact(ctx: Ctx, name: string, bases: readonly string[]): void {
  if (ctx.module === null || ctx.classFacts.has(name)) return;
  const project: { module: string; name: string }[] = [];
  for (const base of bases) {
    const imported = resolveDotted(ctx, base);
    if (imported) {
      if (!isDjangoModule(imported.module) && !LIBRARY_BASES.has(imported.module.split('.', 1)[0])) project.push(imported);
    } else if (!base.includes('.') && !BUILTIN_BASES.has(base)) {
      project.push({ module: ctx.module, name: base });
    }
  }
  if (project.length > 0) ctx.classFacts.set(name, { name, bases: project });
}

const BUILTIN_BASES = new Set(['object', 'Exception', 'dict', 'list', 'str', 'int', 'Enum', 'type']);
/** Standard-library packages whose classes never define a project's session keys. */
const LIBRARY_BASES = new Set(['enum', 'typing', 'abc', 'collections', 'dataclasses', 'unittest']);

/** Enters a class body: its constants and `self.*` session attributes live in a ClassInfo. */
export function enterClass(ctx: Ctx, node: SyntaxNode): void {
  const parent = ctx.scope;
  const nameNode = node.childForFieldName('name');
  const name = nameNode ? textOf(ctx.text, nameNode) : '<class>';
  const qualified = parent.kind === 'module' ? name : `${parent.name}.${name}`;
  let info = ctx.classes.get(name);
  if (!info) ctx.classes.set(name, (info = new ClassInfo()));
  const bases = node.childForFieldName('superclasses');
  const inModels = /(^|\/)models(\.py|\/)/.test(ctx.file);
  for (let i = 0; bases && i < bases.namedChildCount; i++) {
    const base = bases.namedChild(i);
    const text = base ? textOf(ctx.text, base) : '';
    if (MODEL_BASE.test(text) || (inModels && ctx.modelNames.has(text))) ctx.modelNames.add(name);
    const dotted = dottedName(ctx.text, base);
    if (dotted) info.bases.push(dotted);
    if (base && (isStoreClass(ctx, base) || (dotted !== null && (isSessionBase(ctx, dotted) || ctx.classes.get(dotted)?.isSessionStore)))) info.isSessionStore = true;
  }
  // In a session backend `self` is the session; in a subclass of a session helper (`SessionMixin`
  // from `.session_utils`), `self.set_step('k', v)` may pass a key to an inherited method.
  if (info.isSessionStore || info.bases.some((b) => { const i = ctx.imports.get(b.split('.', 1)[0]); return i !== undefined && isSessionHelperImport(i); })) ctx.gate.add('self');
  if (parent.kind === 'module') noteClassFact(ctx, name, info.bases);
  ctx.scope = new Scope('class', qualified, node.startIndex, node.endIndex, parent, name);
}
