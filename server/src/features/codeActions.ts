// Quick fixes: DS101 replaces a mistyped key with the nearest written key; DS104 inserts
// `<session>.modified = True` after the statement that mutates a nested value.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { dottedName } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/python';
import type { FeatureContext } from './context';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics';
import { withPythonTree } from './pythonTree';
import { offsetAt } from './ranges';
import { literalContent } from './stringLiteral';

export function codeActions(context: FeatureContext, file: string, text: string, diagnostics: Diagnostic[]): CodeAction[] {
  const uri = context.uriOf(file);
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const edit = diagnostic.code === 'DS101' ? didYouMean(file, text, diagnostic)
      : diagnostic.code === 'DS104' ? markModified(text, diagnostic) : null;
    if (!edit) continue;
    actions.push({ title: edit.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [uri]: [edit.edit] } } });
  }
  return actions;
}

function didYouMean(file: string, text: string, diagnostic: Diagnostic): { title: string; edit: TextEdit } | null {
  const suggestion = (diagnostic.data as DiagnosticData | undefined)?.suggestion;
  if (!suggestion) return null;
  const { start, end } = diagnostic.range;
  const span = { startLine: start.line, startColumn: start.character, endLine: end.line, endColumn: end.character };
  const isTemplate = !file.endsWith('.py');
  const range = isTemplate ? diagnostic.range : literalContent(text, span)?.range;
  return range ? { title: `Change to '${suggestion}'`, edit: { range, newText: suggestion } } : null;
}

function markModified(text: string, diagnostic: Diagnostic): { title: string; edit: TextEdit } | null {
  const from = offsetAt(text, diagnostic.range.start);
  const to = offsetAt(text, diagnostic.range.end);
  return withPythonTree(text, (tree) => {
    const node = tree.rootNode.descendantForIndex(from, Math.max(from, to - 1));
    // The session in the statement itself, else the one the value was read through (`cart = s.get(...)`).
    const session = (node ? sessionExpression(text, node) : null) ?? (diagnostic.data as DiagnosticData | undefined)?.receiver ?? null;
    const statement = node ? statementOf(node) : null;
    if (!session || !statement) return null;
    const indent = ' '.repeat(statement.startPosition.column);
    const line = `${indent}${session}.modified = True`;
    const row = statement.endPosition.row;
    const lineEnd = text.indexOf('\n', statement.endIndex);
    const edit: TextEdit = lineEnd === -1
      ? { range: { start: { line: row, character: statement.endPosition.column }, end: { line: row, character: statement.endPosition.column } }, newText: `\n${line}` }
      : { range: { start: { line: row + 1, character: 0 }, end: { line: row + 1, character: 0 } }, newText: `${line}\n` };
    return { title: `Add ${session}.modified = True`, edit };
  }) ?? null;
}

/** The first `x.session` / `session` expression inside the mutation, outermost first. */
function sessionExpression(text: string, root: SyntaxNode): string | null {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.shift() as SyntaxNode;
    const name = node.type === 'attribute' || node.type === 'identifier' ? dottedName(text, node) : null;
    if (name && (name === 'session' || name.endsWith('.session'))) return name;
    for (let i = 0; i < node.namedChildCount; i++) {
      const child = node.namedChild(i);
      if (child) stack.push(child);
    }
  }
  return null;
}

function statementOf(node: SyntaxNode): SyntaxNode | null {
  let current: SyntaxNode | null = node;
  while (current && current.parent && current.parent.type !== 'block' && current.parent.type !== 'module') current = current.parent;
  return current?.parent ? current : null;
}
