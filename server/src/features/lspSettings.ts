// Settings diagnostics, completion and hover (from the settings engineer's helpers) as LSP
// types, so the shell only forwards.
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Position } from 'vscode-languageserver-types';
import { MAX_PARSE_BYTES } from '../index/files';
import type { SettingsDiagnostic, SettingsFix } from '../rules/types';
import type { SettingsModel } from '../settings/types';
import type { FeatureContext } from './context';
import { loadedParser } from './pythonTree';
import { rangeOf } from './ranges';
import { settingsCompletions } from './settingsCompletion';
import { settingsHover } from './settingsHover';

export const SETTINGS_SOURCE = 'django-sessions (settings)';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

/** Settings diagnostics grouped by file, as LSP diagnostics carrying their fixes. */
export function settingsDiagnostics(diagnostics: readonly SettingsDiagnostic[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const message = d.djangoId ? `${d.message} (${d.djangoId})` : d.message;
    const lsp: Diagnostic = { range: rangeOf(d.span), severity: SEVERITY[d.severity], code: d.code, source: SETTINGS_SOURCE, message, data: { fixes: d.fixes } };
    byFile.set(d.file, [...(byFile.get(d.file) ?? []), lsp]);
  }
  return byFile;
}

export function settingsCodeActions(context: FeatureContext, diagnostics: Diagnostic[]): CodeAction[] {
  return diagnostics.filter((d) => d.source === SETTINGS_SOURCE).flatMap((diagnostic) => {
    const fixes = ((diagnostic.data as { fixes?: SettingsFix[] } | undefined)?.fixes ?? []);
    return fixes.map((fix, i): CodeAction => {
      const changes: Record<string, { range: ReturnType<typeof rangeOf>; newText: string }[]> = {};
      for (const edit of fix.edits) (changes[context.uriOf(edit.file)] ??= []).push({ range: rangeOf(edit.span), newText: edit.newText });
      return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: i === 0, edit: { changes } };
    });
  });
}

export function settingsCompletionItems(text: string, position: Position, model: SettingsModel | null): CompletionItem[] {
  const parser = loadedParser();
  if (!parser || text.length > MAX_PARSE_BYTES) return [];
  return settingsCompletions(parser, text, position, model ?? undefined).map((item) => ({
    label: item.label,
    kind: item.kind === 'setting' ? CompletionItemKind.Constant : CompletionItemKind.Value,
    detail: item.detail,
    documentation: { kind: 'markdown', value: item.documentation },
    textEdit: { range: rangeOf(item.replace), newText: item.insertText },
  }));
}

export function settingsHoverOf(text: string, position: Position, model: SettingsModel | null): Hover | null {
  const parser = loadedParser();
  const found = parser && text.length <= MAX_PARSE_BYTES ? settingsHover(parser, text, position, model ?? undefined) : null;
  return found ? { contents: { kind: 'markdown', value: found.markdown }, range: rangeOf(found.span) } : null;
}
