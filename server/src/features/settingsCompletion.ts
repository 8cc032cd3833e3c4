// Completion in settings files: SESSION_*/CSRF_*/SECRET_* names with docs and defaults, and the values
// of the settings that have a fixed set (engines, SameSite, serializers, booleans).
import type { Parser } from 'web-tree-sitter';
import type { Span } from '../facts/types';
import { settingInfo, settingsCatalog } from '../settings/catalog';
import type { SettingsModel } from '../settings/types';
import { describeValue, isSecretSetting, pyRepr } from '../settings/values';
import { cursorContext, type Position } from './settingsContext';

export interface SettingsCompletionItem {
  label: string;
  kind: 'setting' | 'value';
  detail: string;
  /** Markdown. */
  documentation: string;
  insertText: string;
  /** The text the item replaces. */
  replace: Span;
}

function current(model: SettingsModel | undefined, name: string): string {
  const a = model?.get(name);
  return a ? `\n\nCurrently (${model?.module}): \`${describeValue(a.value, isSecretSetting(name))}\`` : '';
}

export function settingsCompletions(parser: Parser, text: string, position: Position, model?: SettingsModel): SettingsCompletionItem[] {
  const ctx = cursorContext(parser, text, position);
  if (!ctx) return [];
  if (ctx.kind === 'name') {
    const prefix = ctx.prefix.toUpperCase();
    if (!prefix) return [];
    return settingsCatalog.filter((s) => s.name.startsWith(prefix)).map((s) => ({
      label: s.name,
      kind: 'setting',
      detail: `${s.type} = ${pyRepr(s.default)}`,
      documentation: `${s.doc}\n\nDefault: \`${pyRepr(s.default)}\`${s.since ? ` (Django ${s.since}+)` : ''}${s.removed ? ` (removed in Django ${s.removed})` : ''}${current(model, s.name)}`,
      insertText: s.name,
      replace: ctx.span,
    }));
  }
  const info = settingInfo(ctx.setting);
  if (!info?.values) return [];
  const quoted = ctx.kind === 'string-value';
  return info.values
    .filter((v) => v.text.startsWith("'") === quoted)
    .map((v) => ({ ...v, inner: quoted ? v.text.slice(1, -1) : v.text }))
    .filter((v) => v.inner.toLowerCase().startsWith(ctx.prefix.toLowerCase()))
    .map((v) => ({
      label: v.inner,
      kind: 'value' as const,
      detail: `${ctx.setting}${v.inner === pyRepr(info.default).replace(/^'|'$/g, '') ? ' (default)' : ''}`,
      documentation: v.doc || info.doc,
      insertText: v.inner,
      replace: ctx.span,
    }));
}
