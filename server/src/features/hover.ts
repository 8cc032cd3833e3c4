// Hover on a session key (writes, reads, types, files), on a session API member, and on a
// SESSION_* setting (through the settings layer's helper, passed in by the shell).
import type { Hover, Position } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';
import { keyAt } from './keyAt';
import { countsLine, keyInfo, where } from './keyInfo';
import { withPythonTree } from './pythonTree';
import { offsetAt, rangeOf } from './ranges';
import { memberMarkdown, sessionMember } from './sessionApi';

const MAX_LISTED = 8;

export function hover(context: FeatureContext, file: string, text: string, position: Position): Hover | null {
  const target = keyAt(context, file, position);
  if (target?.kind === 'pattern') {
    return { contents: { kind: 'markdown', value: `**session key pattern** \`${target.pattern}\`\n\nBuilt at run time (f-string or concatenation): \`*\` stands for any text.` }, range: rangeOf(target.item.access.span) };
  }
  if (target?.kind === 'several') {
    const lines = [`**one of ${target.keys.length} session keys**, in turn`, ''];
    for (const key of target.keys) lines.push(`- \`${key}\`: ${countsLine(keyInfo(context, key))}`);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: rangeOf(target.items[0].access.span) };
  }
  if (target) {
    const span = target.kind === 'access' ? target.item.access.span : target.span;
    return { contents: { kind: 'markdown', value: keyMarkdown(context, target.key) }, range: rangeOf(span) };
  }
  if (file.endsWith('.py')) return apiHover(file, text, position);
  return null;
}

export function keyMarkdown(context: FeatureContext, key: string): string {
  const info = keyInfo(context, key);
  const lines = [`**session key** \`${key}\`${info.writer ? ` (${info.writer})` : ''}`, ''];
  if (info.doc) lines.push(info.doc, '');
  lines.push(`${countsLine(info)}${info.types.length ? ` · types: ${info.types.map((t) => `\`${t}\``).join(', ')}` : ''}`, '');
  for (const item of info.accesses.slice(0, MAX_LISTED)) {
    const type = item.access.valueType ? ` \`${item.access.valueType}\`` : '';
    lines.push(`- ${item.access.op}${type} at \`${where(context, item)}\` (${item.access.via})`);
  }
  if (info.accesses.length > MAX_LISTED) lines.push(`- … ${info.accesses.length - MAX_LISTED} more`);
  return lines.join('\n');
}

/** `request.session.flush` → the API doc, found from the identifier under the cursor. */
function apiHover(file: string, text: string, position: Position): Hover | null {
  const offset = offsetAt(text, position);
  return withPythonTree(text, (tree) => {
    const node = tree.rootNode.descendantForIndex(offset, offset);
    const attribute = node?.parent;
    if (node?.type !== 'identifier' || attribute?.type !== 'attribute' || attribute.childForFieldName('attribute')?.id !== node.id) return null;
    const object = attribute.childForFieldName('object');
    const objectName = object ? text.slice(object.startIndex, object.endIndex) : '';
    if (objectName !== 'session' && !objectName.endsWith('.session')) return null;
    const member = sessionMember(text.slice(node.startIndex, node.endIndex));
    if (!member) return null;
    const start = node.startPosition;
    const end = node.endPosition;
    return {
      contents: { kind: 'markdown' as const, value: memberMarkdown(member) },
      range: rangeOf({ startLine: start.row, startColumn: start.column, endLine: end.row, endColumn: end.column }),
    };
  }, file) ?? null;
}
