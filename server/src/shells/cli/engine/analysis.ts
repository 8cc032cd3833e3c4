// The CLI's calls into the analysis engine (index, key features, settings rules), mapped to CLI
// records: workspace-relative paths, 1-based positions. A part that has not landed makes its command
// fail with "not available in this build".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../../../../common/settings';
import type { FeatureContext } from '../../../features/context';
import { CODE_RULES } from '../../../features/diagnosticCodes';
import { diagnosticsFor } from '../../../features/diagnostics';
import { keySummaries } from '../../../features/keyInfo';
import { indexWorkspace } from '../../../index';
import type { CliAccess, CliDiagnostic, CliKey, CliRule } from '../model';
import { notAvailable } from '../errors';
import type { Severity } from '../options';
import type { Progress } from '../progress';
import { projectSettings } from './settings';

export interface CheckResult {
  diagnostics: CliDiagnostic[];
  rules: CliRule[];
}

/** The index of a project with its settings (for `settings.X` keys and the serializer), as the LSP builds it. */
async function featureContext(root: string, progress: Progress, env: Record<string, string | undefined>): Promise<FeatureContext> {
  const { index } = await indexWorkspace(root, {
    exclude: defaultSettings.exclude,
    progress: (done, total) => progress.update(`indexing ${done}/${total} files`),
  });
  // No settings module is fine for keys: `settings.X` keys then stay unresolved.
  const settings = await projectSettings(root, env).catch(() => undefined);
  if (settings) index.setSettings(settings.model);
  return {
    index,
    config: defaultSettings,
    uriOf: (file) => file, // the CLI prints workspace-relative paths where the editor has URIs
    textOf: (file) => {
      try {
        return readFileSync(join(root, file), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export async function collectKeys(root: string, progress: Progress, env: Record<string, string | undefined>): Promise<CliKey[]> {
  const context = await featureContext(root, progress, env);
  const keys: CliKey[] = keySummaries(context).map((summary) => ({
    key: summary.key, pattern: summary.pattern, builtin: summary.builtin,
    accesses: summary.accesses.map((a) => ({ file: a.uri, line: a.line + 1, column: a.character + 1, op: a.op as CliAccess['op'], ...(a.valueType ? { valueType: a.valueType } : {}) })),
  }));
  // Accesses whose key cannot be known at all are listed together, as `key: null`.
  const unknowable = context.index.patternAccesses().filter((a) => a.access.key === null);
  if (unknowable.length > 0) {
    keys.push({
      key: null, pattern: false, builtin: false,
      accesses: unknowable.map(({ file, access }) => ({ file, line: access.span.startLine + 1, column: access.span.startColumn + 1, op: access.op, ...(access.valueType ? { valueType: access.valueType } : {}) })),
    });
  }
  return keys;
}

const lspSeverity: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function keyDiagnostic(file: string, d: Diagnostic): CliDiagnostic {
  return {
    file, line: d.range.start.line + 1, column: d.range.start.character + 1,
    endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
    code: String(d.code), severity: lspSeverity[d.severity ?? 2] ?? 'warning', message: typeof d.message === 'string' ? d.message : d.message.value, django: null,
  };
}

const keyRules: CliRule[] = Object.values(CODE_RULES).map((rule) => ({
  code: rule.code, name: rule.title, summary: rule.title, django: null, defaultSeverity: rule.severity as Severity,
  help: `${rule.title}. See docs/diagnostics.md#${rule.code.toLowerCase()}.`,
}));

export async function checkWorkspace(root: string, progress: Progress, env: Record<string, string | undefined>): Promise<CheckResult> {
  const context = await featureContext(root, progress, env);
  const diagnostics = context.index.files().flatMap((file) => diagnosticsFor(context, file).map((d) => keyDiagnostic(file, d)));
  throw notAvailable(`settings checks (server/src/settings: checkSettings); ${diagnostics.length} key diagnostics were found`);
  return { diagnostics, rules: keyRules };
}
