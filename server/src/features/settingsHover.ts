// Hover on a setting name (or its value): what it means, Django's default, and what the value in
// effect does. Secrets are described, never shown.
import type { Parser } from 'web-tree-sitter';
import type { Span } from '../facts/types';
import { sessionEngines, settingInfo } from '../settings/catalog';
import type { Known, SettingsModel } from '../settings/types';
import { describeValue, isSecretSetting, pyRepr, resolve } from '../settings/values';
import { cursorContext, type Position } from './settingsContext';

export interface SettingsHover {
  /** Markdown. */
  markdown: string;
  span: Span;
}

/** A sentence on what a value of a setting does, when we have one. */
export function valueMeaning(name: string, value: Known): string | undefined {
  if (name === 'SESSION_ENGINE') return sessionEngines.find((e) => e.module === value)?.doc ?? (typeof value === 'string' ? `A custom engine: \`${value}.SessionStore\`.` : undefined);
  if (name === 'SESSION_COOKIE_AGE' && typeof value === 'number') return `Sessions last ${value >= 86400 ? `${+(value / 86400).toFixed(2)} days` : `${+(value / 3600).toFixed(2)} hours`}.`;
  const values = settingInfo(name)?.values;
  const match = values?.find((v) => v.text === pyRepr(value) && v.doc);
  return match?.doc;
}

export function settingsHover(parser: Parser, text: string, position: Position, model?: SettingsModel): SettingsHover | null {
  const ctx = cursorContext(parser, text, { line: position.line, character: position.character + 1 });
  if (!ctx) return null;
  const name = ctx.kind === 'name' ? ctx.name : ctx.setting;
  const info = settingInfo(name);
  const assignment = model?.get(name);
  if (!info && !assignment) return null;
  const parts = [`**${name}**${info ? ` \`${info.type}\`` : ''}`];
  if (info) parts.push(info.doc, `Django's default: \`${pyRepr(info.default)}\``);
  if (assignment && model) {
    const secret = isSecretSetting(name);
    const r = resolve(assignment.value);
    const where = assignment.file === model.file ? '' : ` (set in \`${assignment.file}\` line ${assignment.span.startLine + 1})`;
    parts.push(`In \`${model.module}\`: \`${describeValue(assignment.value, secret)}\`${where}`);
    const meaning = r.known && !secret ? valueMeaning(name, r.value) : undefined;
    if (meaning) parts.push(meaning);
  } else if (info) {
    const meaning = valueMeaning(name, info.default);
    parts.push(`Not set in ${model ? `\`${model.module}\`` : 'these settings'}: Django's default applies.${meaning ? ` ${meaning}` : ''}`);
  }
  return { markdown: parts.join('\n\n'), span: ctx.span };
}
