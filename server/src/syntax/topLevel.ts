// Splits Python source at its top-level statements without parsing (a small scanner that knows
// brackets, strings, comments and line continuations), so the index can give tree-sitter only the
// parts of a file that can hold a session access (`includedRanges`): every statement except the
// `def`/`class` blocks (with their decorators) that never mention a session nor anything that does.
import type { Range } from 'web-tree-sitter';

export interface TopLevelBlock {
  start: number;
  end: number;
  /** Line of `start` (blocks start at column 0). */
  row: number;
  /** `def`/`class` (possibly decorated, possibly async): its name; null for other statements. */
  name: string | null;
}

const DEF = /^(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)/;

/** The top-level statements in order; they cover the text from the first statement to the end. */
export function topLevelBlocks(text: string): TopLevelBlock[] {
  const starts: { offset: number; row: number }[] = [];
  let depth = 0;
  let row = 0;
  let lineStart = true;
  let continued = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      // 32 space, 9 tab, 10 \n, 13 \r, 35 #, 12 form feed
      if (depth === 0 && !continued && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 35 && c !== 12) starts.push({ offset: i, row });
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
  const blocks: TopLevelBlock[] = [];
  for (let k = 0; k < starts.length; k++) {
    const { offset, row: r } = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1].offset : n;
    const c = text.charCodeAt(offset);
    // 97 'a', 99 'c', 100 'd'
    const name = c === 64 ? '@' : c === 97 || c === 99 || c === 100 ? DEF.exec(text.slice(offset, Math.min(end, offset + 256)))?.[1] ?? null : null;
    const last = blocks[blocks.length - 1];
    // A decorator line is its own statement for the scanner: join it with what it decorates.
    if (last?.name === '@') { last.end = end; last.name = name; continue; }
    blocks.push({ start: offset, end, row: r, name });
  }
  return blocks;
}

const NEEDLES = ['session', 'Session', 'SESSION'];
const mentions = (text: string) => NEEDLES.some((needle) => text.includes(needle));
/** Names a module-level statement binds (import targets, `as` aliases, assignment targets). */
const BOUND = /\bimport\s+([\w\s,()]+)|\bas\s+(\w+)|^(\w+)\s*[:=]/gm;
const KEYWORDS = new Set(['as', 'import', 'from']);
/** A class body that defines constants (`CART = 'cart'`): kept, other files may take keys from it. */
const CONSTANTS = /^[ \t]+[A-Z][A-Z0-9_]*[ \t]*(?::[^=\n]*)?=/m;

/**
 * The ranges of `text` that can matter for session facts, or null when they are (nearly) all of
 * it: every top-level statement except `def`/`class` blocks that do not mention a session, are not
 * referred to by a kept block, and (classes) define no UPPER_CASE constants.
 */
export function sessionRanges(text: string, minSkippedShare = 0.2): Range[] | null {
  const blocks = topLevelBlocks(text);
  const keep = blocks.map((b) => b.name === null || mentions(text.slice(b.start, b.end)) ||
    (text.startsWith('class', b.start) || text.charCodeAt(b.start) === 64) && CONSTANTS.test(text.slice(b.start, b.end)));
  if (keep.every(Boolean)) return null;
  // Names the kept session code refers to pull in their definitions, a few hops deep (a session
  // passed to a helper, a helper class); names bound next to a session at module level (an alias
  // of SessionStore, a module-level store) pull in the blocks that use them.
  const referenced = new Set<string>();
  const bound = new Set<string>();
  const words = (chunk: string) => chunk.match(/[A-Za-z_]\w*/g) ?? [];
  blocks.forEach((b, i) => {
    if (!keep[i] || b.name !== null) return;
    const chunk = text.slice(b.start, b.end);
    if (!mentions(chunk)) return;
    for (const w of words(chunk)) referenced.add(w);
    for (const m of chunk.matchAll(BOUND)) for (const name of (m[1] ?? m[2] ?? m[3] ?? '').split(/[\s,()]+/)) if (name && !KEYWORDS.has(name)) bound.add(name);
  });
  const scanned = new Set<number>();
  for (let hop = 0; hop < 4; hop++) {
    blocks.forEach((b, i) => {
      if (!keep[i] || b.name === null || scanned.has(i)) return;
      scanned.add(i);
      for (const w of words(text.slice(b.start, b.end))) referenced.add(w);
    });
    let grew = false;
    blocks.forEach((b, i) => {
      if (keep[i] || b.name === null) return;
      if (referenced.has(b.name) || (bound.size > 0 && words(text.slice(b.start, b.end)).some((w) => bound.has(w)))) { keep[i] = true; grew = true; }
    });
    if (!grew) break;
  }
  let skipped = 0;
  blocks.forEach((b, i) => { if (!keep[i]) skipped += b.end - b.start; });
  if (skipped < text.length * minSkippedShare) return null;
  const ranges: Range[] = [];
  const first = blocks[0]?.start ?? 0;
  let open: { start: number; row: number } | null = first > 0 ? { start: 0, row: 0 } : null;
  blocks.forEach((b, i) => {
    if (keep[i]) { open ??= { start: b.start, row: b.row }; return; }
    if (open) ranges.push(range(open.start, open.row, b.start, b.row));
    open = null;
  });
  if (open) {
    const o = open as { start: number; row: number };
    let rows = o.row;
    for (let i = text.indexOf('\n', o.start); i !== -1; i = text.indexOf('\n', i + 1)) rows++;
    ranges.push({ startIndex: o.start, endIndex: text.length, startPosition: { row: o.row, column: 0 },
      endPosition: { row: rows, column: text.length - (text.lastIndexOf('\n') + 1) } });
  }
  return ranges;
}

function range(start: number, row: number, end: number, endRow: number): Range {
  return { startIndex: start, endIndex: end, startPosition: { row, column: 0 }, endPosition: { row: endRow, column: 0 } };
}
