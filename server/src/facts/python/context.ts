// The state shared by the Python extractor's parts during one walk of one file.
import type { SyntaxNode } from '../../syntax/python';
import type { ClassFact, ImportFact, SessionName } from '../types';
import type { SessionGate } from './gate';
import type { ClassInfo, Scope } from './scope';
import type { SerializerOverride } from './serializerOverrides';

export interface Ctx {
  readonly text: string;
  readonly file: string;
  readonly module: string | null;
  scope: Scope;
  readonly classes: Map<string, ClassInfo>;
  /** Local name (possibly dotted, for `import a.b`) → the import that bound it. */
  readonly imports: Map<string, ImportFact>;
  /** Modules star-imported (`from .constants import *`), absolute. */
  readonly starImports: string[];
  /** Classes defined in this file when it is a models module, or imported from one. */
  readonly modelNames: Set<string>;
  /** Text test that lets most nodes skip the tree-sitter calls. */
  readonly gate: SessionGate;
  /** Plain names bound to a session (aliases, session parameters), each with the scope it is bound in. */
  readonly sessionNames: Map<string, SessionName>;
  /** Regions where a test overrides SESSION_SERIALIZER (serializerOverrides.ts). */
  readonly serializerOverrides: SerializerOverride[];
  /** Module-level instances of this file's classes (`recorder = Recorder()`), for calls of their methods from other files. */
  readonly instances: Map<string, string>;
  /** The file's defs the walk will visit (in document order), for keys a helper returns (keys.ts). */
  defs: SyntaxNode[];
  /** `defs` by name, built on first use. */
  defsByName?: Map<string, SyntaxNode[]>;
  /** Request attributes that hold a session (`request.saml_session`): from other files (the index) and this one. */
  readonly requestSessions: Set<string>;
  /** Those this file assigns (`request.saml_session = SessionStore(key)`), for the index. */
  readonly assignedRequestSessions: Set<string>;
  /** Top-level classes with project bases, by name (a class split over ranges is entered twice). */
  readonly classFacts: Map<string, ClassFact>;
}

/** `name` stands for a session in the current scope: recorded for completion, whose receivers are
 * the names bound in a scope enclosing the cursor (a module-level name: the whole file). */
export function addSessionName(ctx: Ctx, name: string, scope: Scope = ctx.scope): void {
  const end = Number.isFinite(scope.end) ? scope.end : ctx.text.length;
  ctx.sessionNames.set(`${name}@${scope.start}`, { name, start: scope.start, end });
}

/** The session is saved whole in this scope (`session.modified = True`, `session.save()`): its
 * in-place changes there are not lost; for a class's `self.*` values, anywhere in the class. */
export function markSessionSaved(ctx: Ctx): void {
  ctx.scope.modifiedSet = true;
  const info = currentClass(ctx);
  if (info) info.modifiedSet = true;
}

/** Whether the node's text may mention a session (see SessionGate). */
export function mayMention(ctx: Ctx, node: { startIndex: number; endIndex: number }): boolean {
  return ctx.gate.mentions(node.startIndex, node.endIndex);
}

/** The class whose body or method the walk is in. */
export function currentClass(ctx: Ctx): ClassInfo | undefined {
  const name = ctx.scope.className;
  return name === null ? undefined : ctx.classes.get(name);
}
