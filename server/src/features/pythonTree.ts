// Parses the current document for the features that need syntax around the cursor. The parser
// is loaded once (prepareFeatures). With a file name the tree comes from the shared per-document
// cache (syntax/treeCache.ts: one tree per open document, re-parsed incrementally); without one,
// the tree is deleted right after use (wasm memory).
import type { Parser } from 'web-tree-sitter';
import { MAX_PARSE_BYTES } from '../index/files';
import { initPythonParser, parsePython, type SyntaxNode, type Tree } from '../syntax/python';
import { documentTrees } from '../syntax/treeCache';

let parser: Parser | undefined;

export async function prepareFeatures(): Promise<void> {
  parser ??= await initPythonParser();
}

/** The loaded parser (for the settings helpers that take one), undefined before prepareFeatures. */
export function loadedParser(): Parser | undefined {
  return parser;
}

/** Runs `use` on a tree of `text` (the cached tree of `file` when given; `use` must not keep it); undefined when the parser is not loaded yet or the text is too large to parse. */
export function withPythonTree<T>(text: string, use: (tree: Tree) => T, file?: string): T | undefined {
  if (!parser || text.length > MAX_PARSE_BYTES) return undefined;
  if (file !== undefined) return use(documentTrees(parser).get(file, text));
  const tree = parsePython(parser, text);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

export interface Token {
  type: string;
  start: number;
  end: number;
  node: SyntaxNode;
}

/** The leaves (named or not) that start before `offset`, within `window` characters of it, in order. */
export function tokensBefore(root: SyntaxNode, offset: number, window = 400): Token[] {
  const out: Token[] = [];
  const from = Math.max(0, offset - window);
  const visit = (node: SyntaxNode): void => {
    if (node.endIndex < from || node.startIndex >= offset) return;
    if (node.childCount === 0) {
      out.push({ type: node.type, start: node.startIndex, end: node.endIndex, node });
      return;
    }
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (child) visit(child);
    }
  };
  visit(root);
  return out;
}
