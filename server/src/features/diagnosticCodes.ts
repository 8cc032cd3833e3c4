// The code diagnostics of session keys: one table of stable codes with default severities
// (documented in docs/diagnostics.md; `djangoSessions.severity` overrides them by code).
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../../../common/settings';

export interface CodeRule {
  code: string;
  title: string;
  severity: RuleSeverity;
}

export const CODE_RULES = {
  DS101: { code: 'DS101', title: 'Session key read but never written', severity: 'warning' },
  DS102: { code: 'DS102', title: 'Session key written but never read', severity: 'hint' },
  DS103: { code: 'DS103', title: 'Value the JSON session serializer cannot store', severity: 'warning' },
  DS104: { code: 'DS104', title: 'Nested mutation of a session value is not saved', severity: 'warning' },
} as const satisfies Record<string, CodeRule>;

export type CodeRuleId = keyof typeof CODE_RULES;

const LSP_SEVERITY: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The configured severity of a code (or `fallback`), null when turned off. */
export function severityOf(overrides: Record<string, RuleSeverity>, code: string, fallback: RuleSeverity): DiagnosticSeverity | null {
  const level = overrides[code] ?? fallback;
  return level === 'off' ? null : LSP_SEVERITY[level];
}
