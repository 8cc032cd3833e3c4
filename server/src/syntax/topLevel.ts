// Splits Python source into its statements without parsing (a small scanner that knows brackets,
// strings, comments and line continuations), so the index can give tree-sitter only the parts of a
// file that can hold a session access (`includedRanges`). The statements form an outline by
// indentation: module level, and the bodies of classes, where a test class of fifty methods
// usually has two that touch the session.
import type { Range } from 'web-tree-sitter';

export interface Statement {
  /** Offset of the line the statement starts on (its indentation included). */
  start: number;
  /** Offset of the line of the next statement at the same or an outer level (or the text's end). */
  end: number;
  /** Line of `start`. */
  row: number;
  /** Columns of indentation. */
  indent: number;
  /** `def`/`class` (possibly decorated, possibly async): its name; null for other statements. */
  name: string | null;
  kind: 'def' | 'class' | 'other';
  /** Statements of its block, one level in (empty when the body shares the header's line). */
  children: Statement[];
  /** Offset where the first child starts (the end of the header). */
  bodyStart: number;
  /** `elif`/`else`/`except`/`finally`: the statement (`if`, `try`, `for`...) whose clause this is. */
  clauseOf?: Statement;
}

export type TopLevelBlock = Pick<Statement, 'start' | 'end' | 'row' | 'name'>;

const DEF = /^(?:async[ \t]+)?(def|class)[ \t]+([A-Za-z_]\w*)/;
const CLAUSE = /^(?:elif|else|except|finally)\b/;

interface LineStart { offset: number; row: number; indent: number; first: number }

/**
 * Logical line starts (outside brackets, strings and continuations), with their indentation.
 * `quiet` (optional) receives the [start, end) pairs of comments and of strings that are not
 * f-strings (an f-string's holes are code), in text order.
 */
function logicalLines(text: string, quiet?: number[]): LineStart[] {
  const starts: LineStart[] = [];
  let depth = 0;
  let row = 0;
  let lineStart = true;
  let continued = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      const offset = i;
      // 32 space, 9 tab, 12 form feed
      while (c === 32 || c === 9 || c === 12) c = text.charCodeAt(++i);
      // 10 \n, 13 \r, 35 #: blank and comment-only lines start nothing
      if (depth === 0 && !continued && i < n && c !== 10 && c !== 13 && c !== 35) starts.push({ offset, row, indent: i - offset, first: i });
      continued = false;
    }
    if (c === 10) { row++; lineStart = true; continue; }
    if (c === 35) { // comment to end of line
      const nl = text.indexOf('\n', i);
      quiet?.push(i, nl === -1 ? n : nl);
      if (nl === -1) break;
      i = nl - 1;
      continue;
    }
    if (c === 92) { // backslash: line continuation (or an escape outside strings, harmless)
      if (text.charCodeAt(i + 1) === 10) { continued = true; i++; row++; lineStart = true; }
      else if (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10) { continued = true; i += 2; row++; lineStart = true; }
      continue;
    }
    if (c === 40 || c === 91 || c === 123) { depth++; continue; }
    if (c === 41 || c === 93 || c === 125) { if (depth > 0) depth--; continue; }
    if (c === 39 || c === 34) { // a string: skip to its end, counting lines
      const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      let j = triple ? i + 3 : i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 92) { if (text.charCodeAt(j + 1) === 10) row++; j++; continue; }
        if (d === 10) { row++; if (!triple) break; continue; } // unterminated single-quoted string ends at the line
        if (d === c && (!triple || (text.charCodeAt(j + 1) === c && text.charCodeAt(j + 2) === c))) { if (triple) j += 2; break; }
      }
      if (quiet && !isFString(text, i)) quiet.push(i, Math.min(j + 1, n));
      if (j < n && text.charCodeAt(j) === 10) { lineStart = true; i = j; continue; }
      i = j;
    }
  }
  return starts;
}

/** Whether the string opening at `quote` has an `f` among its prefix letters (`f'`, `rf"`, `Fr'`). */
function isFString(text: string, quote: number): boolean {
  for (let k = quote - 1; k >= quote - 2 && k >= 0; k--) {
    const c = text.charCodeAt(k) | 32; // lower case
    if (c === 102) return true; // f
    if (c !== 114 && c !== 98 && c !== 117) return false; // r, b, u
  }
  return false;
}

function describe(text: string, line: LineStart, end: number): Pick<Statement, 'name' | 'kind'> {
  const c = text.charCodeAt(line.first);
  if (c === 64) return { name: '@', kind: 'other' }; // a decorator: joined with what it decorates
  // 97 'a', 99 'c', 100 'd'
  if (c !== 97 && c !== 99 && c !== 100) return { name: null, kind: 'other' };
  const m = DEF.exec(text.slice(line.first, Math.min(end, line.first + 256)));
  return m ? { name: m[2], kind: m[1] === 'def' ? 'def' : 'class' } : { name: null, kind: 'other' };
}

/**
 * The statements of `text` as an outline: module-level statements in order, covering the text from
 * the first one to the end; classes (at any depth) with their body statements as children.
 */
export function outline(text: string, quiet?: number[]): Statement[] {
  const lines = logicalLines(text, quiet);
  const root: Statement[] = [];
  // Open statements, outermost first; each new line closes those indented as much or more.
  const open: Statement[] = [];
  const close = (at: number, indent: number) => {
    while (open.length > 0 && open[open.length - 1].indent >= indent) (open.pop() as Statement).end = at;
  };
  for (const line of lines) {
    close(line.offset, line.indent);
    const parent = open[open.length - 1];
    const siblings = parent ? parent.children : root;
    const previous = siblings[siblings.length - 1];
    const { name, kind } = describe(text, line, text.length);
    // A decorator line is its own statement for the scanner: join it with what it decorates.
    if (previous?.name === '@' && previous.indent === line.indent) {
      previous.name = name;
      previous.kind = kind;
      previous.bodyStart = line.offset;
      open.push(previous);
      continue;
    }
    // A block's first child is what tells where the header ends.
    if (parent && parent.children.length === 0) parent.bodyStart = line.offset;
    const statement: Statement = { start: line.offset, end: text.length, row: line.row, indent: line.indent, name, kind, children: [], bodyStart: text.length };
    if (kind === 'other' && previous && previous.indent === line.indent && CLAUSE.test(text.slice(line.first, line.first + 8))) {
      statement.clauseOf = previous.clauseOf ?? previous;
    }
    siblings.push(statement);
    open.push(statement);
  }
  close(text.length, -1);
  return root;
}

/** The module-level statements; decorators are joined with their def/class. */
export function topLevelBlocks(text: string): TopLevelBlock[] {
  return outline(text).map(({ start, end, row, name }) => ({ start, end, row, name }));
}

const NEEDLES = ['session', 'Session'];
/**
 * Sorted offsets of every needle in code, so "does this block mention a session" is a binary
 * search. Mentions in comments and in most strings do not count (`'django.contrib.sessions'` in
 * INSTALLED_APPS, a docstring): a block kept for them only is parsed for nothing. Strings the facts
 * read as code do count: `'session'` (`getattr(request, 'session')`, `scope['session']`) and a
 * string annotation naming a session class (`s: 'SessionBase'`).
 */
function mentionOffsets(text: string, quiet: readonly number[]): number[] {
  const found: number[] = [];
  for (const needle of NEEDLES) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) if (!isQuiet(text, quiet, i)) found.push(i);
  }
  return found.sort((a, b) => a - b);
}
const LOUD_STRING = /^(?:session|[\w.[\], ]*Session(?:Base|Store)\b[\w.[\], |]*)$/;
/** Index of the quiet span (comment, string) holding offset `at`, or -1. */
function quietSpanAt(quiet: readonly number[], at: number): number {
  // The last span starting at or before `at` (spans are pairs in text order).
  let lo = 0;
  let hi = quiet.length >> 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (quiet[mid * 2] <= at) lo = mid + 1; else hi = mid; }
  return lo > 0 && at < quiet[(lo - 1) * 2 + 1] ? (lo - 1) * 2 : -1;
}
function isQuiet(text: string, quiet: readonly number[], at: number): boolean {
  const span = quietSpanAt(quiet, at);
  if (span === -1) return false;
  const start = quiet[span];
  const end = quiet[span + 1];
  if (text.charCodeAt(start) === 35) return true; // a comment
  const q = text.charCodeAt(start);
  const quotes = end - start >= 6 && text.charCodeAt(start + 1) === q && text.charCodeAt(start + 2) === q ? 3 : 1;
  return !LOUD_STRING.test(text.slice(start + quotes, end - quotes));
}
function anyWithin(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < start) lo = mid + 1; else hi = mid; }
  return lo < sorted.length && sorted[lo] < end;
}

const IMPORTED = /^[ \t]*(?:from\s+\S+\s+)?import\s+\(?([^)]*)\)?/;

/**
 * Names a module-level statement that mentions a session binds to something that may be one: of
 * an import, only the names that mention it themselves (`SessionStore as Store`), not the rest of
 * the list (`CSRF_SESSION_KEY, get_token`); of anything else, every target.
 */
function boundNames(chunk: string): string[] {
  const imported = IMPORTED.exec(chunk);
  if (imported) {
    const names: string[] = [];
    // From a project module about sessions (`from .session_utils import remember`), every name:
    // its calls may pass keys to a helper.
    const fromSessionModule = /^\s*from\s+(?!django\.)\S*session/i.test(chunk);
    for (const item of imported[1].split(',')) {
      if (!fromSessionModule && !/session/i.test(item)) continue;
      const [name, alias] = item.replace(/#[^\n]*/g, '').trim().split(/\s+as\s+/);
      const local = (alias ?? name).trim().split('.')[0];
      if (local) names.push(local);
    }
    return names;
  }
  // An assignment's targets, the `as` names of a with/try block; a docstring binds nothing.
  const head = /^\s*([A-Za-z_]\w*)/.exec(chunk)?.[1];
  if (!head) return [];
  const names: string[] = [...(chunk.slice(0, assignmentAt(chunk)).match(WORD) ?? [])];
  if (head === 'with' || head === 'try' || head === 'async') for (const m of chunk.matchAll(AS_NAME)) names.push(m[1]);
  return names;
}
const AS_OR_WALRUS = /\sas\s|:=/;
const AS_NAME = /\bas\s+([A-Za-z_]\w*)/g;
/** A class-body statement defining a constant (`CART = 'cart'`): its class is kept, other files may take keys from it. */
const CONSTANT = /^[ \t]*[A-Z][A-Z0-9_]*[ \t]*(?::[^=\n]*)?=(?!=)/;
const WORD = /[A-Za-z_]\w*/g;
const CALLED = /([A-Za-z_]\w*)\s*\(/g;
const SELF_ASSIGNED = /\bself\.(\w+)\s*(?::[^=\n]*)?=(?!=)/g;

interface Candidate { statement: Statement; parent: Statement | null }

/**
 * The ranges of `text` that can matter for session facts, or null when they are (nearly) all of
 * it. Kept: every statement that is not a def or class; defs and classes that mention a session, or
 * that kept code refers to (by name, or through a `self.<attribute>` one of them assigns); classes
 * of UPPER_CASE constants. Inside a kept class whose header does not mention a session, methods
 * are decided one by one, the same way.
 */
export function sessionRanges(text: string, minSkippedShare = 0.2, keyHelpers: ReadonlySet<string> = new Set()): Range[] | null {
  const quiet: number[] = [];
  const statements = outline(text, quiet);
  let mentions = mentionOffsets(text, quiet);
  // Calls of a function that takes its key as a parameter (`remember(request, 'theme')`) are accesses too.
  const helpers = keyHelperNames(text, statements, mentions);
  for (const name of keyHelpers) if (text.includes(name)) helpers.add(name);
  if (helpers.size > 0) mentions = [...mentions, ...wordOffsets(text, helpers, quiet)].sort((a, b) => a - b);
  const mentioned = (s: Statement) => anyWithin(mentions, s.start, s.end);
  const kept = new Set<Statement>();
  /** Kept classes split into header + decided children. */
  const split = new Set<Statement>();
  const candidates: Candidate[] = [];

  const referenced = new Set<string>();
  const bases = new Set<string>();
  const bound = new Set<string>();
  const attributes = new Map<Statement | null, { used: Set<string>; assigned: Set<string> }>();
  const attributesOf = (parent: Statement | null) => {
    let a = attributes.get(parent);
    if (!a) attributes.set(parent, (a = { used: new Set(), assigned: new Set() }));
    return a;
  };
  /** A newly kept block: what it names pulls in more blocks. */
  const learn = (s: Statement, parent: Statement | null, from = s.start, to = s.end) => {
    const chunk = text.slice(from, to);
    // Plain statements (imports, urlpatterns, constants) refer to much; only those about sessions count.
    // Only what is called (a helper the session is passed to, a class built with it) pulls a def
    // in; a class header's names (bases, decorators) all count.
    if (s.kind !== 'other' || mentioned(s)) {
      for (const m of chunk.matchAll(CALLED)) referenced.add(m[1]);
      // The other names of a split class's header are its bases: pulled in split the same way.
      if (s.kind === 'class' && to === s.bodyStart) for (const w of chunk.match(WORD) ?? []) bases.add(w);
    }
    if (parent && chunk.includes('self.')) {
      const a = attributesOf(parent);
      for (const m of chunk.matchAll(/\bself\.(\w+)/g)) a.used.add(m[1]);
      for (const m of chunk.matchAll(SELF_ASSIGNED)) a.assigned.add(m[1]);
    }
    // Names bound next to a session at module level (an alias of SessionStore, a module-level
    // store) pull in the blocks that use them.
    if (s.kind === 'other' && !parent && mentioned(s)) {
      for (const name of boundNames(chunk)) bound.add(name);
    }
  };
  const keepClassBody = (cls: Statement, base: boolean) => {
    // Split only when the header says nothing about sessions (a SessionBase subclass is kept whole)
    // and something besides methods stays, so the class body is never empty; a base class is
    // split anyway (its header and constants matter, its methods only when pulled in), and given
    // a statement below when nothing else of its body is kept.
    const canSplit = cls.children.length > 0 && !anyWithin(mentions, cls.start, cls.bodyStart) &&
      (base || cls.children.some((c) => c.kind === 'other' || mentioned(c)));
    if (!canSplit) { learn(cls, null); return; }
    split.add(cls);
    learn(cls, null, cls.start, cls.bodyStart);
    decide(cls.children, cls);
  };
  /** Defs kept for what they say themselves: pruned to the statements that matter, below. */
  const prunable: Candidate[] = [];
  const keep = (s: Statement, parent: Statement | null, whole = false, base = false) => {
    kept.add(s);
    if (s.kind === 'class' && !whole) keepClassBody(s, base);
    // A def kept for what it says itself is learnt from once pruned (below).
    else if (s.kind === 'def' && !whole && s.end - s.start >= MIN_PRUNED_DEF) prunable.push({ statement: s, parent });
    else learn(s, parent);
  };
  function decide(list: readonly Statement[], parent: Statement | null) {
    for (const s of list) {
      if (s.kind === 'other') keep(s, parent);
      else if (mentioned(s)) keep(s, parent);
      else if (s.kind === 'class' && definesConstants(text, s)) keep(s, parent);
      else candidates.push({ statement: s, parent });
    }
  }
  decide(statements, null);
  // Bound names are all known now (module-level statements are decided first and never pulled in).
  const boundAt = wordOffsets(text, bound, quiet);
  // Defs that mention a session keep only the statements it flows through; what those refer to
  // is what pulls in more blocks.
  const sessionAttributes = new Map<Statement | null, Set<string>>();
  for (const { statement, parent } of prunable) {
    if (!sessionAttributes.has(parent)) sessionAttributes.set(parent, parent ? selfSessionAttributes(text, parent, mentions) : new Set());
    const units = pruneDef(text, statement, { mentions, boundAt, selfAttributes: sessionAttributes.get(parent) as Set<string> }, kept, split);
    if (!units) { learn(statement, parent); continue; }
    learn(statement, parent, statement.start, statement.bodyStart);
    for (const u of units) learn(u, parent, u.start, u.kind === 'other' && u.children.length > 0 ? u.bodyStart : u.end);
  }
  // Names the kept code refers to pull in their definitions, a few hops deep (a session passed to
  // a helper, a helper class), whole: what they do with what they receive is not visible by name.
  for (let hop = 0; hop < 4; hop++) {
    let grew = false;
    for (const { statement: s, parent } of candidates) {
      if (kept.has(s)) continue;
      const a = attributes.get(parent);
      const chunk = () => text.slice(s.start, s.end);
      const pulled = (s.name !== null && referenced.has(s.name)) ||
        anyWithin(boundAt, s.start, s.end) ||
        (a !== undefined && s.kind === 'def' && (sharesAttribute(chunk(), a) || (s.name !== null && a.used.has(s.name))));
      if (pulled) { keep(s, parent, true); grew = true; }
      else if (s.kind === 'class' && s.name !== null && bases.has(s.name)) { keep(s, parent, false, true); grew = true; }
    }
    if (!grew) break;
  }
  for (const cls of split) {
    if (cls.kind !== 'class' || cls.children.some((c) => kept.has(c))) continue;
    kept.add(cls.children.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a)));
  }


  const ranges: Range[] = [];
  let openAt: { start: number; row: number } | null = null;
  const skip = (s: Statement) => {
    if (openAt) ranges.push(range(openAt.start, openAt.row, s.start, s.row));
    openAt = null;
  };
  const include = (s: Statement) => { openAt ??= { start: s.start, row: s.row }; };
  let skipped = 0;
  const emit = (list: readonly Statement[]) => {
    for (const s of list) {
      if (!kept.has(s)) { skipped += s.end - s.start; skip(s); continue; }
      include(s);
      if (split.has(s)) emit(s.children);
    }
  };
  if (statements.length > 0 && statements[0].start > 0) openAt = { start: 0, row: 0 };
  emit(statements);
  if (skipped === 0 || skipped < text.length * minSkippedShare) return null;
  if (openAt) {
    const o = openAt as { start: number; row: number };
    let rows = o.row;
    for (let i = text.indexOf('\n', o.start); i !== -1; i = text.indexOf('\n', i + 1)) rows++;
    ranges.push({ startIndex: o.start, endIndex: text.length, startPosition: { row: o.row, column: 0 },
      endPosition: { row: rows, column: text.length - (text.lastIndexOf('\n') + 1) } });
  }
  return ranges;
}

/**
 * Defs (module level, or methods) that use one of their parameters as a session key:
 * `session[name]`, `session.get(name`, `.pop(`, `.setdefault(`, `name in request.session`. Their
 * names are not "session", so their calls would be skipped otherwise.
 */
function keyHelperNames(text: string, statements: readonly Statement[], mentions: readonly number[]): Set<string> {
  const names = new Set<string>();
  const consider = (s: Statement) => {
    if (s.kind !== 'def' || s.name === null || /session/i.test(s.name) || !anyWithin(mentions, s.start, s.end)) return;
    const header = text.slice(s.start, Math.min(s.end, s.bodyStart));
    const open = header.indexOf('(');
    if (open < 0) return;
    const body = text.slice(s.start, s.end);
    // Names the body uses as a key, once per def (not a regular expression per parameter).
    const keys = new Set<string>();
    for (const m of body.matchAll(KEY_USE)) keys.add(m[1] ?? m[2]);
    if (keys.size === 0) return;
    // What is looped over with a key variable (`for key, value in kwargs.items()`: kwargs).
    const keyLoops = new Set<string>();
    for (const l of body.matchAll(LOOP)) if (keys.has(l[1])) keyLoops.add(l[2]);
    for (const m of header.slice(open + 1).matchAll(PARAMETER)) {
      const p = m[1];
      if (p === 'self' || p === 'cls' || p === 'request') continue;
      if (keys.has(p) || keyLoops.has(p)) {
        names.add(s.name);
        return;
      }
    }
  };
  for (const s of statements) {
    consider(s);
    if (s.kind === 'class') s.children.forEach(consider);
  }
  return names;
}
const PARAMETER = /([A-Za-z_]\w*)\s*(?=[:=,)])/g;
/** `session[name`, `session.get(name`, `.pop(`, `.setdefault(`; `name in request.session`. */
const KEY_USE = /session(?:\[|\.(?:get|pop|setdefault)\()\s*([A-Za-z_]\w*)|\b([A-Za-z_]\w*)\s+(?:not\s+)?in\s+[\w.]*session\b/g;
/** `for key in kwargs`, `for key, value in kwargs.items()`: the variable and what it loops over. */
const LOOP = /\bfor\s+([A-Za-z_]\w*)(?:\s*,\s*\w+)?\s+in\s+([A-Za-z_]\w*)\b/g;

/** Whether a class body (its own statements, not those of its methods) assigns an UPPER_CASE name. */
function definesConstants(text: string, cls: Statement): boolean {
  return cls.children.some((c) => c.kind === 'other' && CONSTANT.test(text.slice(c.start, Math.min(c.end, c.start + 256))));
}

/** Defs smaller than this are kept whole: pruning them saves less than it costs. */
const MIN_PRUNED_DEF = 200;

interface PruneContext {
  /** Offsets of "session" words, and of names bound to sessions at module level. */
  mentions: readonly number[];
  boundAt: readonly number[];
  /** `self.<attribute>`s the class's kept methods assign (maybe a session, or a value in it). */
  selfAttributes: ReadonlySet<string>;
}

interface Unit {
  statement: Statement;
  parent: Statement;
  /** Words of the unit's own text (a block's header only). */
  uses: readonly string[];
  /** Names it binds (assignment targets, loop and `as` targets, a nested def's name). */
  assigns: Set<string>;
}

const SELF_ATTRIBUTE = /\bself\.(\w+)/g;

/**
 * Keeps, inside a def, the statements a session flows through: those that mention one (or an
 * alias, or a `self.<attribute>` of the class), those that use a name bound by them (aliases and
 * stored values: `cart = request.session['cart']` then `cart.append(x)`), and, backwards, those
 * that bind a name a kept statement uses (its key, its value's type, its receiver). The blocks
 * around a kept statement stay (every clause of an if/try, each with at least one statement), so
 * what tree-sitter sees is still valid Python. Nested defs and classes are units, kept whole.
 */
function pruneDef(text: string, def: Statement, ctx: PruneContext, kept: Set<Statement>, partial: Set<Statement>): Statement[] | null {
  const units: Unit[] = [];
  const collect = (block: Statement) => {
    for (const statement of block.children) {
      const nested = statement.kind !== 'other';
      const headerEnd = nested || statement.children.length === 0 ? statement.end : statement.bodyStart;
      const own = text.slice(statement.start, headerEnd);
      units.push({ statement, parent: block, uses: own.match(WORD) ?? [], assigns: assignedNames(own, statement) });
      if (!nested) collect(statement);
    }
  };
  collect(def);
  if (units.length < 2) return null;
  const inner = new Set<Statement>();
  const sessionish = (u: Unit) => {
    const { start, children, bodyStart, kind } = u.statement;
    const end = kind !== 'other' || children.length === 0 ? u.statement.end : bodyStart;
    if (anyWithin(ctx.mentions, start, end) || anyWithin(ctx.boundAt, start, end)) return true;
    if (ctx.selfAttributes.size === 0 || !u.uses.includes('self')) return false;
    for (const m of text.slice(start, end).matchAll(SELF_ATTRIBUTE)) if (ctx.selfAttributes.has(m[1])) return true;
    return false;
  };
  const definers = new Map<string, Unit[]>();
  for (const u of units) {
    for (const name of u.assigns) {
      const list = definers.get(name);
      if (list) list.push(u);
      else definers.set(name, [u]);
    }
  }
  const aliases = new Set<string>();
  /** Units whose targets are aliases (they hold a session, or a value in it). */
  const aliasing = new Set<Unit>();
  const queue: Unit[] = [];
  const take = (u: Unit, alias: boolean) => {
    if (alias && !aliasing.has(u)) {
      aliasing.add(u);
      for (const name of u.assigns) aliases.add(name);
    }
    if (inner.has(u.statement)) return;
    inner.add(u.statement);
    queue.push(u);
  };
  for (const u of units) if (sessionish(u)) take(u, true);
  if (inner.size === 0) return null;
  for (;;) {
    // Backwards: whatever a kept statement uses is bound by statements that stay too.
    while (queue.length > 0) {
      const u = queue.pop() as Unit;
      for (const word of u.uses) for (const d of definers.get(word) ?? []) take(d, false);
    }
    // Forwards: statements using an alias or a stored value (also those already kept as definers:
    // `store = DB()` kept for a later `store.encode(...)` is what makes `store['x'] = 1` a write).
    let grew = false;
    for (const u of units) {
      if (aliasing.has(u)) continue;
      for (const word of u.uses) if (aliases.has(word)) { take(u, true); grew = true; break; }
    }
    if (!grew) break;
  }
  // The blocks around kept statements, every clause of their if/try/for, a statement in each.
  const parentOf = new Map(units.map((u) => [u.statement, u.parent]));
  const clauses = new Map<Statement, Statement[]>();
  for (const u of units) {
    const head = u.statement.clauseOf;
    if (!head) continue;
    const list = clauses.get(head);
    if (list) list.push(u.statement);
    else clauses.set(head, [head, u.statement]);
  }
  const opened = new Set<Statement>();
  const open = (block: Statement) => {
    for (let b: Statement | undefined = block; b && b !== def && !opened.has(b); b = parentOf.get(b)) {
      opened.add(b);
      inner.add(b);
      for (const clause of clauses.get(b.clauseOf ?? b) ?? []) if (clause !== b) open(clause);
    }
  };
  for (const s of [...inner]) { const p = parentOf.get(s); if (p) open(p); if (s.kind === 'other' && s.children.length > 0) open(s); }
  for (const block of opened) if (!block.children.some((c) => inner.has(c))) inner.add(block.children[0]);
  partial.add(def);
  for (const s of inner) kept.add(s);
  for (const block of opened) partial.add(block);
  return [...inner];
}

/** `self.<attribute>`s a class assigns on a line that mentions a session (`self.cart = request.session[...]`). */
function selfSessionAttributes(text: string, cls: Statement, mentions: readonly number[]): Set<string> {
  const found = new Set<string>();
  for (const at of mentions) {
    if (at < cls.start || at >= cls.end) continue;
    const from = text.lastIndexOf('\n', at) + 1;
    const to = text.indexOf('\n', at);
    for (const m of text.slice(from, to === -1 ? text.length : to).matchAll(SELF_ASSIGNED)) found.add(m[1]);
  }
  return found;
}

/** Offset of the `=` (or `+=`...) of an assignment statement, outside brackets; 0 when there is none. */
function assignmentAt(own: string): number {
  let depth = 0;
  for (let i = 0; i < own.length; i++) {
    const c = own.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth--;
    else if (c === 39 || c === 34 || c === 10) return 0; // a string or a line end comes first: not a target
    else if (c === 61 && depth === 0) {
      const before = own.charCodeAt(i - 1);
      // `==`, `<=`, `>=`, `!=` compare; `:=` is found separately
      if (own.charCodeAt(i + 1) === 61 || before === 60 || before === 62 || before === 33 || before === 58) return 0;
      return i;
    }
  }
  return 0;
}

/** Names a statement may bind (over-approximated: every word of an assignment's target side). */
function assignedNames(own: string, statement: Statement): Set<string> {
  const names = new Set<string>();
  const add = (chunk: string | undefined) => { for (const w of chunk?.match(WORD) ?? []) names.add(w); };
  if (statement.name && statement.name !== '@') names.add(statement.name);
  if (statement.kind !== 'other') return names;
  const head = own.trimStart();
  if (/^(?:async\s+)?for\b/.test(head)) add(/for\s+([^\n]*?)\s+in\b/.exec(head)?.[1]);
  else if (/^(?:import|from)\b/.test(head)) add(head);
  else add(own.slice(0, assignmentAt(own)));
  if (AS_OR_WALRUS.test(own)) for (const m of own.matchAll(/\bas\s+(\w+)|(\w+)\s*:=/g)) names.add(m[1] ?? m[2]);
  return names;
}

/** A method that assigns a `self.<attribute>` the kept methods use, or uses one they assign. */
function sharesAttribute(chunk: string, a: { used: Set<string>; assigned: Set<string> }): boolean {
  if (!chunk.includes('self.')) return false;
  for (const m of chunk.matchAll(SELF_ASSIGNED)) if (a.used.has(m[1])) return true;
  for (const m of chunk.matchAll(/\bself\.(\w+)/g)) if (a.assigned.has(m[1])) return true;
  return false;
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
/** Sorted offsets where any of `words` occurs as a whole word, outside comments and strings. */
function wordOffsets(text: string, words: ReadonlySet<string>, quiet: readonly number[]): number[] {
  const found: number[] = [];
  for (const word of words) {
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
      if (!isWordChar(text.charCodeAt(i - 1)) && !isWordChar(text.charCodeAt(i + word.length)) && quietSpanAt(quiet, i) === -1) found.push(i);
    }
  }
  return found.sort((a, b) => a - b);
}

function range(start: number, row: number, end: number, endRow: number): Range {
  return { startIndex: start, endIndex: end, startPosition: { row, column: 0 }, endPosition: { row: endRow, column: 0 } };
}
