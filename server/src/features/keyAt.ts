// The session key under the cursor: a key access, or the string value of a constant that names one.
import type { Position } from 'vscode-languageserver-types';
import type { Span } from '../facts/types';
import type { IndexedAccess } from '../index/workspaceIndex';
import type { FeatureContext } from './context';

export type KeyTarget =
  | { kind: 'access'; key: string; item: IndexedAccess }
  | { kind: 'pattern'; pattern: string; item: IndexedAccess }
  | { kind: 'constant'; key: string; name: string; file: string; span: Span };

export function keyAt(context: FeatureContext, file: string, position: Position): KeyTarget | undefined {
  const item = context.index.accessAt(file, position.line, position.character);
  if (item && item.access.key !== null) {
    return item.access.pattern
      ? { kind: 'pattern', pattern: item.access.key, item }
      : { kind: 'access', key: item.access.key, item };
  }
  const constant = context.index.constantAt(file, position.line, position.character);
  if (constant?.value != null && context.index.accessesOf(constant.value).length > 0) {
    return { kind: 'constant', key: constant.value, name: constant.name, file, span: constant.span };
  }
  return undefined;
}
