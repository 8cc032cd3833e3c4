// One tree per file, for the files that are parsed again and again (open documents): a new text
// is parsed incrementally from the file's previous tree (`tree.edit` with the single changed
// region found by common prefix/suffix, then `parse(text, old)`), an unchanged text returns the
// same tree. Trees hold wasm memory: the cache deletes a tree when it is replaced, forgotten or
// evicted, so callers must not keep or delete what `get` returns beyond their synchronous use.
import type { Edit, Parser, Point } from 'web-tree-sitter';
import { parsePython, type Tree } from './python';

interface Entry { text: string; tree: Tree }

export class TreeCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly parser: Parser, private readonly max = 32) {}

  /** The tree of `text`, owned by the cache (valid until the next call for the same file). */
  get(file: string, text: string): Tree {
    const entry = this.entries.get(file);
    if (entry) {
      this.entries.delete(file); // re-inserted last: least recently used first
      if (entry.text === text) {
        this.entries.set(file, entry);
        return entry.tree;
      }
    }
    let tree: Tree;
    if (entry) {
      try {
        entry.tree.edit(editBetween(entry.text, text));
        tree = parsePython(this.parser, text, entry.tree);
      } finally {
        entry.tree.delete();
      }
    } else {
      tree = parsePython(this.parser, text);
    }
    this.entries.set(file, { text, tree });
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.max) break;
      old.tree.delete();
      this.entries.delete(oldest);
    }
    return tree;
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  forget(file: string): void {
    this.entries.get(file)?.tree.delete();
    this.entries.delete(file);
  }

  clear(): void {
    for (const entry of this.entries.values()) entry.tree.delete();
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const CHUNK = 1024;

/** The one region where `before` and `after` differ, as a tree-sitter edit (UTF-16 offsets, as web-tree-sitter uses). */
export function editBetween(before: string, after: string): Edit {
  const limit = Math.min(before.length, after.length);
  // Whole chunks first (a native comparison each), then character by character.
  let start = 0;
  while (start + CHUNK <= limit && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix + CHUNK <= limit - start &&
    before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) suffix += CHUNK;
  while (suffix < limit - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const oldEnd = before.length - suffix;
  const newEnd = after.length - suffix;
  const startPosition = pointAt(before, start);
  return {
    startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd,
    startPosition, oldEndPosition: pointFrom(before, start, startPosition, oldEnd), newEndPosition: pointFrom(after, start, startPosition, newEnd),
  };
}

function pointAt(text: string, offset: number): Point {
  return pointFrom(text, 0, { row: 0, column: 0 }, offset);
}

/** The point of `offset`, counting from a known point at `from` (text before `from` is shared). */
function pointFrom(text: string, from: number, at: Point, offset: number): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let i = text.indexOf('\n', from); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

let documents: TreeCache | undefined;

/**
 * The trees of the open documents, shared by the index (re-extraction after an edit) and the
 * features (cursor context, hover), so an edit is parsed once, incrementally.
 */
export function documentTrees(parser: Parser): TreeCache {
  documents ??= new TreeCache(parser);
  return documents;
}

/** Drops a document's tree (the document was closed). */
export function forgetDocumentTree(file: string): void {
  documents?.forget(file);
}
