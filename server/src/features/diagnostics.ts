// Diagnostics of session keys for one file (DS101–DS104, see diagnosticCodes.ts). Cross-file
// by nature: a read here is checked against the writes of the whole workspace.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { NestedMutation, SessionAccess, ValueType } from '../facts/types';
import { builtinKey } from '../facts/builtinKeys';
import type { FeatureContext } from './context';
import { CODE_RULES, severityOf, type CodeRuleId } from './diagnosticCodes';
import { appKeyFor, appsInUse } from './appKeys';
import { nearest } from './levenshtein';
import type { IndexedAccess } from '../index/keyTable';
import { rangeOf } from './ranges';
import { isJsonSerializer } from '../settings/catalog';

export const DIAGNOSTIC_SOURCE = 'django-sessions';

/** Data attached to DS101 (the suggestion) and DS104 (the session the value came from) for the quick fixes. */
export interface DiagnosticData { key?: string; suggestion?: string; receiver?: string }

const NOT_JSON: Partial<Record<ValueType, string>> = {
  datetime: 'a datetime (store value.isoformat())',
  date: 'a date (store value.isoformat())',
  time: 'a time (store value.isoformat())',
  timedelta: 'a timedelta (store total_seconds())',
  Decimal: 'a Decimal (store str(value))',
  UUID: 'a UUID (store str(value))',
  set: 'a set (store a list)',
  bytes: 'bytes (store a str, e.g. base64)',
  model: 'a model instance (store its pk)',
};

export function diagnosticsFor(context: FeatureContext, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (id: CodeRuleId, access: { span: SessionAccess['span'] }, message: string, data?: DiagnosticData, severityFallback?: 'info') => {
    const severity = severityOf(context.config.severity, id, severityFallback ?? CODE_RULES[id].severity);
    if (severity === null) return;
    out.push({ range: rangeOf(access.span), severity, code: id, source: DIAGNOSTIC_SOURCE, message, ...(data ? { data } : {}) });
  };
  // Another framework's sessions (Pyramid, Flask) follow other rules: nothing to say about them.
  if (!context.index.usesDjango()) return out;
  const json = serializerIsJson(context);
  for (const access of context.index.accessesIn(file)) {
    if (access.key === null || access.pattern) continue;
    if (access.op === 'read' || access.op === 'contains') checkNeverWritten(context, access, access.key, add);
    if (access.op === 'write') {
      checkNeverRead(context, access, access.key, add);
      // A test's override of SESSION_SERIALIZER around the write decides, else the project's setting.
      if (access.serializer !== undefined ? isJsonSerializer(access.serializer) : json) checkJsonValue(context, access, add);
    }
  }
  for (const mutation of context.index.mutationsIn(file)) if (!mutation.saved) checkMutation(mutation, add);
  return out;
}

type Add = (id: CodeRuleId, at: { span: SessionAccess['span'] }, message: string, data?: DiagnosticData, severityFallback?: 'info') => void;

function checkNeverWritten(context: FeatureContext, access: SessionAccess, key: string, add: Add): void {
  if (builtinKey(key)) return;
  const items = context.index.accessesOf(key);
  if (items.some((a) => a.access.op === 'write')) return;
  if (context.index.patternsMatching(key, ['write']).length > 0) return;
  // Last: only keys that would be reported get here.
  if (appKeyFor(key, appsInUse(context))) return;
  const suggestion = nearest(key, context.index.writtenKeys());
  // Only removed (`pop('legacy_cart', None)`, `if k in s: del s[k]`): the cleanup of a key an older
  // version wrote, worth a word only when it looks like a misspelt written key.
  if (!suggestion && onlyRemoved(items)) return;
  // A test asserting the key's absence passes whatever the code does (a misspelt key, as often as not).
  const vacuous = access.assertsAbsence ? ' This test assertion can never fail.' : '';
  add('DS101', access, `Session key '${key}' is read but never written anywhere in the workspace.${vacuous}${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
    { key, ...(suggestion ? { suggestion } : {}) });
}

/**
 * Every access of the key deletes it (`del`, `pop`: its read is at the delete's place), or is an
 * `in` test or an `if s.get(k):` guarding a delete of it in the same function.
 */
function onlyRemoved(items: readonly IndexedAccess[]): boolean {
  const deletes = items.filter((i) => i.access.op === 'delete');
  const scopes = new Set(deletes.map((i) => `${i.file}\0${i.access.scope}`));
  const places = new Set(deletes.map((i) => `${i.file}\0${i.access.span.startLine}:${i.access.span.startColumn}`));
  return deletes.length > 0 && items.every((i) => i.access.op === 'delete'
    || places.has(`${i.file}\0${i.access.span.startLine}:${i.access.span.startColumn}`)
    || ((i.access.op === 'contains' || i.access.guard === true) && scopes.has(`${i.file}\0${i.access.scope}`)));
}

function checkNeverRead(context: FeatureContext, access: SessionAccess, key: string, add: Add): void {
  if (builtinKey(key)) return;
  if (context.index.accessesOf(key).some((a) => a.access.op === 'read' || a.access.op === 'contains')) return;
  if (context.index.patternsMatching(key, ['read', 'contains']).length > 0) return;
  if (appKeyFor(key, appsInUse(context))) return;
  add('DS102', access, `Session key '${key}' is written but never read.`, { key });
}

function checkJsonValue(context: FeatureContext, access: SessionAccess, add: Add): void {
  const type = access.valueType;
  if (type === 'tuple') {
    // Every read unpacks it (`state, code = request.session.pop('k')`): a list unpacks the same.
    const reads = access.key === null ? [] : context.index.accessesOf(access.key).filter((a) => a.access.op === 'read');
    if (reads.length > 0 && reads.every((a) => a.access.unpacked)) return;
    add('DS103', access, 'A tuple stored in the session comes back as a list with the JSON serializer.', undefined, 'info');
    return;
  }
  const what = type ? NOT_JSON[type] : undefined;
  if (what) add('DS103', access, `The JSON session serializer cannot store ${what.replace(/ \(.*/, '')}: saving the session raises TypeError. Store ${what.replace(/^.*\(store (.*)\)$/, '$1')} instead.`);
}

function checkMutation(mutation: NestedMutation, add: Add): void {
  const session = mutation.receiver ?? 'request.session';
  const name = mutation.key === null ? 'a session value' : `${session}['${mutation.key}']`;
  const data: DiagnosticData = {};
  if (mutation.key !== null) data.key = mutation.key;
  if (mutation.receiver) data.receiver = mutation.receiver;
  add('DS104', mutation, `Nested mutation of ${name} is not saved: Django saves the session only when its own items are assigned or deleted. Set ${session}.modified = True.`,
    data.key !== undefined || data.receiver ? data : undefined);
}


/** Django's JSONSerializer when settings are unknown (the default) or name it; a pickle or custom serializer is not checked. */
function serializerIsJson(context: FeatureContext): boolean {
  const value = context.index.getSettings()?.get('SESSION_SERIALIZER')?.value;
  if (value?.kind !== 'known' || typeof value.value !== 'string') return true;
  return isJsonSerializer(value.value);
}
