// The session key under the cursor: a key access, or the string value of a constant that names one.
import type { Position } from 'vscode-languageserver-types';
import type { Span } from '../facts/types';
import type { IndexedAccess } from '../index/workspaceIndex';
import type { FeatureContext } from './context';

export type KeyTarget =
  | { kind: 'access'; key: string; item: IndexedAccess }
  | { kind: 'pattern'; pattern: string; item: IndexedAccess }
  | { kind: 'constant'; key: string; name: string; file: string; span: Span }
  /** A name standing for several keys (`for key in ('cart', 'coupon')`): one access of each at the place. */
  | { kind: 'several'; keys: string[]; items: IndexedAccess[] };

export function keyAt(context: FeatureContext, file: string, position: Position): KeyTarget | undefined {
  const here = context.index.accessesAt(file, position.line, position.character);
  const keys = [...new Set(here.filter((a) => a.access.key !== null && !a.access.pattern).map((a) => a.access.key as string))];
  if (keys.length > 1) return { kind: 'several', keys, items: here };
  const item = here[0];
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

/** The concrete keys a target names (none for a pattern). */
export function keysOf(target: KeyTarget): string[] {
  return target.kind === 'several' ? target.keys : target.kind === 'pattern' ? [] : [target.key];
}
