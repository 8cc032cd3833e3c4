// Conversions between fact spans (zero-based, UTF-16, end-exclusive: the LSP convention) and LSP
// ranges/locations, plus offsets in a text.
import type { Location, Position, Range } from 'vscode-languageserver-types';
import type { Span } from '../facts/types';

export function rangeOf(span: Span): Range {
  return { start: { line: span.startLine, character: span.startColumn }, end: { line: span.endLine, character: span.endColumn } };
}

export function locationOf(uri: string, span: Span): Location {
  return { uri, range: rangeOf(span) };
}

/** The offset of an LSP position in `text` (clamped to the text). */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const limit = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(offset + position.character, limit);
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export function spanText(text: string, span: Span): string {
  return text.slice(offsetAt(text, { line: span.startLine, character: span.startColumn }), offsetAt(text, { line: span.endLine, character: span.endColumn }));
}
