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
  /** Statements of a block one level in (only filled for classes, where methods are skipped one by one). */
  children: Statement[];
  /** Offset where the first child starts (the end of a class header). */
  bodyStart: number;
}

export type TopLevelBlock = Pick<Statement, 'start' | 'end' | 'row' | 'name'>;

const DEF = /^(?:async[ \t]+)?(def|class)[ \t]+([A-Za-z_]\w*)/;

interface LineStart { offset: number; row: number; indent: number; first: number }

/** Logical line starts (outside brackets, strings and continuations), with their indentation. */
function logicalLines(text: string): LineStart[] {
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
      if (j < n && text.charCodeAt(j) === 10) { lineStart = true; i = j; continue; }
      i = j;
    }
  }
  return starts;
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
export function outline(text: string): Statement[] {
  const lines = logicalLines(text);
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
    // A block's first child is what tells where the header ends; only classes keep children.
    if (parent && parent.children.length === 0) parent.bodyStart = line.offset;
    const statement: Statement = { start: line.offset, end: text.length, row: line.row, indent: line.indent, name, kind, children: [], bodyStart: text.length };
    if (!parent || parent.kind === 'class') siblings.push(statement);
    else if (parent.children.length === 0) parent.children.push(statement); // marks the header's end only
    open.push(statement);
  }
  close(text.length, -1);
  return root;
}

/** The module-level statements; decorators are joined with their def/class. */
export function topLevelBlocks(text: string): TopLevelBlock[] {
  return outline(text).map(({ start, end, row, name }) => ({ start, end, row, name }));
}

const NEEDLES = ['session', 'Session', 'SESSION'];
/** Sorted offsets of every needle, so "does this block mention a session" is a binary search. */
function mentionOffsets(text: string): number[] {
  const found: number[] = [];
  for (const needle of NEEDLES) for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found.sort((a, b) => a - b);
}
function anyWithin(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < start) lo = mid + 1; else hi = mid; }
  return lo < sorted.length && sorted[lo] < end;
}

/** Names a statement binds (import targets, `as` aliases, assignment targets). */
const BOUND = /\bimport\s+([\w\s,()]+)|\bas\s+(\w+)|^[ \t]*(\w+)\s*[:=]/gm;
const KEYWORDS = new Set(['as', 'import', 'from']);
/** A class body that defines constants (`CART = 'cart'`): kept, other files may take keys from it. */
const CONSTANTS = /^[ \t]+[A-Z][A-Z0-9_]*[ \t]*(?::[^=\n]*)?=/m;
const WORD = /[A-Za-z_]\w*/g;
const SELF_ASSIGNED = /\bself\.(\w+)\s*(?::[^=\n]*)?=(?!=)/g;

interface Candidate { statement: Statement; parent: Statement | null }

/**
 * The ranges of `text` that can matter for session facts, or null when they are (nearly) all of
 * it. Kept: every statement that is not a def or class; defs and classes that mention a session, or
 * that kept code refers to (by name, or through a `self.<attribute>` one of them assigns); classes
 * of UPPER_CASE constants. Inside a kept class whose header does not mention a session, methods
 * are decided one by one, the same way.
 */
export function sessionRanges(text: string, minSkippedShare = 0.2): Range[] | null {
  const statements = outline(text);
  const mentions = mentionOffsets(text);
  const mentioned = (s: Statement) => anyWithin(mentions, s.start, s.end);
  const kept = new Set<Statement>();
  /** Kept classes split into header + decided children. */
  const split = new Set<Statement>();
  const candidates: Candidate[] = [];

  const referenced = new Set<string>();
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
    if (s.kind !== 'other' || mentioned(s)) for (const w of chunk.match(WORD) ?? []) referenced.add(w);
    if (parent && chunk.includes('self.')) {
      const a = attributesOf(parent);
      for (const m of chunk.matchAll(/\bself\.(\w+)/g)) a.used.add(m[1]);
      for (const m of chunk.matchAll(SELF_ASSIGNED)) a.assigned.add(m[1]);
    }
    // Names bound next to a session at module level (an alias of SessionStore, a module-level
    // store) pull in the blocks that use them.
    if (s.kind === 'other' && !parent && mentioned(s)) {
      for (const m of chunk.matchAll(BOUND)) for (const name of (m[1] ?? m[2] ?? m[3] ?? '').split(/[\s,()]+/)) if (name && !KEYWORDS.has(name)) bound.add(name);
    }
  };
  const keepClassBody = (cls: Statement) => {
    // Split only when the header says nothing about sessions (a SessionBase subclass is kept whole)
    // and something besides methods stays, so the class body is never empty.
    const canSplit = cls.children.length > 0 && !anyWithin(mentions, cls.start, cls.bodyStart) &&
      cls.children.some((c) => c.kind === 'other' || mentioned(c));
    if (!canSplit) { learn(cls, null); return; }
    split.add(cls);
    learn(cls, null, cls.start, cls.bodyStart);
    decide(cls.children, cls);
  };
  const keep = (s: Statement, parent: Statement | null, whole = false) => {
    kept.add(s);
    if (s.kind === 'class' && !whole) keepClassBody(s);
    else learn(s, parent);
  };
  function decide(list: readonly Statement[], parent: Statement | null) {
    for (const s of list) {
      if (s.kind === 'other') keep(s, parent);
      else if (mentioned(s)) keep(s, parent);
      else if (s.kind === 'class' && CONSTANTS.test(text.slice(s.bodyStart, s.end))) keep(s, parent);
      else candidates.push({ statement: s, parent });
    }
  }
  decide(statements, null);
  // Bound names are all known now (module-level statements are decided first and never pulled in).
  const boundAt = wordOffsets(text, bound);
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
        (a !== undefined && s.kind === 'def' && sharesAttribute(chunk(), a));
      if (pulled) { keep(s, parent, true); grew = true; }
    }
    if (!grew) break;
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

/** A method that assigns a `self.<attribute>` the kept methods use, or uses one they assign. */
function sharesAttribute(chunk: string, a: { used: Set<string>; assigned: Set<string> }): boolean {
  if (!chunk.includes('self.')) return false;
  for (const m of chunk.matchAll(SELF_ASSIGNED)) if (a.used.has(m[1])) return true;
  for (const m of chunk.matchAll(/\bself\.(\w+)/g)) if (a.assigned.has(m[1])) return true;
  return false;
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
/** Sorted offsets where any of `words` occurs as a whole word. */
function wordOffsets(text: string, words: ReadonlySet<string>): number[] {
  const found: number[] = [];
  for (const word of words) {
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
      if (!isWordChar(text.charCodeAt(i - 1)) && !isWordChar(text.charCodeAt(i + word.length))) found.push(i);
    }
  }
  return found.sort((a, b) => a - b);
}

function range(start: number, row: number, end: number, endRow: number): Range {
  return { startIndex: start, endIndex: end, startPosition: { row, column: 0 }, endPosition: { row: endRow, column: 0 } };
}
