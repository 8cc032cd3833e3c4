// `check` output: text like eslint/ruff (file:line:col: severity code message), and JSON.
import type { CliDiagnostic } from '../model';

export function diagnosticsText(diagnostics: CliDiagnostic[]): string {
  const lines = diagnostics.map((d) =>
    `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}${d.django ? ` [${d.django}]` : ''}`);
  return lines.join('\n') + (lines.length ? '\n\n' : '') + summary(diagnostics) + '\n';
}

function summary(diagnostics: CliDiagnostic[]): string {
  if (diagnostics.length === 0) return 'No problems found.';
  const counts = (['error', 'warning', 'info', 'hint'] as const)
    .map((s) => [s, diagnostics.filter((d) => d.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : s === 'info' ? '' : 's'}`);
  const total = diagnostics.length;
  return `${total} problem${total === 1 ? '' : 's'} (${counts.join(', ')})`;
}

export function diagnosticsJson(diagnostics: CliDiagnostic[]): string {
  const items = diagnostics.map(({ file, line, column, endLine, endColumn, code, severity, message, django }) =>
    ({ file, line, column, endLine, endColumn, code, severity, message, django }));
  return JSON.stringify({ diagnostics: items }, null, 2) + '\n';
}

/** Stable order: file, position, code. */
export function sortDiagnostics(diagnostics: CliDiagnostic[]): CliDiagnostic[] {
  return [...diagnostics].sort((a, b) =>
    byText(a.file, b.file) || a.line - b.line || a.column - b.column || byText(a.code, b.code));
}

/** Code-point order, independent of the machine's locale (golden outputs must not vary). */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
