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
  for (const info of discovered.modules) models.push({ info, model: await evaluateSettings(info, access, options, session) });
  const parts = partsOfOthers(models);
  const byPlace = new Map<string, SettingsDiagnostic>();
  for (const { info, model } of models) {
    if (parts.has(info)) continue;
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

/**
 * Fragments: modules nothing declares as DJANGO_SETTINGS_MODULE and that Django could not run
 * alone (no SECRET_KEY at all): an app's defaults module a project star-imports (checked through
 * its importers only, where what it leaves out is set; alone it would report it missing, Misago's
 * admin.E410 as an error), or a snippet nothing imports (Argus' docs/django_settings.py). A complete
 * module that others import (a `base.py`, a `demo.py` under `dev.py`) is still checked.
 */
function partsOfOthers(models: WorkspaceSettings['models']): Set<SettingsModuleInfo> {
  return new Set(models.filter(({ info, model }) => !info.declaredBy && info.file !== undefined && model.get('SECRET_KEY') === undefined)
    .map(({ info }) => info));
}

/**
 * In a repository of several Django projects (one manage.py each), the settings each project's
 * manage.py names, by the project's folder ('' for the root); empty with one project or when the
 * user named the settings module (it then holds for every file).
 */
export function settingsByProject(settings: WorkspaceSettings): Map<string, SettingsModel> {
  const byFolder = new Map<string, SettingsModel>();
  if (settings.discovered.primary?.declaredBy?.source === 'override') return byFolder;
  for (const { info, model } of settings.models) {
    if (info.declaredBy?.source !== 'manage.py') continue;
    const file = info.declaredBy.file;
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    if (!byFolder.has(folder)) byFolder.set(folder, model);
  }
  return byFolder.size > 1 ? byFolder : new Map();
}
