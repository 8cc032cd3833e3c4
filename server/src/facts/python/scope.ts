// What the Python extractor knows at one point of the walk: the lexical scopes (module, class,
// function) with their session aliases, string variables, value types and nested bindings.
import type { SyntaxNode } from '../../syntax/python';
import type { KeySource, NestedMutation, PendingKey, Span } from '../types';

/** A key expression after resolution. `pending` asks the index to finish it (other module, settings). */
export interface ResolvedKey {
  key: string | null;
  pattern: boolean;
  source: KeySource;
  span: Span;
  pending?: PendingKey['ref'];
  /** A name standing for several keys (a loop over a key list): one access per key (keyLists.ts). */
  alternatives?: ResolvedKey[];
  /** The key is this parameter of the enclosing function, never re-bound: its calls give the key. */
  parameter?: string;
}

/**
 * The key a local name's value was read from (`cart = request.session['cart']`), and the session
 * expression as written there (`request.session`), for the DS104 fix.
 */
export type BoundKey = Pick<ResolvedKey, 'key' | 'pending'> & { receiver?: string };

/** A mutation waiting for its scope to end, to know whether the session gets saved. */
export interface OpenMutation {
  mutation: NestedMutation;
  /** Mutated through `self.<attr>` bound in another method: the class decides `saved`. */
  viaClass: boolean;
}

export class Scope {
  readonly sessionAliases = new Map<string, string>();
  readonly requestNames = new Set<string>();
  /** Names bound to a SessionStore class (`Store = import_module(settings.SESSION_ENGINE).SessionStore`). */
  readonly storeClasses = new Set<string>();
  readonly strings = new Map<string, ResolvedKey>();
  /** Names standing for one of several keys (keyLists.ts). */
  readonly keyLists = new Map<string, ResolvedKey[]>();
  /** Dicts whose values are all keys (`data = {'Task': 'task_sorting', ...}`): `data[model]` is one of them. */
  readonly keyDicts = new Map<string, ResolvedKey[]>();
  /** Name → the value last assigned to it, typed on demand (most names never reach the session). */
  readonly typeNodes = new Map<string, SyntaxNode>();
  /** Local name → the session key whose value it holds (`cart = request.session['cart']`). */
  readonly bindings = new Map<string, BoundKey>();
  readonly mutations: OpenMutation[] = [];
  /** Set by `session.modified = True` and by any assignment or del on the session. */
  modifiedSet = false;
  /** A function's parameters not re-bound so far → their index among the def's parameters. */
  readonly parameters = new Map<string, number>();
  /** Their default values, where written. */
  readonly parameterDefaults = new Map<string, SyntaxNode>();
  /** The `**kwargs` parameter, while not re-bound. */
  keywordsParameter: string | null = null;
  /** Loop variables over it: `for key, value in kwargs.items()` → key → value (or null). */
  readonly keywordKeys = new Map<string, string | null>();

  constructor(
    readonly kind: 'module' | 'class' | 'function',
    /** Qualified name: `<module>`, `Cart`, `Cart.add`, `outer.inner`. */
    readonly name: string,
    /** Start offset of the defining node (0 for the module). */
    readonly start: number,
    /** End offset of the defining node: the scope closes at the first node starting at or after it. */
    readonly end: number,
    readonly parent: Scope | null,
    /** The class whose body or method this is, for `self.X`. */
    readonly className: string | null,
  ) {}

  /** Looks a name up through enclosing function/module scopes (class bodies are not enclosing, as in Python). */
  lookup<T>(pick: (scope: Scope) => T | undefined): T | undefined {
    const own = pick(this);
    if (own !== undefined) return own;
    for (let scope = this.parent; scope; scope = scope.parent) {
      if (scope.kind === 'class') continue;
      const found = pick(scope);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Forgets what a name meant before it was re-bound. */
  rebind(name: string): void {
    this.sessionAliases.delete(name);
    this.requestNames.delete(name);
    this.strings.delete(name);
    this.keyLists.delete(name);
    this.keyDicts.delete(name);
    this.typeNodes.delete(name);
    this.bindings.delete(name);
    this.storeClasses.delete(name);
    this.parameters.delete(name);
    this.keywordKeys.delete(name);
    if (this.keywordsParameter === name) this.keywordsParameter = null;
  }
}

/** What a class knows across its methods: `self.session = request.session`, `self.cart = cart`. */
export class ClassInfo {
  /** The superclasses as written (`CartMixin`, `mixins.CartMixin`, `View`), for inherited constants. */
  readonly bases: string[] = [];
  readonly constants = new Map<string, ResolvedKey>();
  readonly sessionAttributes = new Map<string, string>();
  readonly bindings = new Map<string, BoundKey>();
  readonly writtenKeys = new Set<string>();
  readonly mutations: OpenMutation[] = [];
  modifiedSet = false;
  /** A session backend (`class SessionStore(DBStore)`): in its methods `self` is the session. */
  isSessionStore = false;
}
