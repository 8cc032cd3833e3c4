// What the features say about one key: counts per operation, value types, where it is written.
// Also the KeysRequest answer (common/protocol.ts KeySummary).
import type { KeySummary } from '../../../common/protocol';
import { BUILTIN_KEYS, builtinKey } from '../facts/builtinKeys';
import type { IndexedAccess } from '../index/workspaceIndex';
import { appKeyFor, installedAppKeys, appsInUse } from './appKeys';
import type { FeatureContext } from './context';

export interface KeyInfo {
  key: string;
  accesses: IndexedAccess[];
  reads: number;
  writes: number;
  deletes: number;
  types: string[];
  /** Written by Django or an installed app, not (only) by the project's code. */
  builtin: boolean;
  /** Who: "Django", or the app's package (`django-allauth`). */
  writer?: string;
  doc?: string;
}

interface Cached { version: number; infos: Map<string, KeyInfo>; all: Map<boolean, KeyInfo[]> }

/** Key summaries per index, valid for one index version (every change bumps it). */
const cache = new WeakMap<object, Cached>();

function cacheOf(context: FeatureContext): Cached {
  const index = context.index;
  let cached = cache.get(index);
  if (!cached || cached.version !== index.version) {
    cached = { version: index.version, infos: new Map(), all: new Map() };
    cache.set(index, cached);
  }
  return cached;
}

/** What the workspace says about one key (cached until the index changes; do not mutate). */
export function keyInfo(context: FeatureContext, key: string): KeyInfo {
  const infos = cacheOf(context).infos;
  let info = infos.get(key);
  if (!info) infos.set(key, (info = computeKeyInfo(context, key)));
  return info;
}

function computeKeyInfo(context: FeatureContext, key: string): KeyInfo {
  const accesses = context.index.accessesOf(key);
  const count = (op: string) => accesses.filter((a) => a.access.op === op).length;
  const types = [...new Set(accesses.flatMap((a) => (a.access.op === 'write' && a.access.valueType ? [a.access.valueType] : [])))].sort();
  const builtin = builtinKey(key);
  const app = builtin ? undefined : appKeyFor(key, appsInUse(context));
  return {
    key, accesses, types, builtin: builtin !== undefined || app !== undefined, writer: builtin ? 'Django' : app?.package,
    doc: builtin?.doc ?? (app ? `${app.doc} Written by ${app.package}.` : undefined),
    reads: count('read') + count('contains'), writes: count('write'), deletes: count('delete'),
  };
}

/** Every key the workspace uses, then Django's own keys, each once. */
export function allKeys(context: FeatureContext, withBuiltins = true): KeyInfo[] {
  const all = cacheOf(context).all;
  let infos = all.get(withBuiltins);
  if (!infos) {
    const keys = [...context.index.keys().keys()];
    if (withBuiltins) {
      for (const b of BUILTIN_KEYS) if (!keys.includes(b.key)) keys.push(b.key);
      for (const a of installedAppKeys(appsInUse(context))) if (!keys.includes(a.key)) keys.push(a.key);
    }
    all.set(withBuiltins, (infos = keys.map((key) => keyInfo(context, key))));
  }
  return infos;
}

export function where(context: FeatureContext, item: IndexedAccess): string {
  return `${item.file}:${item.access.span.startLine + 1}`;
}

export function countsLine(info: KeyInfo): string {
  const parts = [`${info.writes} write${info.writes === 1 ? '' : 's'}`, `${info.reads} read${info.reads === 1 ? '' : 's'}`];
  if (info.deletes) parts.push(`${info.deletes} delete${info.deletes === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** The KeysRequest answer: concrete keys, then patterns, with every access located. */
export function keySummaries(context: FeatureContext): KeySummary[] {
  const locate = (items: IndexedAccess[]) => items.map(({ file, access }) => ({
    uri: context.uriOf(file), line: access.span.startLine, character: access.span.startColumn,
    endLine: access.span.endLine, endCharacter: access.span.endColumn, op: access.op,
    ...(access.valueType ? { valueType: access.valueType } : {}),
  }));
  const concrete = allKeys(context, false).map((info): KeySummary => ({
    key: info.key, pattern: false, types: info.types, reads: info.reads, writes: info.writes,
    deletes: info.deletes, builtin: info.builtin, ...(info.writer ? { writer: info.writer } : {}), accesses: locate(info.accesses),
  }));
  const patterns = new Map<string, IndexedAccess[]>();
  for (const item of context.index.patternAccesses()) {
    if (!item.access.pattern || item.access.key === null) continue;
    patterns.set(item.access.key, [...(patterns.get(item.access.key) ?? []), item]);
  }
  const patternSummaries = [...patterns].map(([key, items]): KeySummary => ({
    key, pattern: true, builtin: false,
    types: [...new Set(items.flatMap((i) => (i.access.valueType && i.access.op === 'write' ? [i.access.valueType] : [])))],
    reads: items.filter((i) => i.access.op === 'read' || i.access.op === 'contains').length,
    writes: items.filter((i) => i.access.op === 'write').length,
    deletes: items.filter((i) => i.access.op === 'delete').length,
    accesses: locate(items),
  }));
  return [...concrete.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '')), ...patternSummaries];
}
