// Completion of session keys (in `request.session['|']`, `.get("|`, `'|' in request.session`,
// `{{ request.session.| }}`) and of the session API after `request.session.`.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';
import type { KeyParameter } from '../facts/types';
import { pythonCursorContext, templateCursorContext, type CursorContext, type KeyArgumentTest } from './cursorContext';
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
  const cursor = isTemplate ? templateCursorContext(text, position)
    : pythonCursorContext(text, position, file, receiversAt(context, file, offsetAt(text, position)), keyArgumentsOf(context, file));
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

/** Calls that pass a key to a function taking it as a parameter: of this file (also `self.method`), or imported. */
function keyArgumentsOf(context: FeatureContext, file: string): KeyArgumentTest {
  const facts = context.index.fileFacts(file);
  const fills = (p: KeyParameter, position: number | null, keyword: string | null, bound: boolean) =>
    keyword !== null ? p.parameter === keyword : position === p.position - (p.method && bound ? 1 : 0);
  return (callee, position, keyword) => {
    const viaSelf = callee.startsWith('self.');
    const name = viaSelf ? callee.slice(5) : callee;
    if ((facts?.keyParameters ?? []).some((p) => (viaSelf ? p.method && p.function.endsWith(`.${name}`) : p.function === name) && fills(p, position, keyword, viaSelf))) return true;
    const head = name.split('.', 1)[0];
    const imported = viaSelf ? undefined : facts?.imports.find((i) => i.local === head && i.name !== '*');
    if (!imported) return false;
    const remote = imported.name !== null ? imported.name + name.slice(head.length) : name.slice(head.length + 1);
    return context.index.keyParametersOf(imported.module, remote).some((p) => fills(p, position, keyword, false));
  };
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
