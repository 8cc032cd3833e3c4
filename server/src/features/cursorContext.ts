// Where the cursor is, as far as session completion cares: inside the key string of a session
// access, after `.session.` (the API), or after `request.session.` in a template. Python is read
// from the tree-sitter tokens around the cursor, which also works mid-edit (unclosed strings
// parse as ERROR nodes holding a string_start token).
import type { Position } from 'vscode-languageserver-types';
import { dottedName } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/python';
import { tokensBefore, withPythonTree, type Token } from './pythonTree';
import { offsetAt } from './ranges';

export type CursorContext =
  /** In the key string: `start` is just after the opening quote, `end` just before the closing one. */
  | { kind: 'key'; prefix: string; start: number; end: number; quote: string; closed: boolean }
  /** After `.session.`: `start` is where the member name begins. */
  | { kind: 'api'; prefix: string; start: number }
  /** After `request.session.` inside `{{ }}` or `{% %}`. */
  | { kind: 'template-key'; prefix: string; start: number };

const KEY_METHODS = new Set(['get', 'pop', 'setdefault', 'has_key', 'aget', 'apop', 'asetdefault', 'aset', 'ahas_key']);

/** `.session` itself, or a name bound to a session in a scope around the cursor (the index's `sessionNames`). */
type Receivers = ReadonlySet<string>;
const NO_ALIASES: Receivers = new Set();

/** Whether a call of `callee` (as written: `remember`, `prefs.remember`, `self.remember`) takes a key there. */
export type KeyArgumentTest = (callee: string, position: number | null, keyword: string | null) => boolean;
const NO_KEY_ARGUMENTS: KeyArgumentTest = () => false;

/** The receiver ending at tokens[at]: `...session`, an alias, or Channels' `scope["session"]`. */
function isSessionAt(text: string, tokens: Token[], at: number, aliases: Receivers): boolean {
  if (tokens[at]?.type === ']') return isChannelsSession(text, tokens, at);
  return isSessionName(text, tokens[at], aliases);
}

/** `scope["session"]` / `self.scope['session']` ending at tokens[at] (the `]`). */
function isChannelsSession(text: string, tokens: Token[], at: number): boolean {
  const [name, open, start, content, end] = [at - 5, at - 4, at - 3, at - 2, at - 1].map((k) => tokens[k]);
  return name?.type === 'identifier' && text.slice(name.start, name.end) === 'scope' && open?.type === '[' &&
    start?.type === 'string_start' && content?.type === 'string_content' && text.slice(content.start, content.end) === 'session' &&
    end?.type === 'string_end';
}

function isSessionName(text: string, token: Token | undefined, aliases: Receivers): boolean {
  if (token?.type !== 'identifier') return false;
  const name = text.slice(token.start, token.end);
  // An alias counts only as a whole receiver (`s[`), not as an attribute (`obj.s[`).
  return name === 'session' || (aliases.has(name) && text[token.start - 1] !== '.');
}

/**
 * `file`: the document's name, to use its cached tree (see pythonTree.ts). `aliases`: names bound
 * to a session in the scopes around the cursor (`s = request.session`, a helper's session parameter).
 */
export function pythonCursorContext(text: string, position: Position, file?: string, aliases: Receivers = NO_ALIASES,
  keyArgument: KeyArgumentTest = NO_KEY_ARGUMENTS): CursorContext | null {
  const offset = offsetAt(text, position);
  return withPythonTree(text, (tree) => {
    const tokens = tokensBefore(tree.rootNode, offset);
    return keyContext(text, tokens, offset, aliases, keyArgument) ?? apiContext(text, tokens, offset, aliases);
  }, file) ?? null;
}

function keyContext(text: string, tokens: Token[], offset: number, aliases: Receivers, keyArgument: KeyArgumentTest): CursorContext | null {
  // The last opening quote before the cursor on this line (an unclosed string's content parses
  // as stray tokens, so everything after it is skipped).
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let i = tokens.length - 1;
  while (i >= 0 && tokens[i].type !== 'string_start' && tokens[i].start >= lineStart) i--;
  const start = tokens[i];
  if (!start || start.type !== 'string_start' || start.end > offset || start.start < lineStart) return null;
  const prefix = text.slice(start.end, offset);
  if (prefix.includes('\n')) return null;
  const quoteText = text.slice(start.start, start.end);
  const quote = quoteText.replace(/^[a-zA-Z]+/, '');
  const stringNode = start.node.parent?.type === 'string' ? start.node.parent : null;
  const closing = stringNode?.lastChild?.type === 'string_end' ? stringNode.lastChild : null;
  if (closing && closing.endIndex <= offset) return null; // after the closing quote
  const end = closing ? closing.startIndex : offset;
  const keyed = { kind: 'key' as const, prefix, start: start.end, end, quote, closed: closing !== null };
  const before = tokens[i - 1];
  if (before?.type === '[' && isSessionAt(text, tokens, i - 2, aliases)) return keyed;
  if (before?.type === '(' && KEY_METHODS.has(text.slice(tokens[i - 2]?.start, tokens[i - 2]?.end)) &&
      tokens[i - 3]?.type === '.' && isSessionAt(text, tokens, i - 4, aliases)) return keyed;
  if (stringNode && isInSession(text, stringNode, aliases)) return keyed;
  if (before?.type === '(' && ASSERT_IN.has(text.slice(tokens[i - 2]?.start, tokens[i - 2]?.end)) &&
      tokens[i - 3]?.type === '.' && assertsOnSession(text, stringNode, aliases)) return keyed;
  if (stringNode && isKeyArgument(text, stringNode, keyArgument)) return keyed;
  return null;
}

/** `remember(request, '|')`: the string is the key argument of a function that takes its key as a parameter. */
function isKeyArgument(text: string, stringNode: SyntaxNode, keyArgument: KeyArgumentTest): boolean {
  let args = stringNode.parent;
  let keyword: string | null = null;
  if (args?.type === 'keyword_argument') {
    const name = args.childForFieldName('name');
    keyword = name ? text.slice(name.startIndex, name.endIndex) : null;
    args = args.parent;
  }
  const call = args?.type === 'argument_list' ? args.parent : null;
  const callee = call?.type === 'call' ? dottedName(text, call.childForFieldName('function')) : null;
  if (!args || callee === null) return false;
  if (keyword !== null) return keyArgument(callee, null, keyword);
  let position = 0;
  for (let k = 0; k < args.namedChildCount; k++) {
    const arg = args.namedChild(k);
    if (!arg || arg.type === 'comment') continue;
    if (arg.id === stringNode.id) return keyArgument(callee, position, null);
    if (arg.type === 'list_splat' || arg.type === 'dictionary_splat' || arg.type === 'keyword_argument') return false;
    position++;
  }
  return false;
}

const ASSERT_IN = new Set(['assertIn', 'assertNotIn']);

/** `self.assertIn('|', self.client.session)`: the second argument is a session (or not typed yet). */
function assertsOnSession(text: string, stringNode: SyntaxNode | null, aliases: Receivers): boolean {
  const args = stringNode?.parent;
  if (!stringNode || args?.type !== 'argument_list' || args.namedChild(0)?.id !== stringNode.id) return stringNode === null;
  const container = args.namedChild(1);
  if (!container) return true;
  const keys = container.type === 'call' ? container.childForFieldName('function') : null;
  const name = dottedName(text, keys?.type === 'attribute' && text.slice(keys.endIndex - 4, keys.endIndex) === 'keys' ? keys.childForFieldName('object') : container);
  return isSessionReceiver(name, aliases);
}

function isSessionReceiver(name: string | null, aliases: Receivers): boolean {
  return name !== null && (name === 'session' || name.endsWith('.session') || aliases.has(name));
}

/** `'key' in request.session` / `not in`. */
function isInSession(text: string, stringNode: SyntaxNode, aliases: Receivers): boolean {
  const comparison = stringNode.parent;
  if (comparison?.type !== 'comparison_operator' || comparison.namedChild(0)?.id !== stringNode.id) return false;
  const operator = comparison.child(1)?.type;
  if (operator !== 'in' && operator !== 'not in' && operator !== 'not') return false;
  return isSessionReceiver(dottedName(text, comparison.namedChild(1)), aliases);
}

function apiContext(text: string, tokens: Token[], offset: number, aliases: Receivers): CursorContext | null {
  let i = tokens.length - 1;
  let prefix = '';
  let start = offset;
  const last = tokens[i];
  if (last?.type === 'identifier' && last.end === offset) {
    prefix = text.slice(last.start, last.end);
    start = last.start;
    i--;
  }
  if (tokens[i]?.type !== '.' || tokens[i].end !== start) return null;
  return isSessionAt(text, tokens, i - 1, aliases) ? { kind: 'api', prefix, start } : null;
}

/** Templates are not Python: the line before the cursor is scanned for an open tag ending in `request.session.`. */
export function templateCursorContext(text: string, position: Position): CursorContext | null {
  const offset = offsetAt(text, position);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  if (open === -1 || Math.max(before.lastIndexOf('}}'), before.lastIndexOf('%}')) > open) return null;
  const match = /request\.session\.(\w*)$/.exec(before.slice(open));
  return match ? { kind: 'template-key', prefix: match[1], start: offset - match[1].length } : null;
}
