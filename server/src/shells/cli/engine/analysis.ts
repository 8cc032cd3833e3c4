// The CLI's calls into the analysis engine (index, key features, settings rules), mapped to CLI
// records: workspace-relative paths, 1-based positions.
import type { Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../../../../common/settings';
import type { FeatureContext } from '../../../features/context';
import { CODE_RULES } from '../../../features/diagnosticCodes';
import { diagnosticsFor } from '../../../features/diagnostics';
import { keySummaries } from '../../../features/keyInfo';
import { cacheDirFromEnv, indexWorkspace } from '../../../index';
import { checkWorkspaceSettings, rules as settingsRules, settingsByProject, type SettingsDiagnostic, type SettingsModel } from '../../../settings';
import type { CliAccess, CliDiagnostic, CliKey, CliRule } from '../model';
import type { Severity } from '../options';
import type { Progress } from '../progress';
import { ruleHelp } from './ruleHelp';
import { diskWorkspace } from './workspace';

export interface AnalysisOptions {
  progress: Progress;
  env: Record<string, string | undefined>;
  /** Django version the deploy checks follow (their verdicts differ between 3.2 and 5.x). */
  djangoVersion?: string;
}

interface Analysis {
  context: FeatureContext;
  settingsDiagnostics: SettingsDiagnostic[];
  /** The module Django would load, evaluated. */
  settings: SettingsModel | null;
}

/** Indexes the project and evaluates its settings, as the language server does for a workspace folder. */
async function analyze(root: string, options: AnalysisOptions): Promise<Analysis> {
  const { index } = await indexWorkspace(root, {
    exclude: defaultSettings.exclude,
    cacheDir: cacheDirFromEnv(options.env),
    progress: (done, total) => options.progress.update(`indexing ${done}/${total} files`),
  });
  options.progress.update('evaluating settings');
  const workspace = diskWorkspace(root, index.knownFiles());
  const settings = await checkWorkspaceSettings(workspace, { env: options.env, root, djangoVersion: options.djangoVersion });
  // `settings.X` keys and the session serializer come from the module Django would load.
  index.setSettings(settings.primary, settingsByProject(settings));
  const context: FeatureContext = {
    index,
    config: defaultSettings,
    uriOf: (file) => file, // the CLI prints workspace-relative paths where the editor has URIs
    textOf: (file) => workspace.readFile(file),
  };
  return { context, settingsDiagnostics: settings.diagnostics, settings: settings.primary };
}

export async function collectKeys(root: string, options: AnalysisOptions): Promise<CliKey[]> {
  return keysOf((await analyze(root, options)).context);
}

function keysOf(context: FeatureContext): CliKey[] {
  const keys: CliKey[] = keySummaries(context).map((summary) => ({
    key: summary.key, pattern: summary.pattern, builtin: summary.builtin, ...(summary.writer ? { writer: summary.writer } : {}),
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

export interface CheckResult {
  diagnostics: CliDiagnostic[];
  rules: CliRule[];
}

export async function checkWorkspace(root: string, options: AnalysisOptions): Promise<CheckResult> {
  return checkOf(await analyze(root, options));
}

/** Keys, findings and the settings model from one pass (the demo shows all three). */
export async function exploreProject(root: string, options: AnalysisOptions): Promise<{ keys: CliKey[]; check: CheckResult; settings: SettingsModel | null }> {
  const analysis = await analyze(root, options);
  return { keys: keysOf(analysis.context), check: checkOf(analysis), settings: analysis.settings };
}

function checkOf({ context, settingsDiagnostics }: Analysis): CheckResult {
  const keyDiagnostics = context.index.files().flatMap((file) => diagnosticsFor(context, file).map((d) => fromLsp(file, d)));
  return { diagnostics: [...settingsDiagnostics.map(fromSettings), ...keyDiagnostics], rules: [...settingsRuleDocs, ...keyRuleDocs] };
}

function fromSettings(d: SettingsDiagnostic): CliDiagnostic {
  return {
    // A module named by DJANGO_SETTINGS_MODULE but missing from the project has no file.
    file: d.file || `<${d.module}>`, line: d.span.startLine + 1, column: d.span.startColumn + 1, endLine: d.span.endLine + 1, endColumn: d.span.endColumn + 1,
    code: d.code, severity: d.severity, message: d.message, django: d.djangoId,
  };
}

const lspSeverity: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function fromLsp(file: string, d: Diagnostic): CliDiagnostic {
  return {
    file, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
    code: String(d.code), severity: lspSeverity[d.severity ?? 2] ?? 'warning',
    message: typeof d.message === 'string' ? d.message : String(d.message), django: null,
  };
}

const settingsRuleDocs: CliRule[] = settingsRules.map((rule) => ({
  code: rule.code, name: rule.name, summary: rule.summary, djangoIds: rule.djangoIds,
  defaultSeverity: rule.severity.production === 'off' ? 'hint' : rule.severity.production,
  help: ruleHelp(rule.summary, rule.docs),
}));

const keyRuleDocs: CliRule[] = Object.values(CODE_RULES).map((rule) => ({
  code: rule.code, name: rule.title, summary: rule.title, djangoIds: [],
  defaultSeverity: rule.severity,
  help: `${rule.title}. See docs/diagnostics.md.`,
}));
