// The settings API for the LSP and CLI shells. Workspace access is injected; nothing here does IO.
//
//   const ws = { files, readFile };                       // workspace-relative POSIX paths
//   const { primary, modules } = await findSettingsModules(ws);
//   const model = await evaluateSettings(primary.module, ws, { env: process.env });
//   model.get('SESSION_ENGINE')                           // { value: known | env | unknown, file, span }
//   const diagnostics = checkSettings(model, { djangoVersion: '3.2' });
//   // or all at once, merged across dev/prod modules:
//   const all = await checkWorkspaceSettings(ws, { djangoVersion: '5.2' });
export type { EnvCast, EvaluateOptions, Known, SettingAssignment, SettingsModel, SettingsProblem, SettingValue, WorkspaceAccess } from './types';
export { findSettingsModules, isSettingsLikeFile, type DiscoveredSettings, type SettingsModuleInfo } from './discover';
export { createEvaluation, evaluateSettings, isSettingName } from './evaluate';
export { isProductionModule } from './production';
export { fileOfModule, moduleOfFile } from './modules';
export { settingInfo, settingsCatalog, sessionEngines, defaultOf } from './catalog';
export { describeValue, isSecretSetting, resolve, truthy } from './values';
// The rules live in ../rules (they depend on this folder); re-exported so shells have one entry point.
export { checkSettings, djangoIdsReported, type CheckOptions } from '../rules/check';
export { checkWorkspaceSettings, settingsByProject, type WorkspaceSettings, type WorkspaceCheckOptions } from '../rules/workspace';
export type { SettingsDiagnostic, SettingsFix, TextEdit } from '../rules/types';
export { rules } from '../rules/registry';
