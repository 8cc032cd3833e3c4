// The one place that loads tree-sitter: web-tree-sitter's wasm runtime plus the Python grammar.
// Works from the bundle (wasm copied beside dist/*.js) and from source (wasm in node_modules).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

function locate(file: string, resolveFromSource: () => string): string {
  const besideBundle = join(__dirname, file);
  return existsSync(besideBundle) ? besideBundle : resolveFromSource();
}

/** Loads the parser once; every caller awaits the same promise. */
export function initPythonParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init({ locateFile: () => locate('tree-sitter.wasm', () => require.resolve('web-tree-sitter/tree-sitter.wasm')) });
    const language = await Language.load(locate('tree-sitter-python.wasm', () =>
      join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm')));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return ready;
}

/**
 * Parses Python source. Trees hold wasm memory: callers that keep no reference must call
 * `tree.delete()` when done (the index keeps facts, never trees).
 */
export function parsePython(parser: Parser, text: string, previous?: Tree): Tree {
  const tree = parser.parse(text, previous);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
