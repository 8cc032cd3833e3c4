// What several rules share: where to point, how to phrase an env-dependent value, the standard fixes.
import { defaultOf } from '../settings/catalog';
import { envClause, known, pyRepr, resolve, truthy, unknown } from '../settings/values';
import type { Known } from '../settings/types';
import type { EffectiveSetting, Location, RuleContext, SettingsFix } from './types';

export const SESSION_APP = 'django.contrib.sessions';
export const SESSION_MIDDLEWARE = 'django.contrib.sessions.middleware.SessionMiddleware';
export const AUTH_MIDDLEWARE = 'django.contrib.auth.middleware.AuthenticationMiddleware';
export const MESSAGE_MIDDLEWARE = 'django.contrib.messages.middleware.MessageMiddleware';
export const CSRF_MIDDLEWARE = 'django.middleware.csrf.CsrfViewMiddleware';
export const ENGINE_PREFIX = 'django.contrib.sessions.backends.';

export function effective(model: RuleContext['model'], name: string): EffectiveSetting {
  const assignment = model.get(name);
  const def = defaultOf(name);
  const value = assignment?.value ?? (def !== undefined ? known(def) : unknown(`${name} is not set and has no default we know`));
  return { name, assignment, value, resolved: resolve(value) };
}

/** The value when known (with the env variables that could change it), else undefined. */
export function knownValue(s: EffectiveSetting): { value: Known; variables: string[] } | undefined {
  return s.resolved.known ? { value: s.resolved.value, variables: s.resolved.variables } : undefined;
}

/** A list setting as strings, or undefined when it is not a known list. */
export function knownStrings(s: EffectiveSetting): string[] | undefined {
  const v = knownValue(s);
  return v && Array.isArray(v.value) ? v.value.map((x) => (typeof x === 'string' ? x : pyRepr(x))) : undefined;
}

/** Env variables any of the settings depend on, for the message's "unless ..." clause. */
export function clauseFor(...settings: EffectiveSetting[]): string {
  return envClause([...new Set(settings.flatMap((s) => s.resolved.variables))]);
}

/** Where a finding about these settings goes: the first one the project assigns, else the module's top. */
export function locate(ctx: RuleContext, ...settings: EffectiveSetting[]): Location {
  for (const s of settings) if (s.assignment) return { file: s.assignment.file, span: s.assignment.valueSpan ?? s.assignment.span };
  const span = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
  return { file: ctx.model.file ?? ctx.model.files[0] ?? '', span };
}

/** Django ≤ 4.0 passes a truthy value; 4.1+ (PR #15443) passes only `True` itself. */
export function passesFlag(ctx: RuleContext, value: Known): boolean {
  return ctx.atLeast('4.1') ? value === true : truthy(value);
}

/**
 * "Set NAME = text": replaces the value where the module itself assigns it, else appends an
 * assignment to the module's own file (so a shared base module is left alone).
 */
export function setSettingFix(ctx: RuleContext, s: EffectiveSetting, text: string, title = `Set ${s.name} = ${text}`): SettingsFix[] {
  const own = ctx.model.file;
  const a = s.assignment;
  if (a?.valueSpan && a.file === own) return [{ title, edits: [{ file: a.file, span: a.valueSpan, newText: text }] }];
  if (!own || !ctx.model.endOfFile) return [];
  const end = ctx.model.endOfFile;
  const lead = end.startColumn > 0 ? '\n' : '';
  return [{ title, edits: [{ file: own, span: end, newText: `${lead}${s.name} = ${text}\n` }] }];
}

/** Replaces a list setting assigned as a literal in this module's file with `items`. */
export function rewriteListFix(ctx: RuleContext, s: EffectiveSetting, items: string[], title: string): SettingsFix[] {
  const a = s.assignment;
  if (!a?.valueSpan || a.file !== ctx.model.file) return [];
  const text = `[\n${items.map((i) => `    ${pyRepr(i)},`).join('\n')}\n]`;
  return [{ title, edits: [{ file: a.file, span: a.valueSpan, newText: text }] }];
}

export function isAdminInstalled(apps: string[]): boolean {
  return apps.some((a) => a === 'django.contrib.admin' || a === 'django.contrib.admin.apps.AdminConfig' || a === 'django.contrib.admin.apps.SimpleAdminConfig');
}

/** A project middleware whose name suggests it subclasses SessionMiddleware: Django would accept it. */
export function mayBeSessionSubclass(middleware: string[]): boolean {
  return middleware.some((m) => m !== SESSION_MIDDLEWARE && m.split('.').pop()?.includes('Session') === true);
}
