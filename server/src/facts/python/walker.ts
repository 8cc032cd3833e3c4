// One pass over a Python tree, in document order, over the interesting nodes only (no recursion,
// no JS objects for the rest). Scopes open at a def/class and close at the first node after it.
import { dottedName, textOf, unwrap } from '../../syntax/nodes';
import type { Range } from 'web-tree-sitter';
import type { SyntaxNode, Tree } from '../../syntax/python';
import { type FileFacts, type ImportFact, type KeyParameter, type NestedMutation, NO_PROJECT_NAMES, type PendingKey, type ProjectNames, type ReturnedKey, type SessionAccess, type StringConstant } from '../types';
import { handleCall, handleComparison, handleSubscript, keyIdentity, markTargets, type TargetRole } from './accesses';
import { type Ctx, mayMention } from './context';
import { readImport, resolveDotted } from './imports';
import { argumentsOf, calleeOf, type Callee } from './callees';
import { type KeyArgument, keyArgumentsOf } from './keyArguments';
import { bindComprehension, bindLoopVariable } from './keyLists';
import { keyOfDef } from './keys';
import { SessionGate } from './gate';
import { ClassInfo, Scope } from './scope';
import { noteSerializerOverride, SERIALIZER_SETTING } from './serializerOverrides';
import { sessionVia } from './sessions';
import { enterClass, enterFunction, type FunctionShape, handleAssignment, handleNamedExpression } from './statements';

/** A call that passes a session to a function: `helper(request.session)`, `self.step(s)`, `utils.add(s)`. */
export interface SessionArgument extends Callee {
  position: number | null;
  keyword: string | null;
}

export interface WalkResult {
  facts: FileFacts;
  sessionArguments: SessionArgument[];
  keyArguments: KeyArgument[];
  functions: Map<string, FunctionShape[]>;
  /** Module-level instances of the file's classes: name → class. */
  instances: ReadonlyMap<string, string>;
}

/** Nodes a shallow walk (file without "session") still enters, to find imports and constants. */
const STRUCTURAL = new Set([
  'module', 'block', 'expression_statement', 'class_definition', 'decorated_definition', 'if_statement',
  'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'ERROR',
]);

/** The node types the full walk asks tree-sitter for (everything else stays in wasm). */
const DEEP_TYPES = [
  'import_statement', 'import_from_statement', 'assignment', 'class_definition', 'function_definition',
  'subscript', 'call', 'comparison_operator', 'augmented_assignment', 'delete_statement', 'named_expression',
  'for_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression',
];
const SHALLOW_TYPES = new Set(['import_statement', 'import_from_statement', 'assignment', 'class_definition']);

class Walker {
  readonly accesses: SessionAccess[] = [];
  readonly pendingKeys: PendingKey[] = [];
  readonly keyParameters: KeyParameter[] = [];
  readonly keyArguments: KeyArgument[] = [];
  readonly mutations: NestedMutation[] = [];
  readonly constants: StringConstant[] = [];
  readonly imports: ImportFact[] = [];
  readonly sessionArguments: SessionArgument[] = [];
  readonly functions = new Map<string, FunctionShape[]>();
  readonly roles = new Map<string, TargetRole>();
  readonly returnedKeys: ReturnedKey[] = [];
  private readonly keyMakers: ReadonlySet<string>;
  syntaxErrors = 0;
  /** Nodes whose handler threw; kept for debugging, not part of the facts. */
  skippedNodes = 0;
  readonly ctx: Ctx;
  /** Where the file says SESSION_SERIALIZER (most never do): only calls around one are checked for an override. */
  private readonly serializerNamed: SessionGate;

  constructor(text: string, file: string, module: string | null, private readonly sessionParams: ReadonlySet<string>, project: ProjectNames) {
    this.ctx = {
      text, file, module, scope: new Scope('module', '<module>', 0, Infinity, null, null),
      classes: new Map<string, ClassInfo>(), imports: new Map(), starImports: [], modelNames: new Set(),
      gate: new SessionGate(text), sessionNames: new Map(), instances: new Map(), serializerOverrides: [], defs: [],
      requestSessions: new Set(project.requestSessions), assignedRequestSessions: new Set(), classFacts: new Map(),
    };
    this.serializerNamed = new SessionGate(text, [SERIALIZER_SETTING]);
    this.keyMakers = project.keyMakers ?? new Set();
    // Calls of the file's functions that take a key (`remember(request, 'theme')`) need not say "session".
    for (const name of project.keyHelpers) this.ctx.gate.add(name);
    for (const name of project.requestSessions) this.ctx.gate.add(name);
  }

  /** A def whose returned key another file asks for (ProjectNames.keyMakers): what it returns. */
  private noteReturnedKey(node: SyntaxNode): void {
    const nameNode = node.childForFieldName('name');
    const name = nameNode ? textOf(this.ctx.text, nameNode) : '';
    if (!this.keyMakers.has(name)) return;
    const resolved = keyOfDef(this.ctx, node, name);
    const scope = this.ctx.scope;
    const qualified = scope.kind === 'module' ? name : `${scope.name}.${name}`;
    if (resolved && (resolved.key !== null || resolved.pattern)) {
      this.returnedKeys.push({ function: qualified, key: resolved.key, pattern: resolved.pattern, source: resolved.source });
    }
  }

  /**
   * Full walk: wasm collects the interesting nodes in document order, in one call, so the many
   * other nodes never cross into JS. ERROR nodes are asked for separately: web-tree-sitter's
   * lookup misbehaves when 'ERROR' is mixed with other types.
   */
  walkDeep(tree: Tree, ranges?: readonly Range[]): void {
    const root = tree.rootNode;
    if (root.hasError) this.syntaxErrors = root.descendantsOfType('ERROR').length;
    const parts = ranges?.length ? rangedParts(root, ranges) : [{ from: 0, to: Infinity, nodes: root.descendantsOfType(DEEP_TYPES) }];
    for (const { nodes } of parts) for (const node of nodes) if (node?.type === 'function_definition') this.ctx.defs.push(node);
    for (const { from, to, nodes } of parts) {
      for (const node of nodes) {
        // A node that began in an earlier range (the def around a later part of its body) was
        // walked there; one that begins past the end lies in skipped code.
        if (!node || node.startIndex < from || node.startIndex >= to) continue;
        this.closeScopesBefore(node.startIndex);
        this.safely(node.type, node, false);
      }
    }
    this.closeScopesBefore(Infinity);
  }

  /** Walk of the statements outside functions only: imports and constants of a file without sessions. */
  walkShallow(tree: Tree): void {
    const cursor = tree.walk();
    try {
      for (;;) {
        const type = cursor.nodeType;
        if (type === 'ERROR') this.syntaxErrors++;
        if (SHALLOW_TYPES.has(type)) {
          this.closeScopesBefore(cursor.startIndex);
          this.safely(type, cursor.currentNode, true);
        }
        if (STRUCTURAL.has(type) && cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) return;
        }
      }
    } finally {
      this.closeScopesBefore(Infinity);
      cursor.delete();
    }
  }

  /** A node the handlers do not understand (odd error recovery) is skipped, never fatal. */
  private safely(type: string, node: SyntaxNode, shallow: boolean): void {
    try {
      this.enter(type, node, shallow);
    } catch {
      this.skippedNodes++;
    }
  }

  private enter(type: string, node: SyntaxNode, shallow: boolean): void {
    const ctx = this.ctx;
    switch (type) {
      case 'import_statement':
      case 'import_from_statement':
        return readImport(ctx, node, this.imports);
      case 'assignment':
        if (!shallow && mayMention(ctx, node)) markTargets(this, node);
        return handleAssignment(ctx, node, this.constants);
      case 'class_definition':
        return enterClass(ctx, node);
      case 'function_definition':
        if (!shallow) {
          if (this.keyMakers.size > 0) this.noteReturnedKey(node);
          enterFunction(ctx, node, this.sessionParams, this.functions);
        }
        return;
      case 'for_statement':
        return bindLoopVariable(ctx, node);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return bindComprehension(ctx, node);
      default:
        break;
    }
    // Before the gate: `@override_settings(SESSION_SERIALIZER=...)` need not say "session".
    if (type === 'call' && !shallow && this.serializerNamed.any && this.serializerNamed.mentions(node.startIndex, node.endIndex)) noteSerializerOverride(ctx, node);
    if (shallow || !mayMention(ctx, node)) return;
    switch (type) {
      case 'subscript':
        return handleSubscript(ctx, this, node);
      case 'call':
        this.noteSessionArguments(node);
        this.keyArguments.push(...keyArgumentsOf(ctx, node));
        return handleCall(ctx, this, node);
      case 'comparison_operator':
        return handleComparison(ctx, this, node);
      case 'augmented_assignment':
      case 'delete_statement':
        return markTargets(this, node);
      case 'named_expression':
        return handleNamedExpression(ctx, node, this.constants);
      default:
        return;
    }
  }

  /** Leaves every scope that ends before `offset`; the module scope closes at Infinity. */
  private closeScopesBefore(offset: number): void {
    for (let scope = this.ctx.scope; offset >= scope.end; scope = this.ctx.scope) {
      this.closeScope(scope);
      if (!scope.parent) return;
      this.ctx.scope = scope.parent;
    }
  }

  /** Decides `saved` for the scope's mutations; those through `self.*` fall back to the class. */
  private closeScope(scope: Scope): void {
    const info = scope.className !== null ? this.ctx.classes.get(scope.className) : undefined;
    for (const open of scope.mutations) {
      open.mutation.saved = scope.modifiedSet;
      if (!open.mutation.saved && open.viaClass && info && scope.kind === 'function') info.mutations.push(open);
      else this.mutations.push(open.mutation);
    }
    if (scope.kind !== 'class' || !info) return;
    for (const open of info.mutations.splice(0)) {
      const identity = keyIdentity(open.mutation);
      open.mutation.saved = info.modifiedSet || (identity !== null && info.writtenKeys.has(identity));
      this.mutations.push(open.mutation);
    }
  }

  private noteSessionArguments(node: SyntaxNode): void {
    const ctx = this.ctx;
    const args = node.childForFieldName('arguments');
    if (!args || args.type !== 'argument_list' || !mayMention(ctx, args)) return;
    let fn = unwrap(node.childForFieldName('function'));
    // `functools.partial(helper, request.session)`: the arguments after the first go to `helper`.
    let skip = 0;
    if (this.isPartial(fn)) {
      const first = args.namedChild(0);
      if (!first || first.type === 'keyword_argument' || first.type === 'list_splat' || first.type === 'dictionary_splat') return;
      fn = unwrap(first);
      skip = 1;
    }
    const target = calleeOf(this.ctx, fn);
    if (!target) return;
    for (const { position, keyword, value } of argumentsOf(ctx, node)) {
      // Positions count from the callee's first parameter (after partial's function).
      const at = position === null ? null : position - skip;
      if ((at === null || at >= 0) && sessionVia(ctx, value)) this.sessionArguments.push({ ...target, position: at, keyword });
    }
  }

  private isPartial(fn: SyntaxNode | null): boolean {
    const dotted = dottedName(this.ctx.text, fn);
    if (dotted === null || !dotted.endsWith('partial')) return false;
    const imported = resolveDotted(this.ctx, dotted);
    return imported?.module === 'functools' && imported.name === 'partial';
  }
}

/**
 * The nodes of each range, asked of the top-level statements it overlaps rather than of the root,
 * so a range deep in a long file does not make wasm step over every statement before it again.
 */
function rangedParts(root: SyntaxNode, ranges: readonly Range[]): { from: number; to: number; nodes: (SyntaxNode | null)[] }[] {
  const tops = root.children.filter((n): n is SyntaxNode => n !== null);
  const parts: { from: number; to: number; nodes: (SyntaxNode | null)[] }[] = [];
  let k = 0;
  for (const r of ranges) {
    while (k < tops.length && tops[k].endIndex <= r.startIndex) k++;
    for (let j = k; j < tops.length && tops[j].startIndex < r.endIndex; j++) {
      parts.push({ from: r.startIndex, to: r.endIndex, nodes: tops[j].descendantsOfType(DEEP_TYPES, r.startPosition, r.endPosition) });
    }
  }
  return parts;
}

/** `ranges`: walk only the nodes inside them (the top-level blocks that can matter, syntax/topLevel.ts). */
export function walkPython(tree: Tree, text: string, file: string, module: string | null,
  sessionParams: ReadonlySet<string>, shallow: boolean, ranges?: readonly Range[], project: ProjectNames = NO_PROJECT_NAMES): WalkResult {
  const walker = new Walker(text, file, module, sessionParams, project);
  if (shallow) walker.walkShallow(tree);
  else walker.walkDeep(tree, ranges);
  const facts: FileFacts = {
    file, language: 'python', module,
    accesses: walker.accesses, mutations: walker.mutations, constants: walker.constants, imports: walker.imports,
    syntaxErrors: walker.syntaxErrors,
  };
  if (walker.pendingKeys.length > 0) facts.pendingKeys = walker.pendingKeys;
  if (walker.keyParameters.length > 0) facts.keyParameters = walker.keyParameters;
  if (walker.ctx.assignedRequestSessions.size > 0) facts.requestSessions = [...walker.ctx.assignedRequestSessions].sort();
  if (walker.ctx.classFacts.size > 0) facts.classes = [...walker.ctx.classFacts.values()];
  if (walker.returnedKeys.length > 0) facts.returnedKeys = walker.returnedKeys;
  if (walker.ctx.sessionNames.size > 0) facts.sessionNames = [...walker.ctx.sessionNames.values()].sort((a, b) => a.start - b.start || a.name.localeCompare(b.name));
  return { facts, sessionArguments: walker.sessionArguments, keyArguments: walker.keyArguments, functions: walker.functions, instances: walker.ctx.instances };
}
