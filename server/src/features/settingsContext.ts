// Where the cursor is in a settings file, for completion and hover: on a setting name, or inside the
// value assigned to one. Pure: a parser and the text in, plain data out (the tree is deleted).
import type { Parser } from 'web-tree-sitter';
import type { Span } from '../facts/types';
import { spanOf } from '../settings/syntax';
import { parsePython, type SyntaxNode } from '../syntax/python';

export interface Position {
  line: number;
  character: number;
}

export type CursorContext =
  /** Typing or pointing at a setting name; `prefix` is the part before the cursor. */
  | { kind: 'name'; name: string; prefix: string; span: Span }
  /** Inside the string assigned to `setting`; `span` covers the string's content. */
  | { kind: 'string-value'; setting: string; prefix: string; span: Span; value: string }
  /** After `SETTING =`, typing a bare value (True, False, ...). */
  | { kind: 'value'; setting: string; prefix: string; span: Span };

function assignmentTarget(node: SyntaxNode): string | undefined {
  let n: SyntaxNode | null = node;
  while (n && n.type !== 'assignment' && n.type !== 'module' && n.type !== 'block') n = n.parent;
  const left = n?.type === 'assignment' ? n.childForFieldName('left') : null;
  return left?.type === 'identifier' ? left.text : undefined;
}

function isModuleLevel(node: SyntaxNode): boolean {
  let n = node.parent;
  while (n && (n.type === 'expression_statement' || n.type === 'assignment' || n.type === 'ERROR')) n = n.parent;
  return n?.type === 'module' || n?.type === 'block';
}

/** The text of the line up to the cursor, without what follows. */
function linePrefix(text: string, position: Position): string {
  return (text.split('\n')[position.line] ?? '').slice(0, position.character);
}

export function cursorContext(parser: Parser, text: string, position: Position): CursorContext | null {
  const tree = parsePython(parser, text);
  try {
    const column = Math.max(0, position.character - 1);
    const node = tree.rootNode.descendantForPosition({ row: position.line, column });
    if (!node) return null;
    const stringNode = node.type === 'string' ? node : node.parent?.type === 'string' ? node.parent : null;
    if (stringNode) {
      const setting = assignmentTarget(stringNode);
      const content = stringNode.namedChildren.find((c) => c?.type === 'string_content');
      const start = stringNode.namedChildren.find((c) => c?.type === 'string_start');
      if (!setting || !start) return null;
      const span = content ? spanOf(content) : { startLine: start.endPosition.row, startColumn: start.endPosition.column, endLine: start.endPosition.row, endColumn: start.endPosition.column };
      const prefix = span.startLine === position.line ? (text.split('\n')[position.line] ?? '').slice(span.startColumn, position.character) : '';
      return { kind: 'string-value', setting, prefix, span, value: content?.text ?? '' };
    }
    if (node.type === 'identifier') {
      const parent = node.parent;
      const span = spanOf(node);
      const prefix = node.text.slice(0, Math.max(0, position.character - node.startPosition.column));
      if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === node.id) {
        const setting = parent.childForFieldName('left');
        if (setting?.type === 'identifier') return { kind: 'value', setting: setting.text, prefix, span };
      }
      if (isModuleLevel(node) || parent?.type === 'assignment') return { kind: 'name', name: node.text, prefix, span };
    }
    // `SESSION_ENGINE = |` parses as an error: read the assignment off the line.
    const before = linePrefix(text, position);
    const eq = before.indexOf('=');
    if (eq > 0 && before.slice(eq + 1).trim() === '') {
      const setting = before.slice(0, eq).trim();
      const at = { startLine: position.line, startColumn: position.character, endLine: position.line, endColumn: position.character };
      if (setting && [...setting].every((c) => c === '_' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return { kind: 'value', setting, prefix: '', span: at };
    }
    return null;
  } finally {
    tree.delete();
  }
}
