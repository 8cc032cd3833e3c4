// Small tree-sitter helpers for the evaluator: spans and Python string literals.
import type { Span } from '../facts/types';
import type { SyntaxNode } from '../syntax/python';

export function spanOf(node: SyntaxNode): Span {
  return { startLine: node.startPosition.row, startColumn: node.startPosition.column, endLine: node.endPosition.row, endColumn: node.endPosition.column };
}

export function fieldOf(node: SyntaxNode, field: string): SyntaxNode | null {
  return node.childForFieldName(field);
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
}

/** One piece of a string literal: text, or an f-string interpolation to evaluate. */
export type StringPart = { text: string } | { expression: SyntaxNode };

const simpleEscapes: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

function decodeEscape(raw: string): string | null {
  const body = raw.slice(1);
  if (body in simpleEscapes) return simpleEscapes[body];
  const kind = body[0];
  if (kind === 'x' || kind === 'u' || kind === 'U') {
    const code = Number.parseInt(body.slice(1), 16);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : null;
  }
  if (kind >= '0' && kind <= '7') return String.fromCharCode(Number.parseInt(body, 8));
  return null; // \N{...} and friends: not worth guessing.
}

/** The parts of a `string` node (prefix-aware), or null when it cannot be decoded. */
export function stringParts(node: SyntaxNode): StringPart[] | null {
  const start = node.namedChildren.find((c) => c?.type === 'string_start');
  const prefix = [...(start?.text ?? '')].filter((c) => c !== '"' && c !== "'").join('').toLowerCase();
  const raw = prefix.includes('r');
  const parts: StringPart[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_content') {
      for (const piece of child.namedChildren.length ? splitContent(child) : [{ text: child.text, escape: false }]) {
        if (!piece.escape || raw) parts.push({ text: piece.text });
        else {
          const decoded = decodeEscape(piece.text);
          if (decoded === null) return null;
          parts.push({ text: decoded });
        }
      }
    } else if (child.type === 'interpolation') {
      const expression = child.childForFieldName('expression') ?? child.namedChildren.find((c) => c !== null);
      if (!expression || child.namedChildren.some((c) => c?.type === 'format_specifier' || c?.type === 'type_conversion')) return null;
      parts.push({ expression });
    }
  }
  return parts;
}

/** string_content holds escape_sequence children: interleave them with the plain text around them. */
function splitContent(content: SyntaxNode): { text: string; escape: boolean }[] {
  const out: { text: string; escape: boolean }[] = [];
  const text = content.text;
  let at = 0;
  for (const child of content.namedChildren) {
    if (!child) continue;
    const from = child.startIndex - content.startIndex;
    if (from > at) out.push({ text: text.slice(at, from), escape: false });
    out.push({ text: child.text, escape: child.type === 'escape_sequence' });
    at = child.endIndex - content.startIndex;
  }
  if (at < text.length) out.push({ text: text.slice(at), escape: false });
  return out;
}

/** The plain text of a string literal with no interpolation, else null. */
export function plainString(node: SyntaxNode): string | null {
  const nodes = node.type === 'concatenated_string' ? node.namedChildren : [node];
  let text = '';
  for (const n of nodes) {
    if (!n || n.type !== 'string') return null;
    const parts = stringParts(n);
    if (!parts) return null;
    for (const p of parts) {
      if ('expression' in p) return null;
      text += p.text;
    }
  }
  return text;
}
