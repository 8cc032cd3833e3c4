// Completion of session keys (in `request.session['|']`, `.get("|`, `'|' in request.session`,
// `{{ request.session.| }}`) and of the session API after `request.session.`.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';
import { pythonCursorContext, templateCursorContext, type CursorContext } from './cursorContext';
import { allKeys, countsLine, where, type KeyInfo } from './keyInfo';
import { offsetAt, positionAt } from './ranges';
import { SESSION_API, memberMarkdown } from './sessionApi';

export interface CompletionOptions {
  /** The client understands InsertReplaceEdit (`textDocument.completion.completionItem.insertReplaceSupport`). */
  insertReplace: boolean;
}

export function complete(context: FeatureContext, file: string, text: string, position: Position,
  options: CompletionOptions = { insertReplace: true }): CompletionItem[] {
  const isTemplate = !file.endsWith('.py') && !file.endsWith('.pyi');
  const cursor = isTemplate ? templateCursorContext(text, position) : pythonCursorContext(text, position, file, receiversAt(context, file, offsetAt(text, position)));
  if (!cursor) return [];
  if (cursor.kind === 'api') return apiItems(text, cursor.start, position);
  return keyItems(context, text, cursor, position, options);
}

/** Names bound to a session in a scope that encloses `offset` (Python's scopes: a function's
 * alias is not a session in the next function, a module-level one is one everywhere). */
function receiversAt(context: FeatureContext, file: string, offset: number): Set<string> {
  const names = new Set<string>();
  for (const bound of context.index.fileFacts(file)?.sessionNames ?? []) if (bound.start <= offset && offset <= bound.end) names.add(bound.name);
  return names;
}

function apiItems(text: string, start: number, position: Position): CompletionItem[] {
  const range: Range = { start: positionAt(text, start), end: position };
  return SESSION_API.map((member) => ({
    label: member.name,
    kind: member.kind === 'method' ? CompletionItemKind.Method : CompletionItemKind.Property,
    detail: member.signature,
    documentation: { kind: 'markdown', value: memberMarkdown(member) },
    textEdit: { range, newText: member.name },
    sortText: member.name.startsWith('a') && member.name !== 'accessed' ? `z${member.name}` : member.name,
  }));
}

function keyItems(context: FeatureContext, text: string, cursor: Exclude<CursorContext, { kind: 'api' }>, position: Position,
  options: CompletionOptions): CompletionItem[] {
  const start = positionAt(text, cursor.start);
  const replaceEnd = cursor.kind === 'key' ? positionAt(text, cursor.end) : position;
  const usable = (key: string) => cursor.kind === 'template-key'
    ? /^[A-Za-z0-9]\w*$/.test(key) // template variables cannot start with `_` nor hold dots or spaces
    : !key.includes(cursor.quote.charAt(0)) && !key.includes('\\') && !key.includes('\n');
  // An unclosed string gets its closing quote, so accepting the item leaves valid Python.
  const closing = cursor.kind === 'key' && !cursor.closed ? cursor.quote : '';
  return allKeys(context).filter((info) => usable(info.key)).map((info) => {
    const newText = info.key + closing;
    const insert: Range = { start, end: position };
    const replace: Range = { start, end: replaceEnd };
    return {
      label: info.key,
      kind: CompletionItemKind.Value,
      detail: detailOf(info),
      documentation: { kind: 'markdown', value: documentationOf(context, info) },
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: options.insertReplace ? { newText, insert, replace } : { newText, range: replace },
      filterText: info.key,
      // The project's own keys before Django's.
      sortText: `${info.builtin && info.writes === 0 ? '1' : '0'}${info.key}`,
    };
  });
}

function detailOf(info: KeyInfo): string {
  const types = info.types.length ? info.types.join(' | ') : info.writer ? `written by ${info.writer}` : 'type unknown';
  return `${types} · ${countsLine(info)}`;
}

function documentationOf(context: FeatureContext, info: KeyInfo): string {
  const lines: string[] = [];
  if (info.doc) lines.push(info.doc, '');
  const firstWrite = info.accesses.find((a) => a.access.op === 'write');
  if (firstWrite) lines.push(`First written at \`${where(context, firstWrite)}\``);
  lines.push(`${countsLine(info)}${info.types.length ? ` · ${info.types.map((t) => `\`${t}\``).join(', ')}` : ''}`);
  return lines.join('\n');
}
