// The content range of a Python string literal (between the quotes), so edits keep the prefix
// and quote style the user wrote.
import type { Range } from 'vscode-languageserver-types';
import type { Span } from '../facts/types';
import { offsetAt, positionAt } from './ranges';

export interface LiteralContent {
  range: Range;
  /** The content as written (escapes not decoded). */
  raw: string;
  quote: string;
}

export function literalContent(text: string, span: Span): LiteralContent | null {
  const start = offsetAt(text, { line: span.startLine, character: span.startColumn });
  const end = offsetAt(text, { line: span.endLine, character: span.endColumn });
  const literal = text.slice(start, end);
  const match = /^([rRbBuU]{0,2})('''|"""|'|")/.exec(literal);
  if (!match) return null;
  const quote = match[2];
  if (!literal.endsWith(quote) || literal.length < match[0].length + quote.length) return null;
  const from = start + match[0].length;
  const to = end - quote.length;
  return { range: { start: positionAt(text, from), end: positionAt(text, to) }, raw: text.slice(from, to), quote };
}
