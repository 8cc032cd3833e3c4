// The whole-workspace pass the shells run: find every settings module, evaluate each once, check each,
// and merge diagnostics that several modules report at the same place (a base module shared by dev and prod).
import type { RuleSeverity } from '../../../common/settings';
import { findSettingsModules, type DiscoveredSettings, type SettingsModuleInfo } from '../settings/discover';
import { createEvaluation, evaluateSettings } from '../settings/evaluate';
import { moduleOfFile, projectRoots } from '../settings/modules';
import type { EvaluateOptions, SettingsModel, WorkspaceAccess } from '../settings/types';
import { checkSettings } from './check';
import type { SettingsDiagnostic } from './types';

export interface WorkspaceCheckOptions extends EvaluateOptions {
  settingsModule?: string | null;
  djangoVersion?: string;
  severity?: Readonly<Record<string, RuleSeverity>>;
}

export interface WorkspaceSettings {
  discovered: DiscoveredSettings;
  /** The primary module's model (what Django would load), when there is one. */
  primary: SettingsModel | null;
  models: { info: SettingsModuleInfo; model: SettingsModel }[];
  diagnostics: SettingsDiagnostic[];
}

const rank: Record<SettingsDiagnostic['severity'], number> = { error: 0, warning: 1, info: 2, hint: 3 };

export async function checkWorkspaceSettings(access: WorkspaceAccess, options: WorkspaceCheckOptions = {}): Promise<WorkspaceSettings> {
  const discovered = await findSettingsModules(access, { settingsModule: options.settingsModule, productionSettings: options.productionSettings });
  const session = await createEvaluation(access, options);
  const fileSet = new Set(access.files);
  const roots = projectRoots(access.files);
  const workspaceModules = new Set(access.files.map((f) => moduleOfFile(f, fileSet, roots)).filter((m): m is string => m !== null));
  const models: WorkspaceSettings['models'] = [];
  const byPlace = new Map<string, SettingsDiagnostic>();
  for (const info of discovered.modules) {
    const model = await evaluateSettings(info, access, options, session);
    models.push({ info, model });
    for (const d of checkSettings(model, { djangoVersion: options.djangoVersion, severity: options.severity, production: info.production, workspaceModules })) {
      const key = `${d.file}:${d.span.startLine}:${d.span.startColumn}:${d.code}:${d.djangoId}`;
      const seen = byPlace.get(key);
      if (!seen || rank[d.severity] < rank[seen.severity]) byPlace.set(key, d);
    }
  }
  const primaryModule = discovered.primary?.module;
  const primary = models.find((m) => m.info.module === primaryModule && m.info.file === discovered.primary?.file)?.model ?? null;
  return { discovered, primary, models, diagnostics: [...byPlace.values()] };
}
