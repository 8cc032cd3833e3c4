// Tokenizes text with the real TextMate engine (vscode-textmate + oniguruma wasm), the way VS Code
// does: base grammar (real MagicPython from tm-grammars, or our django-html) plus our injections.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const tmGrammars = (name: string) => require.resolve(`tm-grammars/grammars/${name}.json`);
const manifest = json(join(root, 'package.json'));

/** Grammar files by scope: what package.json contributes, plus the real base grammars. */
function grammarFiles(): Map<string, string> {
  const files = new Map<string, string>([
    ['source.python', tmGrammars('python')],
    ['text.html.basic', tmGrammars('html')],
  ]);
  for (const g of manifest.contributes.grammars as { scopeName: string; path: string }[]) files.set(g.scopeName, join(root, g.path));
  return files;
}

let registry: Promise<textmate.Registry> | undefined;

function getRegistry(): Promise<textmate.Registry> {
  registry ??= (async () => {
    const wasm = readFileSync(join(require.resolve('vscode-oniguruma/package.json'), '..', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const files = grammarFiles();
    const injections = manifest.contributes.grammars as { scopeName: string; injectTo?: string[] }[];
    return new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scope) => {
        const file = files.get(scope);
        return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      // As VS Code does with `injectTo` from package.json.
      getInjections: (scope) => injections.filter((g) => g.injectTo?.includes(scope)).map((g) => g.scopeName),
    });
  })();
  return registry;
}

export interface Token { text: string; scopes: string[] }

/** Tokens of every line of `text` with the grammar of `scope`. */
export async function tokenize(scope: string, text: string): Promise<Token[][]> {
  const grammar = await (await getRegistry()).loadGrammar(scope);
  if (!grammar) throw new Error(`no grammar for ${scope}`);
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Texts of the tokens (all lines) whose innermost scope starts with `scopePrefix`. */
export async function textsWithScope(scope: string, text: string, scopePrefix: string): Promise<string[]> {
  return (await tokenize(scope, text)).flat().filter((t) => t.scopes.at(-1)?.startsWith(scopePrefix)).map((t) => t.text);
}
