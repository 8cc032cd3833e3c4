// Plain data extracted from one file. No tree-sitter nodes, no LSP types: facts outlive trees.

/** Zero-based, end-exclusive; the same convention as LSP ranges (UTF-16 columns). */
export interface Span {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export type AccessOp = 'read' | 'write' | 'delete' | 'contains';

export type ValueType =
  | 'str' | 'int' | 'float' | 'bool' | 'None' | 'list' | 'dict' | 'tuple' | 'set' | 'bytes'
  | 'datetime' | 'date' | 'time' | 'timedelta' | 'Decimal' | 'UUID' | 'model' | 'unknown';

/** How the key expression was resolved; decides whether rename may touch it. */
export type KeySource =
  | { kind: 'literal' }                                   // 'cart' written at the access itself
  | { kind: 'constant'; name: string; file: string; span: Span }  // CART_KEY = 'cart' (span of the string literal)
  | { kind: 'setting'; name: string }                     // settings.CART_SESSION_ID
  | { kind: 'django'; name: string }                      // django.contrib.auth.SESSION_KEY
  | { kind: 'library'; name: string }                     // django_otp.DEVICE_ID_SESSION_KEY (a package not in the workspace)
  | { kind: 'dynamic' };                                  // f-string, %, concatenation, unknown

export interface SessionAccess {
  /** The key, a glob pattern (`oauth_*_token`) when `pattern` is true, or null when unknowable. */
  key: string | null;
  pattern: boolean;
  op: AccessOp;
  /** Span of the key expression (the string literal, constant name, ...); the whole access when there is no key. */
  span: Span;
  /** For writes: the inferred type of the value. */
  valueType?: ValueType;
  /** A test's check that the key is absent (`assertNotIn`, `assert 'k' not in s`, `assert not s.get('k')`,
   * `assertIsNone(s.get('k'))`): of a key nothing writes, it can never fail. */
  assertsAbsence?: true;
  /** A read whose value only decides an `if` (`if request.session.get('k'):`): what it read is not used. */
  guard?: true;
  /** For reads whose value is unpacked at once (`state, code = request.session.pop('k')`): a tuple
   * stored there that comes back as a list makes no difference. */
  unpacked?: true;
  /** For writes under a test's override of SESSION_SERIALIZER (`@override_settings(...)`, `with self.settings(...)`): its dotted path. */
  serializer?: string;
  source: KeySource;
  /** e.g. `request.session.get`, `self.client.session[...]`, `{{ request.session.cart }}`. */
  via: string;
  /** The enclosing function's qualified name, or '<module>'. */
  scope: string;
}

/** `request.session['cart']['items'].append(x)` with no `modified = True` / re-assignment in scope. */
export interface NestedMutation {
  key: string | null;
  span: Span;
  scope: string;
  /**
   * True when the same scope sets `session.modified = True`, re-assigns the key, or assigns/deletes
   * any other key (Django then saves the whole session, this change included). For `self.<attr>`
   * values of a helper class, a `modified = True` anywhere in the class counts (the `save()` idiom).
   */
  saved: boolean;
  /** Set when `key` lives elsewhere (imported constant, setting): the index resolves it like a PendingKey. */
  pending?: PendingKey['ref'];
  /** The session expression the value was read through, as written and usable in this scope (`s`, `self.scope['session']`). */
  receiver?: string;
}

/** A module-level (or class-level) string constant that may be used as a session key. */
export interface StringConstant {
  name: string;          // `CART_KEY` or `CartView.SESSION_KEY`
  value: string | null;  // null when it is `settings.X` or otherwise resolved later
  fromSetting?: string;  // set when the constant is `settings.X` / getattr(settings, 'X', ...)
  settingDefault?: string | null;  // getattr's default, when fromSetting comes from getattr(settings, 'X', 'd')
  span: Span;            // the string literal's span (or the whole value)
}

export interface ImportFact {
  /** Local name bound by the import. */
  local: string;
  /** Absolute dotted module (relative imports resolved against the file's package). */
  module: string;
  /** Imported name, or null for `import module` / `import pkg.mod as m`. */
  name: string | null;
}

export interface FileFacts {
  /** Workspace-relative POSIX path. */
  file: string;
  language: 'python' | 'django-html';
  /** Dotted module name for Python files under the project root, else null. */
  module: string | null;
  accesses: SessionAccess[];
  mutations: NestedMutation[];
  constants: StringConstant[];
  imports: ImportFact[];
  /** Unresolved references to constants in other modules, resolved by the index. */
  pendingKeys?: PendingKey[];
  /** Sessions passed to functions imported from other modules; the index links them to the callee's file. */
  sessionCalls?: SessionCall[];
  /** Functions of this file whose session key is one of their parameters (`def remember(request, name): request.session[name] = 1`). */
  keyParameters?: KeyParameter[];
  /** Keys written out as arguments of functions imported from other modules; the index finds their key parameters. */
  keyCalls?: KeyCall[];
  /** Request attributes this file sets to a session (`request.saml_session = SessionStore(key)`): sessions in every file. */
  requestSessions?: string[];
  /** Top-level classes with project bases: where the index looks for the subclasses of a SubclassRef. */
  classes?: ClassFact[];
  /** The keys the functions named in ProjectNames.keyMakers return (extracted on a ReturnedRef's demand). */
  returnedKeys?: ReturnedKey[];
  /** Parse problems; facts are still extracted from the parts that parsed. */
  syntaxErrors: number;
  /** Plain names bound to a session (`s = request.session`, a session parameter), each with the
   * offsets of the scope that binds it: completion accepts them as receivers inside that scope. */
  sessionNames?: SessionName[];
}

/** A name bound to a session in the scope (function, class or module) spanning [start, end). */
export interface SessionName {
  name: string;
  start: number;
  end: number;
}

/** A key whose value lives elsewhere (an imported constant, `module.CONST`, `settings.X`). */
export interface PendingKey {
  accessIndex: number;
  /** `list`: a key list of that module (a loop over it): one access per element, resolved by the index;
   * `dict`: a dict of keys of that module indexed by a run-time value (`keys.KEYS[model]`): one access per value. */
  ref: { kind: 'import'; module: string; name: string; list?: true; dict?: true } | { kind: 'setting'; name: string; default: string | null } | SubclassRef | ReturnedRef;
}

/**
 * `self.quiz.anon_q_list()` as a key: the method of that name of a module the file imports from
 * (django_quiz's `Quiz.anon_q_list`, `return str(self.id) + "_q_list"`), whatever key it returns.
 */
export interface ReturnedRef {
  kind: 'returned';
  name: string;
  /** The project modules the calling file imports from, where the method may be defined. */
  modules: string[];
}

/** A function or method of a file whose body is one `return` of a key (asked for by a ReturnedRef). */
export interface ReturnedKey {
  function: string;
  key: string | null;
  pattern: boolean;
  source: KeySource;
}

/**
 * `self.session_key` read in a method of `module.className`: the class attributes of that name its
 * subclasses define, wherever they are (wagtail's BaseViewRestriction reads the key its Page and
 * Collection subclasses set). The access keeps its own key, if the class has one, and gains theirs.
 */
export interface SubclassRef {
  kind: 'subclass';
  module: string;
  className: string;
  name: string;
}

/** A top-level class with bases of the project (this file's or imported), for SubclassRef lookups. */
export interface ClassFact {
  name: string;
  bases: { module: string; name: string }[];
}

/**
 * A session handed to a function of a file: by position or keyword. `function` is a top-level
 * function (`add_item`) or a class, meaning its `__init__` (`Cart(request.session)`).
 */
export interface PassedSession {
  /** `add_item`, `Cart` (its `__init__`), or `Owner.method`: a method of a class or of a module-level instance of this file. */
  function: string;
  position: number | null;
  keyword: string | null;
  /** Called on an instance (`Cart().add(...)`): the method's `self` is not among the arguments. */
  bound?: true;
}

/** `add_item(request.session)` where `add_item` is imported: the module it is imported from. */
export interface SessionCall extends PassedSession {
  /** Absolute dotted module of the import (the index follows re-exports from there). */
  module: string;
}

/**
 * A function whose session access takes its key from a parameter: each call that passes a string
 * there is an access of that key at the call (this file's calls are resolved with the facts, other
 * files' calls by the index through KeyCall).
 */
export interface KeyParameter {
  /** Qualified name: `remember`, `SessionMixin.set_session`. */
  function: string;
  parameter: string;
  /** Index of the parameter among the def's parameters, `self` included. */
  position: number;
  /** A method (its first parameter is `self` or `cls`). */
  method: boolean;
  op: AccessOp;
  /** How the function reaches the session (`request.session[...]`). */
  via: string;
  /** A write of another parameter (`request.session[name] = value`): its type is what the call passes there. */
  value?: { parameter: string; position: number };
  /** The type the function writes when it does not come from a parameter (`store[key] = 1`). */
  valueType?: ValueType;
  /** `parameter` '**': the key is the name of each keyword the call passes to `**kwargs`, except these named parameters. */
  named?: string[];
}

/** The type of an argument a call passes (by position or keyword), when it is known. */
export interface ArgumentType {
  position: number | null;
  keyword: string | null;
  type: ValueType;
}

/**
 * KeyCall.module of `strategy.session_set('k', v)`: a method called on an object of unknown class,
 * whose name says "session". The index takes it for the method of that name if exactly one class
 * of the project defines one that takes its key as a parameter.
 */
export const ANY_CLASS = '*';

/** `remember(request, 'theme')` where `remember` is imported: the key argument and where it is. */
export interface KeyCall {
  /** Absolute dotted module of the import, and the name there (`Owner.method` on a new instance); or ANY_CLASS and the method's name. */
  module: string;
  function: string;
  bound?: true;
  position: number | null;
  keyword: string | null;
  key: string;
  /** Span of the string literal. */
  span: Span;
  /** The calling function's qualified name, or '<module>'. */
  scope: string;
  /** The callee as written, for `via`. */
  callee: string;
  /** Types of the call's other arguments, where known (a value passed to a key-taking setter). */
  argumentTypes?: ArgumentType[];
  /** The key is the keyword's name (`save(request, theme='dark')` to a `**kwargs` helper), not a string literal. */
  named?: true;
  /** A constant passed as the key (`remember(request, THEME_KEY)`): where its value comes from (a literal when absent). */
  source?: KeySource;
  /** The constant lives in another module or in settings: resolved like a PendingKey (`key` is ''). */
  pending?: PendingKey['ref'];
  /** `load_strategy().session_get('k')`: when `module.function` has no such method, the ANY_CLASS method of this name. */
  orAnyClass?: string;
}

/** What the index learnt from the whole project that changes how one file is read. */
export interface ProjectNames {
  /** Short names of functions that take a session key as a parameter (calls of them are walked). */
  keyHelpers: ReadonlySet<string>;
  /** Request attributes some file sets to a session: `request.<name>` is a session everywhere. */
  requestSessions: ReadonlySet<string>;
  /** Names of functions whose returned key is wanted (ReturnedRef): recorded as FileFacts.returnedKeys. */
  keyMakers?: ReadonlySet<string>;
}

export const NO_PROJECT_NAMES: ProjectNames = { keyHelpers: new Set(), requestSessions: new Set() };
