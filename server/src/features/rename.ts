// Rename a session key: every access, and the string value of the constants it comes from, in
// every file. Refused (with the reason) when some access of the key cannot be rewritten safely.
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Span } from '../facts/types';
import type { FeatureContext } from './context';
import { keyAt } from './keyAt';
import { constantsOf } from './navigation';
import { offsetAt, rangeOf, spanText } from './ranges';
import { literalContent } from './stringLiteral';

/** A rename that cannot be done; the shell answers it as a ResponseError with this message. */
export class RenameRefused extends Error {}

function severalRefused(keys: string[]): RenameRefused {
  return new RenameRefused(`This name stands for several keys (${keys.map((k) => `'${k}'`).join(', ')}): rename one where it is written.`);
}

export function prepareRename(context: FeatureContext, file: string, text: string, position: Position): { range: Range; placeholder: string } {
  const target = keyAt(context, file, position);
  if (!target) throw new RenameRefused('Not a session key.');
  if (target.kind === 'pattern') throw new RenameRefused(`'${target.pattern}' is built at run time (a pattern); it cannot be renamed.`);
  if (target.kind === 'several') throw severalRefused(target.keys);
  const key = target.key;
  refusal(context, key);
  const span = target.kind === 'access' ? target.item.access.span : target.span;
  const range = isTemplate(file) ? rangeOf(span) : (literalContent(text, span)?.range ?? rangeOf(span));
  return { range, placeholder: key };
}

export function rename(context: FeatureContext, file: string, position: Position, newKey: string): WorkspaceEdit {
  const target = keyAt(context, file, position);
  if (!target) throw new RenameRefused('Not a session key.');
  if (target.kind === 'pattern') throw new RenameRefused(`'${target.pattern}' is built at run time (a pattern); it cannot be renamed.`);
  if (target.kind === 'several') throw severalRefused(target.keys);
  const key = target.key;
  if (!newKey || /['"\\\n\r]/.test(newKey)) throw new RenameRefused('A session key cannot be empty or contain quotes, backslashes or newlines.');
  const items = refusal(context, key);
  const changes: Record<string, TextEdit[]> = {};
  const done = new Set<string>();
  const edit = (editedFile: string, span: Span, asTemplate: boolean) => {
    const id = `${editedFile}:${span.startLine}:${span.startColumn}`;
    if (done.has(id)) return;
    done.add(id);
    const text = context.textOf(editedFile);
    if (text === undefined) throw new RenameRefused(`Cannot read ${editedFile}.`);
    let range: Range;
    if (asTemplate) {
      if (spanText(text, span) !== key) throw new RenameRefused(`${editedFile}:${span.startLine + 1} changed since it was indexed.`);
      if (!/^[A-Za-z0-9]\w*$/.test(newKey)) throw new RenameRefused(`'${newKey}' cannot be used in a template (${editedFile}): template variables are letters, digits and underscores, not starting with '_'.`);
      range = rangeOf(span);
    } else if (isKeywordName(text, span, key)) {
      // `add_session(client, year=1999)` to a `**kwargs` helper: the keyword's name is the key.
      if (!/^[A-Za-z_]\w*$/.test(newKey) || PYTHON_KEYWORDS.has(newKey)) {
        throw new RenameRefused(`'${key}' is passed as a keyword argument at ${editedFile}:${span.startLine + 1} (\`${key}=...\`), and '${newKey}' is not a Python name.`);
      }
      range = rangeOf(span);
    } else {
      const content = literalContent(text, span);
      if (!content || content.raw !== key) throw new RenameRefused(`The key at ${editedFile}:${span.startLine + 1} is not a plain string literal.`);
      range = content.range;
    }
    (changes[context.uriOf(editedFile)] ??= []).push({ range, newText: newKey });
  };
  for (const { file: accessFile, access } of items) {
    if (access.source.kind === 'literal') edit(accessFile, access.span, isTemplate(accessFile));
  }
  for (const constant of constantsOf(items)) edit(constant.file, constant.span, false);
  if (target.kind === 'constant') edit(target.file, target.span, false);
  return { changes };
}

/** The accesses of `key`, or a refusal naming the first one that cannot be rewritten. */
function refusal(context: FeatureContext, key: string) {
  const items = context.index.accessesOf(key);
  for (const { file, access } of items) {
    const at = `${file}:${access.span.startLine + 1}`;
    if (access.source.kind === 'setting') throw new RenameRefused(`'${key}' comes from the setting ${access.source.name} at ${at}: change the setting instead.`);
    if (access.source.kind === 'django') throw new RenameRefused(`'${key}' is Django's own key (${access.source.name}); it cannot be renamed.`);
    if (access.source.kind === 'library') throw new RenameRefused(`'${key}' is a package's key (${access.source.name}, not in the workspace); it cannot be renamed.`);
    if (access.source.kind === 'dynamic') throw new RenameRefused(`'${key}' is computed at ${at}; rename it by hand.`);
  }
  const pattern = context.index.patternsMatching(key, ['read', 'write', 'delete', 'contains'])[0];
  if (pattern) {
    throw new RenameRefused(`'${key}' is also matched by the dynamic key '${pattern.access.key}' at ${pattern.file}:${pattern.access.span.startLine + 1}; renaming would miss it.`);
  }
  return items;
}

const PYTHON_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/** Whether the span is a keyword argument's name (`key=value` in a call), spelled `key`. */
function isKeywordName(text: string, span: Span, key: string): boolean {
  if (span.startLine !== span.endLine || spanText(text, span) !== key) return false;
  const end = offsetAt(text, { line: span.endLine, character: span.endColumn });
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === '=' && text[i + 1] !== '=';
}

function isTemplate(file: string): boolean {
  return !file.endsWith('.py') && !file.endsWith('.pyi');
}
