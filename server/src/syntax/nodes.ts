// Small helpers over tree-sitter nodes. Positions from web-tree-sitter are already UTF-16 code
// units (the JS string is parsed as UTF-16), which is what LSP expects.
import type { Span } from '../facts/types';
import type { SyntaxNode } from './python';

export function spanOf(node: SyntaxNode): Span {
  const start = node.startPosition;
  const end = node.endPosition;
  return { startLine: start.row, startColumn: start.column, endLine: end.row, endColumn: end.column };
}

/** The node's source text, sliced from the file text (cheaper than `node.text` on the wasm side). */
export function textOf(text: string, node: SyntaxNode): string {
  return text.slice(node.startIndex, node.endIndex);
}

/** The identifier's name, or null when the node is not a plain identifier. */
export function identifierName(text: string, node: SyntaxNode | null): string | null {
  return node && node.type === 'identifier' ? textOf(text, node) : null;
}

/** Strips parentheses: `(request.session)` is `request.session`. */
export function unwrap(node: SyntaxNode | null): SyntaxNode | null {
  let current = node;
  while (current && current.type === 'parenthesized_expression') current = current.namedChild(0);
  return current;
}

/** The awaited expression of `await x` (and of parentheses around either). */
export function unwrapAwait(node: SyntaxNode | null): SyntaxNode | null {
  let current = unwrap(node);
  while (current && current.type === 'await') current = unwrap(current.namedChild(0));
  return current;
}

/** `a.b.c` as text when the expression is only identifiers and attributes, else null. */
export function dottedName(text: string, node: SyntaxNode | null): string | null {
  const parts: string[] = [];
  let current = unwrap(node);
  while (current) {
    if (current.type === 'identifier') {
      parts.push(textOf(text, current));
      return parts.reverse().join('.');
    }
    if (current.type !== 'attribute') return null;
    const attribute = current.childForFieldName('attribute');
    if (!attribute) return null;
    parts.push(textOf(text, attribute));
    current = unwrap(current.childForFieldName('object'));
  }
  return null;
}

/** A string literal's pieces: text, or `null` for each interpolation (f-string `{...}`). */
export interface StringParts {
  parts: (string | null)[];
  bytes: boolean;
  /** The span of the literal's content (between the quotes) when it is a single plain literal. */
  node: SyntaxNode;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '',
};

function decodeEscape(raw: string): string {
  const body = raw.slice(1);
  if (body in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[body];
  if (/^(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})$/.test(body)) {
    return String.fromCodePoint(parseInt(body.slice(1), 16));
  }
  if (/^[0-7]{1,3}$/.test(body)) return String.fromCodePoint(parseInt(body, 8));
  return raw; // unknown escapes stay as written, as in Python
}

/** Decodes a `string` node (one literal, possibly an f-string). Returns null for other nodes. */
export function stringParts(text: string, node: SyntaxNode): StringParts | null {
  if (node.type !== 'string') return null;
  const parts: (string | null)[] = [];
  let prefix = '';
  let raw = false;
  const add = (piece: string) => {
    if (parts.length > 0 && typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += piece;
    else parts.push(piece);
  };
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    switch (child.type) {
      case 'string_start':
        prefix = textOf(text, child).replace(/['"]+$/, '').toLowerCase();
        raw = prefix.includes('r');
        break;
      case 'string_content':
        add(contentText(text, child, raw));
        break;
      case 'escape_sequence':
        add(raw ? textOf(text, child) : decodeEscape(textOf(text, child)));
        break;
      case 'interpolation':
        parts.push(null);
        break;
      default:
        break;
    }
  }
  return { parts, bytes: prefix.includes('b'), node };
}

function contentText(text: string, content: SyntaxNode, raw: boolean): string {
  if (content.childCount === 0) return textOf(text, content);
  // Escapes are children of the content node: decode them, keep the text between them.
  let out = '';
  let cursor = content.startIndex;
  for (let i = 0; i < content.childCount; i++) {
    const child = content.child(i);
    if (!child) continue;
    out += text.slice(cursor, child.startIndex);
    const piece = text.slice(child.startIndex, child.endIndex);
    // `{{` / `}}` in an f-string stand for one brace.
    out += child.type === 'escape_sequence' && !raw ? decodeEscape(piece) : child.type === 'escape_interpolation' ? piece[0] : piece;
    cursor = child.endIndex;
  }
  return out + text.slice(cursor, content.endIndex);
}
