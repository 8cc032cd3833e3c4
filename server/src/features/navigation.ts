// Go to definition (the writes of a key; the constant when the key comes from one), references
// (Python and templates), document highlights and workspace symbols.
import { DocumentHighlightKind, SymbolKind, type DocumentHighlight, type Location, type Position, type SymbolInformation } from 'vscode-languageserver-types';
import type { IndexedAccess } from '../index/workspaceIndex';
import type { FeatureContext } from './context';
import { keyAt, keysOf } from './keyAt';
import { allKeys } from './keyInfo';
import { locationOf, rangeOf } from './ranges';

export function definition(context: FeatureContext, file: string, position: Position): Location[] {
  const target = keyAt(context, file, position);
  if (!target || target.kind === 'pattern') return [];
  if (target.kind === 'access' && target.item.access.source.kind === 'constant') {
    const source = target.item.access.source;
    return [locationOf(context.uriOf(source.file), source.span)];
  }
  // A loop variable over a key list: where each of its keys is written in the list.
  if (target.kind === 'several') return constantsOf(target.items).map((c) => locationOf(context.uriOf(c.file), c.span));
  const writes = context.index.accessesOf(target.key).filter((a) => a.access.op === 'write');
  return writes.map((w) => locationOf(context.uriOf(w.file), w.access.span));
}

export function references(context: FeatureContext, file: string, position: Position, includeDeclaration = true): Location[] {
  const target = keyAt(context, file, position);
  if (!target || target.kind === 'pattern') return [];
  const items = keysOf(target).flatMap((key) => context.index.accessesOf(key)).filter((a) => includeDeclaration || a.access.op !== 'write');
  const seen = new Set<string>();
  const out: Location[] = [];
  const add = (uri: string, location: Location) => {
    const id = `${uri}:${location.range.start.line}:${location.range.start.character}`;
    if (!seen.has(id)) { seen.add(id); out.push(location); }
  };
  for (const item of items) add(context.uriOf(item.file), locationOf(context.uriOf(item.file), item.access.span));
  if (includeDeclaration) for (const c of constantsOf(items)) add(context.uriOf(c.file), locationOf(context.uriOf(c.file), c.span));
  return out;
}

/** The constants the accesses take their key from, once each. */
export function constantsOf(items: IndexedAccess[]): { name: string; file: string; span: IndexedAccess['access']['span'] }[] {
  const seen = new Map<string, { name: string; file: string; span: IndexedAccess['access']['span'] }>();
  for (const { access } of items) {
    if (access.source.kind !== 'constant') continue;
    const { name, file, span } = access.source;
    seen.set(`${file}:${span.startLine}:${span.startColumn}`, { name, file, span });
  }
  return [...seen.values()];
}

export function highlights(context: FeatureContext, file: string, position: Position): DocumentHighlight[] {
  const target = keyAt(context, file, position);
  if (!target || target.kind === 'pattern') return [];
  return keysOf(target).flatMap((key) => context.index.accessesOf(key)).filter((a) => a.file === file).map((a) => ({
    range: rangeOf(a.access.span),
    kind: a.access.op === 'write' || a.access.op === 'delete' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

/** One symbol per key, at its first write (else its first access); `query` is a case-insensitive subsequence. */
export function workspaceSymbols(context: FeatureContext, query: string): SymbolInformation[] {
  const wanted = query.toLowerCase();
  return allKeys(context, false).filter((info) => isSubsequence(wanted, info.key.toLowerCase())).flatMap((info) => {
    const anchor = info.accesses.find((a) => a.access.op === 'write') ?? info.accesses[0];
    if (!anchor) return [];
    return [{
      name: info.key, kind: SymbolKind.Key, containerName: `session · ${info.types.join(' | ') || 'unknown type'}`,
      location: locationOf(context.uriOf(anchor.file), anchor.access.span),
    }];
  });
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const ch of haystack) if (ch === needle[i]) i++;
  return i === needle.length;
}
